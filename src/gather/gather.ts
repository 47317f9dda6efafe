import { DescribeBackupsCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  DescribeCustomKeyStoresCommand,
  type DescribeCustomKeyStoresCommandOutput,
  DescribeKeyCommand,
  type DescribeKeyCommandOutput,
  GenerateRandomCommand,
  ListKeysCommand,
} from "@aws-sdk/client-kms";
import {
  errorCode,
  fatalAwsError,
  isAccessDenied,
  isNetworkError,
  isThrottling,
  isTransient,
} from "../backend/aws-errors.js";
import type { AwsClients } from "../backend/clients.js";
import type { XksTransport } from "../backend/xks-transport.js";
import {
  BACKUP_STATES,
  CLUSTER_STATES,
  CONNECTION_STATES,
  HSM_STATES,
  KEY_STATES,
  known,
} from "../core/aws-states.js";
import type { BackendKind } from "../core/backend-options.js";
import { backoffMs } from "../core/backoff.js";
import type { Budget } from "../core/budget.js";
import { monotonicMs, type RunClock } from "../core/clock.js";
import { KcsError, UsageError } from "../core/errors.js";
import { byCodeUnit } from "../core/order.js";
import type { Secret } from "../core/secret.js";
import { t } from "../i18n/index.js";
import { parseDeleteKeyEvent } from "./deletekey-events.js";
import { MANY_KEYS, preferSmallHeap } from "./heap.js";
import { encryptOneByte, KEY_PROBE_RPS, probeKeys } from "./key-probe.js";
import { paced, RateLimiter } from "./limits.js";
import { needsNothing, networkNeeds } from "./network-needs.js";
import { type DeleteKeyMemory, lookupWindow, mergeDeletes } from "./remembered-deletes.js";
import type {
  BackupFacts,
  ClusterFacts,
  ConnectEvent,
  DeleteKeyEvent,
  KeyFacts,
  ProbeResult,
  ReadError,
  Snapshot,
  StoreFacts,
  XksProxyFacts,
} from "./snapshot.js";
import { probeXksStores } from "./xks-probe.js";
import type { XksProbeCredential } from "./xks-sign.js";

export interface GatherOptions {
  backend: BackendKind;
  /** Store ids or names; empty = every store. */
  stores?: string[];
  /** Read CloudTrail from this moment on. */
  since: Date;
  probe?: boolean;
  /**
   * With `probe`: call each external key store's proxy directly (GetHealthStatus, GetKeyMetadata)
   * through this transport, signed with the credential whose access key id the store shows.
   */
  xksProbe?: {
    transport: XksTransport;
    credentials: XksProbeCredential[];
    ask?: (accessKeyId: string) => Promise<Secret | undefined>;
    timeoutMs?: number;
  };
  /** Also Encrypt one byte with every Enabled key of each connected CloudHSM store (see key-probe.ts). */
  probeKeys?: boolean;
  now?: Date;
  /**
   * DescribeKey calls in flight at once (default 64: at 25 ms a call, 50 in flight are what it takes
   * to reach DescribeKey's 2,000 requests/s quota; the pacer keeps kcs under it).
   */
  concurrency?: number;
  /** Remembered key stores: keys known to be in the default store are listed but not described. */
  keyStores?: KeyStoreMemory;
  /** Remembered DeleteKey events: CloudTrail is read only from where they end. */
  deleteKeys?: DeleteKeyMemory;
  endpoint?: string;
  /** Also read ConnectCustomKeyStore events (fix: does a backup hold the password KMS has?). */
  connectEvents?: boolean;
  /** Attempts per LookupEvents page when CloudTrail throttles or fails transiently (default 6). */
  lookupAttempts?: number;
  /** Paces calls under AWS's quotas on this clock (default: real time). Tests pass simulated time. */
  timer?: RunClock;
  /**
   * How long reads may keep riding out throttling and 5xx answers, beyond the SDK's own retries,
   * before a read is reported as failed (default 60s). A throttle a retry got past is no error.
   */
  readBudgetMs?: number;
  /** --max-time: once it is spent no further read is started, and gather ends with an error. */
  budget?: Budget;
  /** Counts every AWS call made (the benchmark compares it with the minimum). */
  onCall?: (service: string, operation: string) => void;
  /** Called once MANY_KEYS keys are to be described (default: preferSmallHeap; tests watch it). */
  onManyKeys?: () => void;
}

