import { UsageError } from "../core/errors.js";
import type { OutputMode } from "./views/index.js";

/**
 * -o is global, but not every command can write every format: one it cannot is refused by name,
 * never quietly replaced by another (a CI job asking for markdown must not paste JSON).
 */
export function checkOutput(
  command: string,
  mode: OutputMode,
  supported: readonly OutputMode[],
  why: string,
): void {
  if (supported.includes(mode)) return;
  throw new UsageError(
    `${command} writes ${supported.map((m) => `-o ${m}`).join(" or ")} (${why}), not -o ${mode}.`,
  );
}

/** The formats every command that reports writes; -o ssm-automation is a dry run's plan only. */
const DOCUMENT_MODES = ["text", "json", "markdown"] as const satisfies readonly OutputMode[];

/**
 * -o ssm-automation is a plan's form on AWS's own engine: only `kcs fix --dry-run` has one. Refused
 * elsewhere before anything is read, naming the formats the command does write.
 */
export function checkPlanOnlyOutput(args: { _: (string | number)[]; output?: string; dryRun?: boolean }) {
  if (args.output !== "ssm-automation") return;
  const command = ["kcs", ...args._.map(String)].join(" ");
  if (args._[0] === "fix" && args.dryRun) return;
  throw new UsageError(
    args._[0] === "fix"
      ? "kcs fix writes -o ssm-automation only with --dry-run (the plan as an SSM Automation document, applied by AWS); a run kcs applies writes -o text, -o json or -o markdown."
      : `${command} writes ${DOCUMENT_MODES.map((m) => `-o ${m}`).join(", ")}, not -o ssm-automation (only kcs fix --dry-run writes a plan as an SSM Automation document).`,
  );
}
