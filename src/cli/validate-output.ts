import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
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
  // Joined by hand, not Intl.ListFormat: the English line stays "-o text or -o json" as it always was.
  const formats = supported.map((m) => `-o ${m}`).join(t("errors.output.or"));
  throw new UsageError(t("errors.output.notThisFormat", { command, supported: formats, why, mode }));
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
      ? t("errors.output.ssmNeedsDryRun")
      : t("errors.output.ssmPlanOnly", {
          command,
          supported: DOCUMENT_MODES.map((m) => `-o ${m}`).join(", "),
        }),
  );
}