/** Requests per second kcs allows itself, under AWS's published quotas. */
const PACE = { DescribeCustomKeyStores: 5, LookupEvents: 2, DescribeKey: 2_000 };

type Service = ReadError["service"];

/** A pacer for one operation's quota, on the gather's timer. */
function limiter(r: Reader, rps: number): RateLimiter {
  const timer = r.opts.timer;
  return timer ? new RateLimiter(rps, rps, timer.now, timer.sleep) : new RateLimiter(rps);
}

class Reader {
  readonly errors: ReadError[] = [];
  private readonly clock: RunClock;
  private readonly deadline: number;
  constructor(
    readonly opts: GatherOptions,
    readonly clients: AwsClients,
  ) {
    this.clock = opts.timer ?? {
      now: monotonicMs,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    this.deadline = this.clock.now() + (opts.readBudgetMs ?? 60_000);
  }

  /**
   * One AWS call; errors that make the whole run pointless are thrown as one-line kcs errors.
   * Throttling and 5xx answers the SDK's retries did not get past are tried again with capped,
   * jittered back-off until the gather's read budget is spent (CloudTrail paces and retries itself).
   */
  async call<T>(service: Service, operation: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const budget = this.opts.budget;
      if (budget?.spent()) {
        throw new KcsError(
          t("doctor.error.outOfTime", { call: `${service}:${operation}`, budget: budget.describe() }),
        );
      }
      this.opts.onCall?.(service, operation);
      try {
        return await fn();
      } catch (err) {
        const wait = backoffMs(attempt);
        // Throttling and AWS's own 5xx only: "cannot communicate with your cluster" is what a probe is
        // for, and an unreachable endpoint is a fatal error, not a reason to wait.
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
        const again =
          isThrottling(err) ||
          (!isNetworkError(err) &&
            (status >= 500 || /Internal(Exception|Failure)|ServiceUnavailable/.test(errorCode(err))));
        const left = Math.min(this.deadline - this.clock.now(), budget?.left() ?? Number.POSITIVE_INFINITY);
        if (service !== "cloudtrail" && again && wait < left) {
          await this.clock.sleep(wait);
          continue;
        }
        const fatal = fatalAwsError(err, service, operation, this.opts.endpoint);
        if (fatal && !/^Access denied/.test(fatal.message)) throw fatal;
        throw err;
      }
    }
  }

  /** A read whose failure is reported under `errors` while the rest of the report goes on. */
  async soft<T>(service: Service, operation: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.call(service, operation, fn);
    } catch (err) {
      if (err instanceof UsageError || (err as { exitCode?: number }).exitCode !== undefined) throw err;
      this.errors.push({
        service,
        operation,
        code: errorCode(err),
        message: (err as Error).message ?? String(err),
      });
      return undefined;
    }
  }
}

function storeFacts(
  s: NonNullable<DescribeCustomKeyStoresCommandOutput["CustomKeyStores"]>[number],
): StoreFacts {
  return {
    customKeyStoreId: s.CustomKeyStoreId ?? "",
    customKeyStoreName: s.CustomKeyStoreName ?? "",
    customKeyStoreType: (s.CustomKeyStoreType ?? "AWS_CLOUDHSM") as StoreFacts["customKeyStoreType"],
    connectionState: known(CONNECTION_STATES, s.ConnectionState),
    ...(s.ConnectionState && known(CONNECTION_STATES, s.ConnectionState) === "UNKNOWN"
      ? { reportedConnectionState: s.ConnectionState }
      : {}),
    ...(s.ConnectionErrorCode ? { connectionErrorCode: s.ConnectionErrorCode } : {}),
    ...(s.CloudHsmClusterId ? { cloudHsmClusterId: s.CloudHsmClusterId } : {}),
    ...(s.CreationDate ? { creationDate: s.CreationDate.toISOString() } : {}),
    ...(s.XksProxyConfiguration ? { xksProxy: proxyFacts(s.XksProxyConfiguration) } : {}),
  };
}

