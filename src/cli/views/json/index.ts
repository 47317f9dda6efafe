import type { View } from "../view.js";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The stable machine contract: each document alone on stdout, shaped as schema/*.schema.json
 * describes (doctor report, plan, fix result); progress and prompts stay on stderr.
 */
export const view: View = {
  doctor: json,
  // A real run's plan is inside its kcs-fix-result: printing it first would put two documents on stdout.
  plan: (plan, _style, dryRun) => (dryRun ? json(plan) : ""),
  fixResult: json,
  runbooks: json,
  runbook: json,
  scenarios: json,
  simStatus: json,
  notice: (data) => json(data),
};
