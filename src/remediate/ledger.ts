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

export class Ledger {
  constructor(readonly path: string) {}

  read(): ResolvedOrphan[] {
    try {
      const data = JSON.parse(readFileSync(this.path, "utf8")) as { resolvedOrphans?: ResolvedOrphan[] };
      return Array.isArray(data.resolvedOrphans) ? data.resolvedOrphans : [];
    } catch {
      return [];
    }
  }

  add(entry: ResolvedOrphan): void {
    const all = this.read().filter(
      (e) => !(e.eventId === entry.eventId && e.backingKeyId === entry.backingKeyId),
    );
    all.push(entry);
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ resolvedOrphans: all }, null, 2)}\n`);
    renameSync(tmp, this.path);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}

export const orphanKey = (eventId: string, backingKeyId: string) => `${eventId}/${backingKeyId}`;