/** Where KMS reaches an external store's proxy; DescribeCustomKeyStores never returns the secret. */
function proxyFacts(
  c: NonNullable<
    NonNullable<DescribeCustomKeyStoresCommandOutput["CustomKeyStores"]>[number]["XksProxyConfiguration"]
  >,
): XksProxyFacts {
  return {
    ...(c.Connectivity ? { connectivity: c.Connectivity } : {}),
    ...(c.UriEndpoint ? { uriEndpoint: c.UriEndpoint } : {}),
    ...(c.UriPath ? { uriPath: c.UriPath } : {}),
    ...(c.VpcEndpointServiceName ? { vpcEndpointServiceName: c.VpcEndpointServiceName } : {}),
    ...(c.AccessKeyId ? { accessKeyId: c.AccessKeyId } : {}),
  };
}

async function readStores(r: Reader, wanted: string[]): Promise<StoreFacts[]> {
  const pace = limiter(r, PACE.DescribeCustomKeyStores);
  const { kms } = r.clients;
  if (wanted.length > 0) {
    const out: StoreFacts[] = [];
    const describe = async (input: { CustomKeyStoreId: string } | { CustomKeyStoreName: string }) => {
      await pace.take();
      try {
        const res = await r.call("kms", "DescribeCustomKeyStores", () =>
          kms.send(new DescribeCustomKeyStoresCommand(input)),
        );
        return res.CustomKeyStores ?? [];
      } catch (err) {
        if (errorCode(err) === "CustomKeyStoreNotFoundException") return [];
        throw fatalAwsError(err, "kms", "DescribeCustomKeyStores") ?? err;
      }
    };
    for (const w of wanted) {
      // A name may look like an id ("cks-payments"): try it as an id first only when it could be one,
      // then as a name.
      let found = /^cks-[0-9a-z]+$/i.test(w) ? await describe({ CustomKeyStoreId: w }) : [];
      if (found.length === 0) found = await describe({ CustomKeyStoreName: w });
      if (found.length === 0) {
        throw new UsageError(t("doctor.error.noStore", { store: w }));
      }
      for (const s of found)
        if (!out.some((o) => o.customKeyStoreId === s.CustomKeyStoreId)) out.push(storeFacts(s));
    }
    return out;
  }
  const out: StoreFacts[] = [];
  let marker: string | undefined;
  do {
    await pace.take();
    const res = await r
      .call("kms", "DescribeCustomKeyStores", () =>
        kms.send(new DescribeCustomKeyStoresCommand({ Limit: 1000, ...(marker ? { Marker: marker } : {}) })),
      )
      .catch((err: unknown) => {
        throw fatalAwsError(err, "kms", "DescribeCustomKeyStores") ?? err;
      });
    out.push(...(res.CustomKeyStores ?? []).map(storeFacts));
    marker = res.Truncated ? res.NextMarker : undefined;
  } while (marker);
  return out;
}

/**
 * Every cluster in the Region (a handful: the quota is 4 by default), so a fix can find a cluster an
 * interrupted run already restored; the stores' clusters that DescribeClusters no longer returns are null.
 */
