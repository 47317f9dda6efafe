import { UsageError } from "../core/errors.js";
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
  if (args.plan && args.dryRun)
    throw new UsageError("--plan applies a saved plan; --dry-run makes one. Use one of them.");
  if (args.plan) {
    // A saved plan fixed its findings and parameters when it was made, and is its own file.
    const shaping = [
      ["--out", args.out],
      ["--finding", args.finding],
      ["--param", args.param],
      ["--include-warnings", args.includeWarnings || undefined],
    ] as const;
    for (const [flag, value] of shaping) {
      if (value !== undefined)
        throw new UsageError(
          `${flag} shapes a new plan, and --plan applies a saved one as it was made: drop ${flag}, or make a new plan with kcs fix --dry-run ... --out PLAN.json.`,
        );
    }
  }
  if (args.hsmHook !== undefined && args.backend === "sim")
    throw new UsageError(
      "--hsm-hook is for --backend aws; on the simulator its simulated HSM operator does the manual steps: drop --hsm-hook, or add --backend aws.",
    );
}
