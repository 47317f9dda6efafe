import type { Backend } from "../backend/backend.js";
import type { Budget } from "../core/budget.js";
import type { RunClock } from "../core/clock.js";
import type { Secret } from "../core/secret.js";
import { diagnose } from "../diagnose/diagnose.js";
import type { Finding } from "../diagnose/finding.js";
import { gather, type KeyStoreMemory } from "../gather/gather.js";
import type { DeleteKeyMemory } from "../gather/remembered-deletes.js";
import type { Snapshot } from "../gather/snapshot.js";
import type { XksProbeCredential } from "../gather/xks-sign.js";
import type { Ledger } from "../remediate/ledger.js";

/** What kcs sees: the live state, with what only kcs's ledger remembers, and what is wrong with it. */
export interface Observation {
  snapshot: Snapshot;
  findings: Finding[];
}

export interface ObserveOptions {
  /** Store ids or names; empty = every store. */
  stores?: string[];
  /** How far back CloudTrail is read (at most its 90 days). */
  sinceMs?: number;
  probe?: boolean;
  /** With `probe`: proxy credentials (matched to stores by access key id) for calling XKS proxies. */
  xksCredentials?: XksProbeCredential[];
  /** With `probe`: asked for the secret of a proxy access key id no given credential has (hidden prompt). */
  xksAsk?: (accessKeyId: string) => Promise<Secret | undefined>;
  /** Per-key Encrypt checks (doctor --probe; fix checks its own work with them). */
  probeKeys?: boolean;
  now: Date;
  /** Also read ConnectCustomKeyStore events (planning a fix: does a backup hold KMS's password?). */
  connectEvents?: boolean;
  /** The clock gather paces its reads on (default: real time). */
  timer?: RunClock;
  /** --max-time */
  budget?: Budget;
  /**
   * Record in the ledger what the observation settles: a store seen CONNECTED has a password KMS
   * knows, so nothing is in flight for it any more. Doctor reads only; fix records.
   */
  record?: boolean;
  /** What earlier runs remembered of this account (app/account-caches.ts); absent: read everything. */
  memory?: AccountMemory;
  /**
   * --cloudtrail-dir: folders of CloudTrail log files as a trail delivers them to S3, read besides
   * LookupEvents (whole: they are how events older than its 90 days are found).
   */
  cloudtrailDirs?: string[];
}

/** Each part is optional: without it, that read is done in full. */
export interface AccountMemory {
  /** Which store each key is in (app/key-store-cache.ts): default-store keys are not described again. */
  keyStores?: KeyStoreMemory;
  /** Custom key stores' DeleteKey events (app/deletekey-cache.ts): CloudTrail is read from where they end. */
  deleteKeys?: DeleteKeyMemory;
}

const NINETY_DAYS = 90 * 86_400_000;

/**
 * gather + the ledger's facts + diagnose: the one way doctor, fix, its verify steps and its final
 * check see the world, so they never disagree about it.
 */
export async function observe(backend: Backend, ledger: Ledger, opts: ObserveOptions): Promise<Observation> {
  const read = await gather(backend.clients, {
    backend: backend.kind,
    ...(opts.stores?.length ? { stores: opts.stores } : {}),
    since: new Date(opts.now.getTime() - Math.min(opts.sinceMs ?? NINETY_DAYS, NINETY_DAYS)),
    probe: opts.probe === true,
    ...(opts.probe
      ? {
          xksProbe: {
            transport: backend.xks,
            credentials: opts.xksCredentials ?? [],
            ...(opts.xksAsk ? { ask: opts.xksAsk } : {}),
          },
        }
      : {}),
    ...(opts.probeKeys ? { probeKeys: true } : {}),
    now: opts.now,
    ...(opts.timer ? { timer: opts.timer } : {}),
    ...(opts.budget ? { budget: opts.budget } : {}),
    ...(opts.connectEvents ? { connectEvents: true } : {}),
    ...(opts.memory?.keyStores ? { keyStores: opts.memory.keyStores } : {}),
    ...(opts.memory?.deleteKeys ? { deleteKeys: opts.memory.deleteKeys } : {}),
    ...(backend.endpoint ? { endpoint: backend.endpoint } : {}),
  });
  const snapshot = opts.cloudtrailDirs?.length
    ? await withLogFiles(read, opts.cloudtrailDirs, backend.account)
    : read;
  // Orphans kcs already deleted: CloudTrail still shows their FAILURE event for up to 90 days.
  snapshot.resolvedOrphans = ledger.resolvedKeys();
  const connected = new Set(
    snapshot.stores.filter((s) => s.connectionState === "CONNECTED").map((s) => s.customKeyStoreId),
  );
  if (opts.record) for (const id of connected) ledger.connected(id);
  snapshot.passwordsInFlight = ledger
    .passwordsInFlight()
    .filter((p) => !connected.has(p.customKeyStoreId))
    .map((p) => ({ customKeyStoreId: p.customKeyStoreId, cloudHsmClusterId: p.cloudHsmClusterId }));
  // A move whose UpdateCustomKeyStore landed (the store names another cluster than the one it was
  // leaving) needs only its connect: restoring again would make a second, billed cluster.
  const clusterOf = new Map(snapshot.stores.map((s) => [s.customKeyStoreId, s.cloudHsmClusterId]));
  snapshot.movesInFlight = ledger
    .movesInFlight()
    .filter((m) => !connected.has(m.customKeyStoreId))
    .filter((m) => !m.from || clusterOf.get(m.customKeyStoreId) === m.from)
    .map((m) => ({ customKeyStoreId: m.customKeyStoreId, runbook: m.runbook }));
  return { snapshot, findings: diagnose(snapshot) };
}

/** The snapshot with the events of the log files of its account and Region. */
async function withLogFiles(
  snapshot: Snapshot,
  dirs: string[],
  known: string | undefined,
): Promise<Snapshot> {
  // Loaded only when asked for: zlib and the folder walk stay off doctor's usual path.
  const { accountOf, readTrailFiles, withTrailFiles } = await import("../gather/trail-files.js");
  // A fleet target knows its account (STS, the role); otherwise the keys' ARNs name it.
  const account = known || accountOf(snapshot);
  const files = await readTrailFiles(dirs, { ...(account ? { account } : {}), region: snapshot.region });
  return withTrailFiles(snapshot, files);
}