async function readClusters(
  r: Reader,
  ids: string[],
): Promise<Record<string, ClusterFacts | null> | undefined> {
  const found: Record<string, ClusterFacts | null> = Object.fromEntries(ids.map((id) => [id, null]));
  let token: string | undefined;
  do {
    const res = await r.soft("cloudhsmv2", "DescribeClusters", () =>
      r.clients.cloudhsm.send(
        new DescribeClustersCommand({ MaxResults: 25, ...(token ? { NextToken: token } : {}) }),
      ),
    );
    if (!res) return undefined;
    for (const c of res.Clusters ?? []) {
      if (!c.ClusterId) continue;
      found[c.ClusterId] = {
        clusterId: c.ClusterId,
        state: known(CLUSTER_STATES, c.State),
        ...(c.HsmType ? { hsmType: c.HsmType } : {}),
        ...(c.VpcId ? { vpcId: c.VpcId } : {}),
        subnetMapping: c.SubnetMapping ?? {},
        hsms: (c.Hsms ?? []).map((h) => ({
          hsmId: h.HsmId ?? "",
          availabilityZone: h.AvailabilityZone ?? "",
          ...(h.SubnetId ? { subnetId: h.SubnetId } : {}),
          state: known(HSM_STATES, h.State),
        })),
        ...(c.SourceBackupId ? { sourceBackupId: c.SourceBackupId } : {}),
        ...(c.SecurityGroup ? { securityGroup: c.SecurityGroup } : {}),
      };
    }
    token = res.NextToken;
  } while (token);
  return found;
}

async function readBackups(
  r: Reader,
  clusterIds: string[],
  sourceBackupIds: string[],
): Promise<BackupFacts[] | undefined> {
  const out: BackupFacts[] = [];
  const queries: Record<string, string[]>[] = [
    ...(clusterIds.length ? [{ clusterIds }] : []),
    ...(sourceBackupIds.length ? [{ backupIds: sourceBackupIds }] : []),
  ];
  for (const filters of queries) {
    let token: string | undefined;
    do {
      const res = await r.soft("cloudhsmv2", "DescribeBackups", () =>
        r.clients.cloudhsm.send(
          new DescribeBackupsCommand({
            Filters: filters,
            MaxResults: 50,
            ...(token ? { NextToken: token } : {}),
          }),
        ),
      );
      if (!res) return undefined;
      for (const b of res.Backups ?? []) {
        if (!b.BackupId || out.some((o) => o.backupId === b.BackupId)) continue;
        out.push({
          backupId: b.BackupId,
          state: known(BACKUP_STATES, b.BackupState),
          ...(b.ClusterId ? { clusterId: b.ClusterId } : {}),
          ...(b.CreateTimestamp ? { createTimestamp: b.CreateTimestamp.toISOString() } : {}),
          ...(b.SourceBackup ? { sourceBackup: b.SourceBackup } : {}),
          ...(b.SourceCluster ? { sourceCluster: b.SourceCluster } : {}),
          ...(b.NeverExpires !== undefined ? { neverExpires: b.NeverExpires } : {}),
        });
      }
      token = res.NextToken;
    } while (token);
  }
  return out.sort((a, b) => byCodeUnit(b.createTimestamp ?? "", a.createTimestamp ?? ""));
}

/** The store each key lives in: "AWS_KMS" for the default store, else the custom key store's id. */
export const DEFAULT_STORE = "AWS_KMS";

/**
 * What kcs remembers between runs about which store each key is in (app/key-store-cache.ts keeps it
 * in the state folder). A key never changes store, so a key remembered in the default store need not
 * be described again; keys of custom key stores always are (their state is what doctor reports).
 */
export interface KeyStoreMemory {
  /** Key ids known to be in the default AWS_KMS store, for this account (from its key ARNs). */
  recall(accountId: string): ReadonlySet<string>;
  /** The store of every key listed now whose store is known (deleted keys drop out). */
  remember(accountId: string, storeOf: ReadonlyMap<string, string>): void;
}

const ACCOUNT_OF_ARN = /^arn:aws[a-z-]*:kms:[^:]*:(\d{12}):key\//;

