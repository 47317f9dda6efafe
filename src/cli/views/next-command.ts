import { accessFlags, type TargetAccess } from "../../backend/fleet-flags.js";
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
      /** ...and how its account was reached, so the line reads that account, not the default one. */
      via?: TargetAccess | undefined;
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
      ...accessFlags(f.via),
      "--dry-run",
    ]);
  } catch (err) {
    if (err instanceof UnprintableCommand) return undefined;
    throw err;
  }
}

/**
 * Each finding's next command; only a fleet report's name their Region (one Region's need not) and
 * the profile or role that reached their account.
 */
export function nextCommands(report: {
  targets?: { account: string; region: string; via?: TargetAccess | undefined }[] | undefined;
  findings: (Parameters<typeof nextCommand>[0] & { account?: string | undefined })[];
}): (string | undefined)[] {
  const { targets } = report;
  if (!targets) return report.findings.map((f) => nextCommand({ ...f, region: undefined }));
  return report.findings.map((f) => {
    const via = targets.find((t) => t.account === f.account && t.region === f.region)?.via;
    return nextCommand({ ...f, via });
  });
}
