import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { KcsError } from "../core/errors.js";
import { ensurePrivateDir, readRegularFile, removeStaleTemps, writeFileAtomic } from "../core/files.js";
import { t } from "../i18n/index.js";

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
  /** The cluster the store was leaving: once the store names another, the move itself is done. */
  from?: string;
}

/**
 * The ledger file's members: each a list (absent: empty) of records of text fields, each at most so
 * long, `from` alone optional. Checked whole when read: a damaged ledger is refused, never silently
 * forgotten. Written out rather than as a zod schema: doctor opens the ledger on every run, and
 * loading zod for it cost each run 3-4 ms.
 */
const LEDGER_FIELDS = {
  resolvedOrphans: {
    eventId: 128,
    backingKeyId: 256,
    keyArn: 2048,
    cloudHsmClusterId: 64,
    resolvedAt: 64,
    how: 512,
  },
  passwordsInFlight: { customKeyStoreId: 64, cloudHsmClusterId: 64, runbook: 64, since: 64 },
  failedLogins: { customKeyStoreId: 64, cloudHsmClusterId: 64, at: 64 },
  movesInFlight: { customKeyStoreId: 64, runbook: 64, since: 64, from: 64 },
} as const satisfies { [L in keyof LedgerFile]: Record<keyof LedgerFile[L][number], number> };
const OPTIONAL = new Set(["movesInFlight.from"]);
const MAX_ENTRIES = 100_000;

interface LedgerFile {
  resolvedOrphans: ResolvedOrphan[];
  passwordsInFlight: PasswordInFlight[];
  failedLogins: FailedLogin[];
  movesInFlight: MoveInFlight[];
}

/**
 * The ledger's JSON as kcs wrote it, holding only the members it knows; or where it is first wrong
 * ("failedLogins.0.at"; "" for a file that is not an object).
 */
export function parseLedger(data: unknown): { ledger: LedgerFile } | { at: string } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { at: "" };
  const file = data as Record<string, unknown>;
  const out: Record<string, Record<string, string>[]> = {};
  for (const [list, fields] of Object.entries(LEDGER_FIELDS)) {
    // Absent is empty, as kcs writes every list; null is damage.
    const items = file[list] === undefined ? [] : file[list];
    if (!Array.isArray(items) || items.length > MAX_ENTRIES) return { at: list };
    const kept: Record<string, string>[] = [];
    for (const [i, item] of items.entries()) {
      if (typeof item !== "object" || item === null || Array.isArray(item)) return { at: `${list}.${i}` };
      const entry: Record<string, string> = {};
      for (const [field, max] of Object.entries(fields)) {
        const value = (item as Record<string, unknown>)[field];
        if (value === undefined && OPTIONAL.has(`${list}.${field}`)) continue;
        if (typeof value !== "string" || value.length > max) return { at: `${list}.${i}.${field}` };
        entry[field] = value;
      }
      kept.push(entry);
    }
    out[list] = kept;
  }
  // Each list's records hold the fields LEDGER_FIELDS names, which are (satisfies, above) the interface's.
  return { ledger: out as unknown as LedgerFile };
}

/** Far beyond any real ledger; a bigger file is not one. */
const LEDGER_MAX_BYTES = 16 * 1024 * 1024;

export const orphanKey = (eventId: string, backingKeyId: string) => `${eventId}/${backingKeyId}`;

/** What kcs did that AWS's APIs cannot show later: one small JSON file per backend. */
export class Ledger {
  constructor(readonly path: string) {}

  private load(): LedgerFile {
    let raw: string;
    try {
      raw = readRegularFile(this.path, LEDGER_MAX_BYTES, () => t("errors.file.kinds.ledger"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT")
        return { resolvedOrphans: [], passwordsInFlight: [], failedLogins: [], movesInFlight: [] };
      throw err;
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      data = undefined;
    }
    const parsed = parseLedger(data);
    if ("at" in parsed) {
      // Forgetting it would forget failed kmsuser logins and moves in flight: refuse instead.
      throw new KcsError(t("fix.ledgerDamaged", { path: this.path, field: parsed.at || "not JSON" }));
    }
    return parsed.ledger;
  }

  private save(data: LedgerFile): void {
    ensurePrivateDir(dirname(this.path));
    removeStaleTemps(this.path);
    writeFileAtomic(this.path, `${JSON.stringify(data, null, 2)}\n`);
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
  startMove(customKeyStoreId: string, runbook: string, at: string, from?: string): void {
    const data = this.load();
    if (data.movesInFlight.some((m) => m.customKeyStoreId === customKeyStoreId)) return;
    data.movesInFlight.push({ customKeyStoreId, runbook, since: at, ...(from ? { from } : {}) });
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