async function readKeys(
  r: Reader,
  storeIds: Set<string>,
  concurrency: number,
  memory: KeyStoreMemory | undefined,
  /** Told the account once the first key's ARN names it (undefined: no key, or ListKeys failed). */
  onAccount: (accountId: string | undefined) => void = () => undefined,
): Promise<KeyFacts[] | undefined> {
  // Keys are described while later ListKeys pages are still coming: with 100,000 keys the 100 pages
  // would otherwise add their latency to the DescribeKey quota's 50 seconds.
  const queue: string[] = [];
  const storeOf = new Map<string, string>();
  let listed = 0;
  let listing = true;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let remembered: ReadonlySet<string> | undefined;
  let accountId: string | undefined;
  const list = (async () => {
    try {
      let marker: string | undefined;
      do {
        const res = await r.soft("kms", "ListKeys", () =>
          r.clients.kms.send(new ListKeysCommand({ Limit: 1000, ...(marker ? { Marker: marker } : {}) })),
        );
        if (!res) return false;
        for (const k of res.Keys ?? []) {
          if (!k.KeyId) continue;
          listed++;
          if (accountId === undefined) {
            accountId = ACCOUNT_OF_ARN.exec(k.KeyArn ?? "")?.[1] ?? "";
            onAccount(accountId || undefined);
            if (memory) remembered = accountId ? memory.recall(accountId) : new Set();
          }
          if (remembered?.has(k.KeyId)) storeOf.set(k.KeyId, DEFAULT_STORE);
          else queue.push(k.KeyId);
        }
        if (queue.length >= MANY_KEYS) (r.opts.onManyKeys ?? preferSmallHeap)();
        notify();
        marker = res.Truncated ? res.NextMarker : undefined;
      } while (marker);
      return true;
    } finally {
      listing = false;
      if (accountId === undefined) onAccount(undefined);
      notify();
    }
  })();
  // ListKeys cannot filter by store: every key not remembered is described to learn where it lives.
  // A key whose policy denies DescribeKey is reported once under errors; the rest still count.
  const pace = limiter(r, PACE.DescribeKey);
  const failures: { code: string; message: string }[] = [];
  const keys: KeyFacts[] = [];
  const describeOne = async (keyId: string) => {
    await pace.take();
    let m: DescribeKeyCommandOutput["KeyMetadata"];
    try {
      const res = await r.call("kms", "DescribeKey", () =>
        r.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId })),
      );
      m = res.KeyMetadata;
    } catch (err) {
      if ((err as { exitCode?: number }).exitCode !== undefined) throw err;
      failures.push({ code: errorCode(err), message: (err as Error).message });
      return;
    }
    if (!m?.KeyId) return;
    storeOf.set(m.KeyId, m.CustomKeyStoreId ?? DEFAULT_STORE);
    if (!m.CustomKeyStoreId || !storeIds.has(m.CustomKeyStoreId)) return;
    keys.push({
      keyId: m.KeyId,
      arn: m.Arn ?? m.KeyId,
      keyState: known(KEY_STATES, m.KeyState),
      customKeyStoreId: m.CustomKeyStoreId,
      ...(m.CloudHsmClusterId ? { cloudHsmClusterId: m.CloudHsmClusterId } : {}),
      ...(m.CreationDate ? { creationDate: m.CreationDate.toISOString() } : {}),
      ...(m.DeletionDate ? { deletionDate: m.DeletionDate.toISOString() } : {}),
      ...(m.Description ? { description: m.Description } : {}),
      ...(m.XksKeyConfiguration?.Id ? { xksKeyId: m.XksKeyConfiguration.Id } : {}),
    });
  };
  let next = 0;
  const worker = async () => {
    for (;;) {
      if (next < queue.length) await describeOne(queue[next++]!);
      else if (listing) await new Promise<void>((resolve) => (wake = chain(wake, resolve)));
      else return;
    }
  };
  const [complete] = await Promise.all([list, ...Array.from({ length: concurrency }, worker)]);
  if (failures.length) {
    r.errors.push({
      service: "kms",
      operation: "DescribeKey",
      code: failures[0]!.code,
      message: `${failures.length} of ${listed} keys could not be described (first: ${failures[0]!.message}); their store and state are unknown`,
    });
  }
  if (!complete) return undefined;
  // Only a complete listing is remembered: it is what tells which keys are gone.
  if (memory && accountId) memory.remember(accountId, storeOf);
  // The order ListKeys gave, whatever order the answers came back in.
  const order = new Map(queue.map((id, i) => [id, i]));
  return keys.sort((a, b) => (order.get(a.keyId) ?? 0) - (order.get(b.keyId) ?? 0));
}

