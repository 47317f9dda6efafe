import type { FixResult } from "../../app/fix-result-schema.js";
import type { Plan } from "../../remediate/plan.js";
import type { Runbook } from "../../remediate/runbook-schema.js";
import type { DoctorReport } from "../../report/doctor-report.js";
import type { WorldSummary } from "../../sim/summary.js";
import type { Style } from "./style.js";

/** A bundled scenario as `kcs sim scenarios` lists it. */
export interface ScenarioInfo {
  name: string;
  description: string;
  findings: string[];
}

/**
 * One output format (`-o`): how each thing a command reports is written. Every command renders
 * through the view of the chosen format; none tests the format itself. Each method returns the text
 * for stdout ("" for nothing).
 */
export interface View {
  doctor(report: DoctorReport, style: Style): string;
  /**
   * A plan. In a dry run it is the command's result; before a real run it is context for the person
   * confirming (written to stderr), which only the text view gives.
   */
  plan(plan: Plan, style: Style, dryRun: boolean): string;
  /** The end of a run that applied a plan (or found nothing to do). */
  fixResult(result: FixResult, style: Style): string;
  runbooks(runbooks: Runbook[], style: Style): string;
  runbook(runbook: Runbook, style: Style): string;
  scenarios(scenarios: ScenarioInfo[], style: Style): string;
  simStatus(summary: WorldSummary, style: Style): string;
  /** A short confirmation (sim init, faults, advance, serve): the data as JSON, or a sentence. */
  notice(data: object, text: string, style: Style): string;
}
