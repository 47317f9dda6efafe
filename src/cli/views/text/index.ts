import { printable } from "../../../core/printable.js";
import { cleanDeep } from "../clean.js";
import { nextCommands } from "../next-command.js";
import type { View } from "../view.js";
import { renderDoctorText } from "./doctor.js";
import { renderFixResult } from "./fix-result.js";
import { renderPlanText } from "./plan.js";
import { renderRunbook, renderRunbookList } from "./runbooks.js";
import { renderScenarios, renderStatus } from "./sim.js";

/** For people at a terminal: colour only on a TTY (the Style decides), every line readable on its own. */
// Every value is made printable before it is laid out: see clean.ts.
export const view: View = {
  doctor: (report, style) => renderDoctorText(cleanDeep(report), style, nextCommands(report)),
  plan: (plan, style, dryRun) => renderPlanText(cleanDeep(plan), style, dryRun),
  fixResult: (result, style) => renderFixResult(cleanDeep(result), style),
  runbooks: (runbooks, style) => renderRunbookList(cleanDeep(runbooks), style),
  runbook: (runbook, style) => renderRunbook(cleanDeep(runbook), style),
  scenarios: (scenarios, style) => renderScenarios(cleanDeep(scenarios), style),
  simStatus: (summary, style) => renderStatus(cleanDeep(summary), style),
  notice: (_data, text) => `${printable(text)}\n`,
};