/** Several workers may wait for the next page at once: each is woken. */
const chain = (prev: (() => void) | undefined, next: () => void) =>
  prev
    ? () => {
        prev();
        next();
      }
    : next;

/** Every CloudTrail event of one name since `since`, paced under LookupEvents' quota. */
async function lookupAll(
  r: Reader,
  pace: RateLimiter,
  eventName: string,
  since: Date,
  attempts: number,
  newest?: { at?: Date },
): Promise<
  { EventSource?: string; EventId?: string; EventTime?: Date; CloudTrailEvent?: string }[] | undefined
> {
  const out: { EventSource?: string; EventId?: string; EventTime?: Date; CloudTrailEvent?: string }[] = [];
  let token: string | undefined;
  do {
    const input = {
      LookupAttributes: [{ AttributeKey: "EventName" as const, AttributeValue: eventName }],
      StartTime: since,
      // No EndTime: CloudTrail's own "now" ends the window, whatever this machine's clock says.
      MaxResults: 50,
      ...(token ? { NextToken: token } : {}),
    };
    const res = await r.soft("cloudtrail", "LookupEvents", () =>
      paced(
        pace,
        () => r.clients.cloudtrail.send(new LookupEventsCommand(input)),
        { throttled: isThrottling, transient: isTransient },
        attempts,
      ),
    );
    if (!res) return undefined;
    if (newest)
      for (const e of res.Events ?? [])
        if (e.EventTime && !(newest.at && newest.at >= e.EventTime)) newest.at = e.EventTime;
    // EventName cannot be combined with EventSource: filter KMS's events here.
    out.push(...(res.Events ?? []).filter((e) => !e.EventSource || e.EventSource === "kms.amazonaws.com"));
    token = res.NextToken;
  } while (token);
  return out;
}

/**
 * Custom key stores' DeleteKey events since `since`. With a memory, only what is newer than what it
 * holds for this account is looked up, and what was read is added to it.
 */
async function readDeleteKeyEvents(
  r: Reader,
  pace: RateLimiter,
  since: Date,
  now: Date,
  attempts = 6,
  memory?: { of: DeleteKeyMemory; account: Promise<string | undefined> },
): Promise<DeleteKeyEvent[] | undefined> {
  const accountId = memory ? await memory.account : undefined;
  const window = lookupWindow(since, accountId ? memory?.of.recall(accountId) : undefined);
  const newest: { at?: Date } = {};
  const events = await lookupAll(r, pace, "DeleteKey", window.start, attempts, newest);
  if (!events) return undefined;
  const read = events.flatMap((e) => parseDeleteKeyEvent(e) ?? []);
  const merged = mergeDeletes(window, since, read, newest.at, now);
  if (memory && accountId) memory.of.remember(accountId, merged.remember);
  return merged.events;
}

