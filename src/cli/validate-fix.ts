import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
import type { FixArgs } from "./commands/fix.js";

/**
 * kcs fix's flags that cannot go together, or mean nothing where they are given, refused before
 * anything is read: each of these used to be ignored without a word.
 */
export function checkFixFlags(
  args: Pick<
    FixArgs,
    "plan" | "dryRun" | "out" | "finding" | "param" | "includeWarnings" | "hsmHook" | "backend"
  >,
): void {
  if (args.plan && args.dryRun) throw new UsageError(t("fix.flags.planAndDryRun"));
  if (args.plan) {
    // A saved plan fixed its findings and parameters when it was made, and is its own file.
    const shaping = [
      ["--out", args.out],
      ["--finding", args.finding],
      ["--param", args.param],
      ["--include-warnings", args.includeWarnings || undefined],
    ] as const;
    for (const [flag, value] of shaping) {
      if (value !== undefined) throw new UsageError(t("fix.flags.shapes", { flag }));
    }
  }
  if (args.hsmHook !== undefined && args.backend === "sim") throw new UsageError(t("fix.flags.hookOnSim"));
}
