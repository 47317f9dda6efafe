import type { View } from "../view.js";
import { renderDoctorText } from "./doctor.js";
import { renderFixResult } from "./fix-result.js";
import { renderPlanText } from "./plan.js";
import { renderRunbook, renderRunbookList } from "./runbooks.js";
import { renderScenarios, renderStatus } from "./sim.js";

/** For people at a terminal: colour only on a TTY (the Style decides), every line readable on its own. */
export const view: View = {
  doctor: renderDoctorText,
  plan: renderPlanText,
  fixResult: renderFixResult,
  runbooks: renderRunbookList,
  runbook: renderRunbook,
  scenarios: renderScenarios,
  simStatus: renderStatus,
  notice: (_data, text) => `${text}\n`,
};