/** Successful ConnectCustomKeyStore (or DisconnectCustomKeyStore) calls, newest first. */
async function readConnectEvents(
  r: Reader,
  pace: RateLimiter,
  since: Date,
  attempts = 6,
  eventName: "ConnectCustomKeyStore" | "DisconnectCustomKeyStore" = "ConnectCustomKeyStore",
): Promise<ConnectEvent[] | undefined> {
  const events = await lookupAll(r, pace, eventName, since, attempts);
  const out: ConnectEvent[] = [];
  for (const e of events ?? []) {
    let record: { errorCode?: string; requestParameters?: { customKeyStoreId?: string } };
    try {
      record = JSON.parse(e.CloudTrailEvent ?? "{}") as typeof record;
    } catch {
      continue;
    }
    const id = record.requestParameters?.customKeyStoreId;
    if (!id || record.errorCode || !e.EventTime) continue;
    out.push({ customKeyStoreId: id, eventTime: e.EventTime.toISOString() });
  }
  return events ? out.sort((a, b) => byCodeUnit(b.eventTime, a.eventTime)) : undefined;
}

async function probe(r: Reader, stores: StoreFacts[]): Promise<ProbeResult[]> {
  const targets = stores.filter(
    (s) => s.customKeyStoreType === "AWS_CLOUDHSM" && s.connectionState === "CONNECTED",
  );
  return Promise.all(
    targets.map(async (s): Promise<ProbeResult> => {
      try {
        await r.call("kms", "GenerateRandom", () =>
          r.clients.kms.send(
            new GenerateRandomCommand({ NumberOfBytes: 1, CustomKeyStoreId: s.customKeyStoreId }),
          ),
        );
        return { customKeyStoreId: s.customKeyStoreId, operation: "GenerateRandom", ok: true };
      } catch (err) {
        if (isAccessDenied(err)) {
          r.errors.push({
            service: "kms",
            operation: "GenerateRandom",
            code: errorCode(err),
            message: (err as Error).message,
          });
          return { customKeyStoreId: s.customKeyStoreId, operation: "GenerateRandom", ok: true };
        }
        return {
          customKeyStoreId: s.customKeyStoreId,
          operation: "GenerateRandom",
          ok: false,
          code: errorCode(err),
          message: (err as Error).message,
        };
      }
    }),
  );
}

/**
 * Reads everything doctor needs. The store list comes first (it names the clusters); then clusters
 * and backups, keys, CloudTrail and probes run concurrently. CloudTrail does not depend on the stores,
 * so it starts at once: at 2 requests/s it is usually the slowest read.
 */
