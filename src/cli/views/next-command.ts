import type { Finding } from "../../diagnose/finding.js";

/** What to run next for a finding: the dry run of its runbook on its store, or nothing when only a person can act. */
export function nextCommand(f: Pick<Finding, "runbook" | "customKeyStoreId" | "code">): string | undefined {
  if (!f.runbook) return undefined;
  return `kcs fix --store ${f.customKeyStoreId} --finding ${f.code} --dry-run`;
}
