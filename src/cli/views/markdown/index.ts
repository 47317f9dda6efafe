import { printable } from "../../../core/printable.js";
import { cleanDeep } from "../clean.js";
import { nextCommands } from "../next-command.js";
import type { View } from "../view.js";
import { renderDoctorMarkdown } from "./doctor.js";
import { mdText } from "./escape.js";
import { renderFixResultMarkdown } from "./fix-result.js";
import { renderPlanMarkdown } from "./plan.js";
import { renderRunbookListMarkdown, renderRunbookMarkdown } from "./runbooks.js";
import { renderScenariosMarkdown, renderStatusMarkdown } from "./sim.js";

/** For a pull request, a change review or a CI job summary. */
// Every value is made printable first (clean.ts), then escaped where markdown would read it (escape.ts).
export const view: View = {
  doctor: (report) => renderDoctorMarkdown(cleanDeep(report), nextCommands(report)),
  // Before a real run the plan is context for a person at a terminal: only the text view gives it.
  plan: (plan, _style, dryRun) => (dryRun ? renderPlanMarkdown(cleanDeep(plan)) : ""),
  fixResult: (result) => renderFixResultMarkdown(cleanDeep(result)),
  runbooks: (runbooks) => renderRunbookListMarkdown(cleanDeep(runbooks)),
  runbook: (runbook) => renderRunbookMarkdown(cleanDeep(runbook)),
  scenarios: (scenarios) => renderScenariosMarkdown(cleanDeep(scenarios)),
  simStatus: (summary) => renderStatusMarkdown(cleanDeep(summary)),
  notice: (_data, text) => `${mdText(printable(text))}\n`,
};