export async function gather(clients: AwsClients, opts: GatherOptions): Promise<Snapshot> {
  const now = opts.now ?? new Date();
  const r = new Reader(opts, clients);
  // Both CloudTrail reads share LookupEvents' quota: one pacer.
  const trailPace = limiter(r, PACE.LookupEvents);
  // The remembered events are per account, and the first page of keys names it.
  let accountIs: (id: string | undefined) => void = () => undefined;
  const account = new Promise<string | undefined>((resolve) => (accountIs = resolve));
  const eventsP = readDeleteKeyEvents(
    r,
    trailPace,
    opts.since,
    now,
    opts.lookupAttempts,
    opts.deleteKeys ? { of: opts.deleteKeys, account } : undefined,
  );
  const connectsEarly = opts.connectEvents
    ? readConnectEvents(r, trailPace, opts.since, opts.lookupAttempts)
    : undefined;
  connectsEarly?.catch(() => undefined);
  // Surface a fatal error (no credentials, unreachable endpoint) from the store read first.
  eventsP.catch(() => undefined);
  const stores = await readStores(r, opts.stores ?? []).catch((err: unknown) => {
    accountIs(undefined);
    throw err;
  });
  const storeIds = new Set(stores.map((s) => s.customKeyStoreId));
  // A store that is not CONNECTED: since when? A FAILED store since its last connect call, a
  // DISCONNECTED one since its last disconnect, one in between since either. Each lookup costs half a
  // second of LookupEvents' 2 requests/s, so only the ones a store needs are read.
  const states = new Set(stores.map((s) => s.connectionState));
  const moving = states.has("CONNECTING") || states.has("DISCONNECTING");
  const connectsP =
    connectsEarly ??
    (states.has("FAILED") || moving
      ? readConnectEvents(r, trailPace, opts.since, opts.lookupAttempts)
      : Promise.resolve(undefined));
  const disconnectsP =
    states.has("DISCONNECTED") || moving
      ? readConnectEvents(r, trailPace, opts.since, opts.lookupAttempts, "DisconnectCustomKeyStore")
      : Promise.resolve(undefined);
  const clusterIds = [...new Set(stores.flatMap((s) => (s.cloudHsmClusterId ? [s.cloudHsmClusterId] : [])))];
  const clustersAndBackups = (async () => {
    const clusters = await readClusters(r, clusterIds);
    const sources = Object.values(clusters ?? {}).flatMap((c) =>
      c?.sourceBackupId ? [c.sourceBackupId] : [],
    );
    const backups = await readBackups(r, clusterIds, sources);
    return { clusters, backups };
  })();
  const probesP = opts.probe ? probe(r, stores) : Promise.resolve([]);
  // EC2 only when a store's failure is about its network, and only once the clusters name it.
  const networkP = Promise.all([clustersAndBackups, probesP]).then(async ([{ clusters }, probes]) => {
    const needs = networkNeeds(stores, clusters ?? {}, probes);
    if (needsNothing(needs)) return undefined;
    const { readNetwork } = await import("./network.js");
    return readNetwork(r, clients, needs);
  });
  const keysP = readKeys(r, storeIds, opts.concurrency ?? 64, opts.keyStores, accountIs);
  const keyProbesP = opts.probeKeys
    ? keysP.then((keys) =>
        probeKeys(
          {
            call: (operation, fn) => r.call("kms", operation, fn),
            encrypt: encryptOneByte((c) => clients.kms.send(c)),
            pace: () => limiter(r, KEY_PROBE_RPS),
            errors: r.errors,
          },
          stores,
          keys ?? [],
        ),
      )
    : Promise.resolve(undefined);
  const xks = opts.xksProbe;
  const xksProbesP =
    opts.probe && xks && stores.some((s) => s.customKeyStoreType === "EXTERNAL_KEY_STORE")
      ? keysP.then((keys) =>
          probeXksStores(stores, keys ?? [], {
            transport: xks.transport,
            region: clients.region,
            credentials: xks.credentials,
            ...(xks.ask ? { ask: xks.ask } : {}),
            ...(xks.timeoutMs ? { timeoutMs: xks.timeoutMs } : {}),
            errors: r.errors,
          }),
        )
      : Promise.resolve(undefined);
  const [cb, keys, events, probes, connects, disconnects, network, keyProbes, xksProbes] = await Promise.all([
    clustersAndBackups,
    keysP,
    eventsP,
    probesP,
    connectsP,
    disconnectsP,
    networkP,
    keyProbesP,
    xksProbesP,
  ]);
  return {
    backend: opts.backend,
    region: clients.region,
    generatedAt: now.toISOString(),
    since: opts.since.toISOString(),
    stores,
    // A failed DescribeClusters leaves the clusters unknown (absent keys), never "not found" (null).
    clusters: cb.clusters ?? {},
    backups: cb.backups ?? [],
    keys: keys ?? [],
    deleteKeyEvents: (events ?? []).filter((e) => storeIds.has(e.customKeyStoreId)),
    probes,
    ...(keyProbes ? { keyProbes } : {}),
    ...(xksProbes ? { xksProbes } : {}),
    ...(connects ? { connectEvents: connects.filter((e) => storeIds.has(e.customKeyStoreId)) } : {}),
    ...(disconnects ? { disconnectEvents: disconnects.filter((e) => storeIds.has(e.customKeyStoreId)) } : {}),
    ...(network ? { network } : {}),
    // Several lookups share one denial (DeleteKey, connect and disconnect events): one line says it.
    errors: r.errors.filter(
      (e, i) =>
        r.errors.findIndex(
          (o) => o.service === e.service && o.operation === e.operation && o.code === e.code,
        ) === i,
    ),
  };
}
