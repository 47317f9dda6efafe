import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Orphaned key material kcs deleted. CloudTrail keeps the DeleteKey FAILURE event for 90 days and no
 * AWS API can see the HSM's keys, so without this record doctor would report a repaired orphan again.
 */
export interface ResolvedOrphan {
  eventId: string;
  backingKeyId: string;
  keyArn: string;
  cloudHsmClusterId: string;
  resolvedAt: string;
  how: string;
}

/**
 * A store whose kmsuser password kcs began to replace and did not see through to a connection. Until
 * then nobody knows which password KMS holds, so a later run sets a new one instead of reconnecting
 * blindly (each wrong connect counts toward kmsuser's lockout).
 */
export interface PasswordInFlight {
  customKeyStoreId: string;
  /** The cluster whose kmsuser password is unknown to KMS (a restored cluster is not the store's yet). */
  cloudHsmClusterId: string;
  runbook: string;
  since: string;
}

interface LedgerFile {
  resolvedOrphans: ResolvedOrphan[];
  passwordsInFlight: PasswordInFlight[];
}

export const orphanKey = (eventId: string, backingKeyId: string) => `${eventId}/${backingKeyId}`;

/** What kcs did that AWS's APIs cannot show later: one small JSON file per backend. */
export class Ledger {
  constructor(readonly path: string) {}

  private load(): LedgerFile {
    try {
      const data = JSON.parse(readFileSync(this.path, "utf8")) as Partial<LedgerFile>;
      return {
        resolvedOrphans: Array.isArray(data.resolvedOrphans) ? data.resolvedOrphans : [],
        passwordsInFlight: Array.isArray(data.passwordsInFlight) ? data.passwordsInFlight : [],
      };
    } catch {
      return { resolvedOrphans: [], passwordsInFlight: [] };
    }
  }

  private save(data: LedgerFile): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(tmp, this.path);
  }

  read(): ResolvedOrphan[] {
    return this.load().resolvedOrphans;
  }

  /** "eventId/backingKeyId" of every orphan kcs deleted: what doctor leaves out. */
  resolvedKeys(): string[] {
    return this.read().map((e) => orphanKey(e.eventId, e.backingKeyId));
  }

  add(entry: ResolvedOrphan): void {
    const data = this.load();
    data.resolvedOrphans = data.resolvedOrphans.filter(
      (e) => orphanKey(e.eventId, e.backingKeyId) !== orphanKey(entry.eventId, entry.backingKeyId),
    );
    data.resolvedOrphans.push(entry);
    this.save(data);
  }

  passwordsInFlight(): PasswordInFlight[] {
    return this.load().passwordsInFlight;
  }

  startPassword(customKeyStoreId: string, cloudHsmClusterId: string, runbook: string): void {
    const data = this.load();
    if (
      data.passwordsInFlight.some(
        (p) => p.customKeyStoreId === customKeyStoreId && p.cloudHsmClusterId === cloudHsmClusterId,
      )
    ) {
      return;
    }
    data.passwordsInFlight.push({
      customKeyStoreId,
      cloudHsmClusterId,
      runbook,
      since: new Date().toISOString(),
    });
    this.save(data);
  }

  finishPassword(customKeyStoreId: string): void {
    const data = this.load();
    if (!data.passwordsInFlight.some((p) => p.customKeyStoreId === customKeyStoreId)) return;
    data.passwordsInFlight = data.passwordsInFlight.filter((p) => p.customKeyStoreId !== customKeyStoreId);
    this.save(data);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
