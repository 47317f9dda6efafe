import type { View } from "../view.js";
import { renderDoctorMarkdown } from "./doctor.js";
import { renderFixResultMarkdown } from "./fix-result.js";
import { renderPlanMarkdown } from "./plan.js";
import { renderRunbookListMarkdown, renderRunbookMarkdown } from "./runbooks.js";
import { renderScenariosMarkdown, renderStatusMarkdown } from "./sim.js";

/** For a pull request, a change review or a CI job summary. */
export const view: View = {
  doctor: (report) => renderDoctorMarkdown(report),
  // Before a real run the plan is context for a person at a terminal: only the text view gives it.
  plan: (plan, _style, dryRun) => (dryRun ? renderPlanMarkdown(plan) : ""),
  fixResult: (result) => renderFixResultMarkdown(result),
  runbooks: (runbooks) => renderRunbookListMarkdown(runbooks),
  runbook: (runbook) => renderRunbookMarkdown(runbook),
  scenarios: (scenarios) => renderScenariosMarkdown(scenarios),
  simStatus: (summary) => renderStatusMarkdown(summary),
  notice: (_data, text) => `${text}\n`,
};
