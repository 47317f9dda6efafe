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

/**
 * A connect kcs started that ended in a failed kmsuser login (INVALID_CREDENTIALS or
 * USER_LOCKED_OUT). kmsuser locks after five; kcs causes at most two between successful connects.
 */
export interface FailedLogin {
  customKeyStoreId: string;
  cloudHsmClusterId: string;
  at: string;
}

/** Failed logins kcs may cause on one cluster between two successful connects. */
export const FAILED_LOGIN_BUDGET = 2;

/**
 * A store a run began to move to a restored cluster (it disconnected it) and did not see connected
 * again. A DISCONNECTED store says nothing of why: the next run must finish the move, not reconnect
 * the store to the cluster it was leaving.
 */
export interface MoveInFlight {
  customKeyStoreId: string;
  runbook: string;
  since: string;
}

interface LedgerFile {
  resolvedOrphans: ResolvedOrphan[];
  passwordsInFlight: PasswordInFlight[];
  failedLogins: FailedLogin[];
  movesInFlight: MoveInFlight[];
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
        failedLogins: Array.isArray(data.failedLogins) ? data.failedLogins : [],
        movesInFlight: Array.isArray(data.movesInFlight) ? data.movesInFlight : [],
      };
    } catch {
      return { resolvedOrphans: [], passwordsInFlight: [], failedLogins: [], movesInFlight: [] };
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

  /** A connect kcs started ended in a failed kmsuser login on this cluster. */
  recordFailedLogin(customKeyStoreId: string, cloudHsmClusterId: string, at: string): void {
    const data = this.load();
    data.failedLogins.push({ customKeyStoreId, cloudHsmClusterId, at });
    this.save(data);
  }

  /** Failed logins kcs caused on this store's cluster since the store last connected. */
  failedLoginsFor(customKeyStoreId: string, cloudHsmClusterId: string): number {
    return this.load().failedLogins.filter(
      (f) => f.customKeyStoreId === customKeyStoreId && f.cloudHsmClusterId === cloudHsmClusterId,
    ).length;
  }

  /** A run disconnected the store to move it to a restored cluster. */
  startMove(customKeyStoreId: string, runbook: string, at: string): void {
    const data = this.load();
    if (data.movesInFlight.some((m) => m.customKeyStoreId === customKeyStoreId)) return;
    data.movesInFlight.push({ customKeyStoreId, runbook, since: at });
    this.save(data);
  }

  movesInFlight(): MoveInFlight[] {
    return this.load().movesInFlight;
  }

  /** The store connected: its password is known, its move done, kmsuser's failed logins back to zero. */
  connected(customKeyStoreId: string): void {
    const data = this.load();
    const count = () => data.failedLogins.length + data.passwordsInFlight.length + data.movesInFlight.length;
    const before = count();
    data.failedLogins = data.failedLogins.filter((f) => f.customKeyStoreId !== customKeyStoreId);
    data.passwordsInFlight = data.passwordsInFlight.filter((p) => p.customKeyStoreId !== customKeyStoreId);
    data.movesInFlight = data.movesInFlight.filter((m) => m.customKeyStoreId !== customKeyStoreId);
    if (count() !== before) this.save(data);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
