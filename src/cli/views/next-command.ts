import { shellLine, UnprintableCommand } from "../../core/shell.js";
import type { Finding } from "../../diagnose/finding.js";

/**
 * What to run next for a finding: the dry run of its runbook on its store, quoted so that pasting it
 * runs exactly that; nothing when only a person can act, or when the store id could not be pasted
 * safely at all (then the line would be a trap, not a help).
 */
export function nextCommand(
  f: Pick<Finding, "runbook" | "customKeyStoreId" | "code"> &
    Partial<Pick<Finding, "evidence">> & {
      /** A fleet report's finding: its Region goes on the line (the store is only there). */
      region?: string | undefined;
    },
): string | undefined {
  if (!f.runbook) return undefined;
  try {
    // An id that starts with "-" would be read as an option (--out=~/.bashrc): no line for it.
    if (f.customKeyStoreId.startsWith("-")) return undefined;
    // What only a probe found, fix must probe to see again.
    const probe = f.evidence?.foundBy === "probe" ? ["--probe"] : [];
    // What only a trail's log files showed, fix must read from them to see again.
    const dir = f.evidence?.cloudtrailDir;
    const trail = typeof dir === "string" ? ["--cloudtrail-dir", dir] : [];
    return shellLine([
      "kcs",
      "fix",
      "--store",
      f.customKeyStoreId,
      "--finding",
      f.code,
      ...probe,
      ...trail,
      ...(f.region ? ["--region", f.region] : []),
      "--dry-run",
    ]);
  } catch (err) {
    if (err instanceof UnprintableCommand) return undefined;
    throw err;
  }
}

/** Each finding's next command; only a fleet report's name their Region (one Region's need not). */
export function nextCommands(report: {
  targets?: unknown[] | undefined;
  findings: Parameters<typeof nextCommand>[0][];
}): (string | undefined)[] {
  return report.findings.map((f) => nextCommand(report.targets ? f : { ...f, region: undefined }));
}
