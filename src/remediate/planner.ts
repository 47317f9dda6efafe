import { UsageError } from "../core/errors.js";
import type { Finding } from "../diagnose/finding.js";
import type { ClusterFacts, Snapshot, StoreFacts } from "../gather/snapshot.js";
import { ACTIONS } from "./actions.js";
import { fingerprint } from "./fingerprint.js";
import { manualCommands } from "./hsm-commands.js";
import type { Plan, PlanAction, PlanParameter, PlanStep } from "./plan.js";
import type { Runbook, RunbookStep } from "./runbook-schema.js";

export interface PlanRequest {
  snapshot: Snapshot;
  /** The findings to repair (each with a runbook). */
  findings: Finding[];
  runbooks: Runbook[];
  /** --param NAME=VALUE */
  params: Record<string, string>;
  /** Where the kmsuser password will come from, if a step needs it. */
  passwordSource: "stdin" | "env" | "prompt";
  createdAt: string;
}

/** The order runbooks run in on one store: make the cluster usable, then connect, then tidy up. */
const ORDER = [
  "await-connection",
  "restore-cluster-from-backup",
  "restore-cluster-to-new-subnets",
  "add-hsms",
  "create-kmsuser",
  "logout-kmsuser",
  "rotate-kmsuser-password",
  "retry-connection",
  "reconnect",
  "recover-key-material",
  "delete-orphaned-key-material",
];

/** Runbooks that move the store to a restored cluster. */
const RESTORES = new Set([
  "restore-cluster-from-backup",
  "restore-cluster-to-new-subnets",
  "recover-key-material",
]);

/** Runbooks that end with the store connected: one per store is enough. */
const CONNECTING = new Set([
  ...RESTORES,
  "add-hsms",
  "create-kmsuser",
  "logout-kmsuser",
  "rotate-kmsuser-password",
  "retry-connection",
  "reconnect",
]);

/**
 * A restore makes every other runbook on the store moot but a wait already in progress: it connects
 * the store to a new cluster with a new password. Orphans are on the cluster the store leaves (a copy
 * comes back with the backup): a later run plans them against the restored cluster.
 */
const MOOT_AFTER_RESTORE = new Set(ORDER.filter((id) => !RESTORES.has(id) && id !== "await-connection"));

export const SECRET = "********";
export const NEW_CLUSTER = "{{NewClusterId}}";
const GONE = new Set(["DELETED", "DELETE_IN_PROGRESS"]);

interface Context {
  snapshot: Snapshot;
  store: StoreFacts;
  cluster: ClusterFacts | null | undefined;
  findings: Finding[];
  params: Record<string, string>;
  parameters: PlanParameter[];
  /** The cluster the HSM steps act on. */
  targetCluster: string;
  azs: string[];
  /** The ConnectionState the store will have when this action starts (earlier actions may connect it). */
  state: string;
  /** A later runbook connects the store: this one leaves its optional reconnect to it. */
  deferConnect: boolean;
}

function param(ctx: Context, name: string, value: string, source: PlanParameter["source"]) {
  if (!ctx.parameters.some((p) => p.name === name)) ctx.parameters.push({ name, value, source });
  return value;
}

function refuse(store: StoreFacts, runbook: string, why: string): never {
  throw new UsageError(
    `Cannot plan ${runbook} for ${store.customKeyStoreName} (${store.customKeyStoreId}): ${why}`,
  );
}

/** The AZs where HSMs must be added so two different AZs have one (ACTIVE or on its way). */
function missingAzs(cluster: ClusterFacts): string[] {
  const have = new Set(
    cluster.hsms
      .filter((h) => h.state === "ACTIVE" || h.state === "CREATE_IN_PROGRESS")
      .map((h) => h.availabilityZone),
  );
  const candidates = Object.keys(cluster.subnetMapping)
    .sort()
    .filter((az) => !have.has(az));
  return candidates.slice(0, Math.max(0, 2 - have.size));
}

/**
 * A cluster an earlier, interrupted run restored from this very backup (into these subnets, when they
 * are named): reuse it instead of making another. A cluster from another backup is never reused.
 */
function restoredCluster(snapshot: Snapshot, backupId: string, subnets?: string[]): ClusterFacts | undefined {
  const inUse = new Set(snapshot.stores.map((s) => s.cloudHsmClusterId));
  return Object.values(snapshot.clusters).find(
    (c): c is ClusterFacts =>
      !!c &&
      c.sourceBackupId === backupId &&
      !GONE.has(c.state) &&
      !inUse.has(c.clusterId) &&
      (!subnets?.length || subnets.every((id) => Object.values(c.subnetMapping).includes(id))),
  );
}

function planRestore(ctx: Context, runbook: Runbook) {
  const { snapshot, store, cluster } = ctx;
  const clusterId = store.cloudHsmClusterId ?? "";
  const lineage = snapshot.backups.filter(
    (b) => b.clusterId === clusterId || (cluster && b.backupId === cluster.sourceBackupId),
  );
  const newestKey = snapshot.keys
    .filter((k) => k.customKeyStoreId === store.customKeyStoreId)
    .map((k) => k.creationDate ?? "")
    .sort()
    .pop();
  let backupId = ctx.params.BackupId;
  let backupSource: PlanParameter["source"] = "--param";
  if (backupId && runbook.id === "recover-key-material") {
    // A backup older than a live key lacks that key: moving the store there would break it.
    const named = snapshot.backups.find((b) => b.backupId === backupId);
    if (named?.createTimestamp && newestKey && named.createTimestamp < newestKey) {
      refuse(
        store,
        runbook.id,
        `${backupId} predates the store's newest key (created ${newestKey}), which it cannot hold`,
      );
    }
  }
  if (!backupId) {
    let candidates = lineage.filter((b) => b.state === "READY");
    if (runbook.id === "recover-key-material") {
      // The oldest backup that holds every key: a newer one is more likely taken after the material
      // was deleted (CloudHSM backs up at least daily).
      candidates = candidates.filter((b) => (b.createTimestamp ?? "") > (newestKey ?? "")).reverse();
    }
    backupId = candidates[0]?.backupId;
    backupSource = "live state";
  }
  if (!backupId) {
    refuse(
      store,
      runbook.id,
      runbook.id === "recover-key-material"
        ? `no READY backup of ${clusterId} was taken after the store's newest key was created, so none holds every key; recover by hand`
        : `no READY backup of ${clusterId} fits; name one with --param BackupId=backup-...`,
    );
  }
  const named = ctx.params.SubnetIds?.split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  const reuse = restoredCluster(snapshot, backupId, named);
  param(ctx, "BackupId", backupId, backupSource);
  if (reuse) {
    param(ctx, "NewClusterId", reuse.clusterId, "live state");
    ctx.targetCluster = reuse.clusterId;
    ctx.azs = missingAzs(reuse);
    return { reuse };
  }
  let subnets = ctx.params.SubnetIds?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let azs: string[] | undefined;
  if (subnets?.length) {
    param(ctx, "SubnetIds", subnets.join(","), "--param");
    const known = cluster ? Object.entries(cluster.subnetMapping) : [];
    const mapped = subnets.map((s) => known.find(([, id]) => id === s)?.[0]);
    if (mapped.every(Boolean)) azs = (mapped as string[]).sort().slice(0, 2);
  } else if (
    runbook.id !== "restore-cluster-to-new-subnets" &&
    cluster &&
    Object.keys(cluster.subnetMapping).length > 0
  ) {
    subnets = Object.values(cluster.subnetMapping);
    azs = Object.keys(cluster.subnetMapping).sort().slice(0, 2);
    param(ctx, "SubnetIds", subnets.join(","), "live state");
  } else {
    refuse(
      store,
      runbook.id,
      runbook.id === "restore-cluster-to-new-subnets"
        ? "kcs reads no EC2 state: name subnets that exist and have free addresses, one per Availability Zone, with --param SubnetIds=subnet-a,subnet-b"
        : `DescribeClusters no longer shows ${clusterId}, so its subnets are unknown: add --param SubnetIds=subnet-a,subnet-b`,
    );
  }
  if (subnets.length < 2)
    refuse(store, runbook.id, "the new cluster needs subnets in at least two Availability Zones");
  const hsmType = ctx.params.HsmType ?? cluster?.hsmType ?? "hsm1.medium";
  param(
    ctx,
    "HsmType",
    hsmType,
    ctx.params.HsmType ? "--param" : cluster?.hsmType ? "live state" : "default",
  );
  ctx.targetCluster = NEW_CLUSTER;
  ctx.azs = azs ?? ["{{NewClusterAz1}}", "{{NewClusterAz2}}"];
  return { create: { HsmType: hsmType, SubnetIds: subnets, SourceBackupId: backupId } };
}

/** The store's cluster and the cluster it was restored from (through its source backup). */
function clusterLineage(snapshot: Snapshot, store: StoreFacts): Set<string> {
  const out = new Set<string>();
  const id = store.cloudHsmClusterId;
  if (!id) return out;
  out.add(id);
  const source = snapshot.clusters[id]?.sourceBackupId;
  const origin = source ? snapshot.backups.find((b) => b.backupId === source)?.clusterId : undefined;
  if (origin) out.add(origin);
  return out;
}

function includeStep(step: RunbookStep, ctx: Context, reuse: boolean): boolean {
  const state = ctx.state;
  if (step.onlyIfNotConnected && (state === "CONNECTED" || ctx.deferConnect)) return false;
  switch (step.action) {
    case "kms.disconnect":
      // Only what is needed: a store that is already disconnected is not disconnected again.
      // UNKNOWN: an earlier action waits for a connection in progress; the step re-checks the live state.
      return state === "CONNECTED" || state === "CONNECTING" || state === "FAILED" || state === "UNKNOWN";
    case "wait.store-disconnected":
      return state !== "DISCONNECTED";
    case "cloudhsm.create-cluster-from-backup":
      return !reuse;
    case "cloudhsm.create-hsm":
      return ctx.azs.length > 0;
    default:
      return true;
  }
}

function stepInput(step: RunbookStep, ctx: Context, extra: Record<string, unknown>): Record<string, unknown> {
  const storeId = { CustomKeyStoreId: ctx.store.customKeyStoreId };
  switch (step.action) {
    case "kms.disconnect":
    case "kms.connect":
    case "wait.store-disconnected":
    case "wait.store-connected":
    case "wait.store-settled":
      return storeId;
    case "kms.update-password":
      return { ...storeId, KeyStorePassword: SECRET };
    case "kms.update-cluster":
      return { ...storeId, CloudHsmClusterId: ctx.targetCluster, KeyStorePassword: SECRET };
    case "wait.cluster-active":
      return { ClusterId: ctx.targetCluster };
    case "wait.hsms-active":
      return { ClusterId: ctx.targetCluster, MinimumAvailabilityZones: 2 };
    case "verify.doctor":
      return { ...storeId, Findings: [...new Set(ctx.findings.map((f) => f.code))] };
    default:
      return { ClusterId: ctx.targetCluster, ...extra };
  }
}

function planAction(
  ctx: Context,
  runbook: Runbook,
  passwordSource: PlanRequest["passwordSource"],
): PlanAction {
  const { store } = ctx;
  let reuse = false;
  let create: Record<string, unknown> | undefined;
  let orphans: Finding[] = [];
  if (runbook.id.startsWith("restore-") || runbook.id === "recover-key-material") {
    const r = planRestore(ctx, runbook);
    reuse = !!r.reuse;
    create = r.create;
  } else if (runbook.id === "add-hsms") {
    if (!ctx.cluster) refuse(store, runbook.id, `cluster ${store.cloudHsmClusterId} is not visible`);
    ctx.azs = missingAzs(ctx.cluster);
    if (
      ctx.azs.length === 0 &&
      ctx.cluster.hsms.filter((h) => h.state === "CREATE_IN_PROGRESS").length === 0
    ) {
      refuse(
        store,
        runbook.id,
        "the cluster has subnets in fewer than two Availability Zones; restore it into two AZs instead",
      );
    }
  } else if (runbook.id === "delete-orphaned-key-material") {
    // Material orphaned on the store's cluster, or on the cluster it was restored from (the backup
    // brought the material along), is deleted on the store's cluster; buildPlan set the rest aside.
    orphans = ctx.findings.filter((f) => f.code === "ORPHANED_KEY_MATERIAL");
  }
  const steps: PlanStep[] = [];
  for (const rs of runbook.steps) {
    if (!includeStep(rs, ctx, reuse)) continue;
    const spec = ACTIONS[rs.action]!;
    const items: { suffix: string; extra: Record<string, unknown> }[] =
      rs.repeat === "AvailabilityZones"
        ? ctx.azs.map((az, i) => ({ suffix: `-${i + 1}`, extra: { AvailabilityZone: az } }))
        : rs.repeat === "OrphanedKeys"
          ? orphans.map((f, i) => ({
              suffix: `-${i + 1}`,
              extra: {
                Label: f.evidence.keyArn,
                BackingKeyId: f.evidence.backingKeyId,
                ...(f.evidence.keyHandle ? { KeyHandle: f.evidence.keyHandle } : {}),
                EventId: f.evidence.eventId,
              },
            }))
          : [{ suffix: "", extra: {} }];
    for (const item of items) {
      let input = stepInput(rs, ctx, item.extra);
      if (rs.action === "cloudhsm.create-cluster-from-backup") input = create ?? {};
      if (rs.action === "kms.check-key-deleted") input = { KeyId: item.extra.Label };
      if (rs.action === "hsm.verify-key-material") {
        // Every key of the store, not only the missing ones: the store moves to this cluster whole.
        input = {
          ClusterId: ctx.targetCluster,
          Labels: ctx.snapshot.keys
            .filter((k) => k.customKeyStoreId === store.customKeyStoreId)
            .map((k) => k.arn),
        };
      }
      const manual = spec.kind === "manual" ? manualCommands(rs.action, input) : undefined;
      steps.push({
        id: `${rs.id}${item.suffix}`,
        title:
          rs.repeat === "AvailabilityZones"
            ? `${rs.title} in ${String(item.extra.AvailabilityZone)}`
            : rs.repeat === "OrphanedKeys"
              ? `${rs.title}: ${String(item.extra.Label).split("/").pop()}`
              : rs.title,
        kind: spec.kind,
        action: rs.action,
        ...(spec.service ? { service: spec.service, operation: spec.operation } : {}),
        input,
        mutating: spec.mutating,
        ...(rs.when ? { when: rs.when } : {}),
        expect: spec.expect,
        ...(rs.timeout ? { timeout: rs.timeout } : {}),
        ...(rs.undo ? { undo: rs.undo } : {}),
        ...(rs.onFailure ? { onFailure: rs.onFailure } : {}),
        ...(rs.onlyIfNotConnected ? { onlyIfNotConnected: true } : {}),
        ...(manual ? manual : {}),
      });
      if (spec.needsPassword) param(ctx, "KmsUserPassword", SECRET, passwordSource);
    }
  }
  const codes = [...new Set(ctx.findings.map((f) => f.code))];
  return {
    finding: codes[0]!,
    findings: codes,
    runbook: runbook.id,
    customKeyStoreId: store.customKeyStoreId,
    customKeyStoreName: store.customKeyStoreName,
    parameters: ctx.parameters,
    steps,
  };
}

/**
 * Findings + snapshot + runbooks → a Plan. Pure: it reads no AWS state, so what it decides (which
 * backup, which AZs, which steps) is exactly what a reviewer sees. Refuses with a one-line UsageError
 * when a runbook needs a parameter it cannot learn from the live state.
 */
export function buildPlan(req: PlanRequest): Plan {
  const { snapshot } = req;
  const byStore = new Map<string, Map<string, Finding[]>>();
  for (const f of req.findings) {
    if (!f.runbook) continue;
    const m = byStore.get(f.customKeyStoreId) ?? new Map<string, Finding[]>();
    m.set(f.runbook, [...(m.get(f.runbook) ?? []), f]);
    byStore.set(f.customKeyStoreId, m);
  }
  // A store whose password an interrupted run was replacing holds an unknown password: set a new one
  // rather than reconnect with what may be the wrong one (each failed login counts toward lockout).
  for (const { customKeyStoreId: storeId, cloudHsmClusterId } of snapshot.passwordsInFlight ?? []) {
    // Only the store's own cluster matters: a restored cluster it does not use yet can wait.
    if (
      snapshot.stores.find((st) => st.customKeyStoreId === storeId)?.cloudHsmClusterId !== cloudHsmClusterId
    )
      continue;
    const m = byStore.get(storeId);
    for (const blind of ["reconnect", "retry-connection"]) {
      const moved = m?.get(blind);
      if (!m || !moved) continue;
      m.delete(blind);
      m.set("rotate-kmsuser-password", [...(m.get("rotate-kmsuser-password") ?? []), ...moved]);
    }
  }
  const actions: PlanAction[] = [];
  const notes: string[] = [];
  for (const store of snapshot.stores) {
    let runbookIds = [...(byStore.get(store.customKeyStoreId)?.keys() ?? [])].sort(
      (a, b) => ORDER.indexOf(a) - ORDER.indexOf(b),
    );
    const groups = byStore.get(store.customKeyStoreId);
    if (runbookIds.some((id) => RESTORES.has(id))) {
      for (const id of runbookIds.filter((x) => MOOT_AFTER_RESTORE.has(x))) {
        notes.push(
          `${store.customKeyStoreName}: ${[...new Set(groups!.get(id)!.map((f) => f.code))].join(", ")} left for a run after the restore (the store is moving to another cluster)`,
        );
      }
      runbookIds = runbookIds.filter((id) => !MOOT_AFTER_RESTORE.has(id));
    }
    const orphans = groups?.get("delete-orphaned-key-material");
    if (orphans) {
      const lineage = clusterLineage(snapshot, store);
      const local = orphans.filter((f) => lineage.has(String(f.evidence.cloudHsmClusterId)));
      const foreign = orphans.filter((f) => !local.includes(f));
      if (foreign.length > 0) {
        notes.push(
          `${store.customKeyStoreName}: ${foreign.length} orphaned backing key(s) on ${[...new Set(foreign.map((f) => String(f.evidence.cloudHsmClusterId)))].join(", ")}, a cluster the store no longer uses and did not come from: delete them there by hand (kcs runbooks show delete-orphaned-key-material)`,
        );
      }
      if (local.length > 0) groups!.set("delete-orphaned-key-material", local);
      else runbookIds = runbookIds.filter((id) => id !== "delete-orphaned-key-material");
    }
    // One connecting runbook per store is enough: a later reconnect or retry adds nothing.
    let connected = false;
    runbookIds = runbookIds.filter((id) => {
      if (!CONNECTING.has(id)) return true;
      if (connected && (id === "reconnect" || id === "retry-connection")) return false;
      connected = true;
      return true;
    });
    let state = store.connectionState;
    for (const [i, id] of runbookIds.entries()) {
      const runbook = req.runbooks.find((r) => r.id === id);
      if (!runbook) throw new Error(`finding names runbook ${id}, which does not exist`);
      const ctx: Context = {
        snapshot,
        store,
        cluster: store.cloudHsmClusterId ? snapshot.clusters[store.cloudHsmClusterId] : undefined,
        findings: byStore.get(store.customKeyStoreId)!.get(id)!,
        params: req.params,
        parameters: [],
        targetCluster: store.cloudHsmClusterId ?? "",
        azs: [],
        state,
        deferConnect: runbookIds.slice(i + 1).some((later) => CONNECTING.has(later) && later !== "add-hsms"),
      };
      const action = planAction(ctx, runbook, req.passwordSource);
      actions.push(action);
      // What the next action on this store can assume: a connect leaves it CONNECTED; a wait for a
      // connection already in progress may end either way, so the executor decides from the live state.
      if (action.steps.some((st) => st.action === "wait.store-connected")) state = "CONNECTED";
      else if (action.steps.some((st) => st.action === "wait.store-settled")) state = "UNKNOWN";
      else if (action.steps.some((st) => st.action === "wait.store-disconnected")) state = "DISCONNECTED";
    }
  }
  const storeIds = [...new Set(actions.map((a) => a.customKeyStoreId))];
  return {
    schemaVersion: 1,
    kind: "kcs-plan",
    createdAt: req.createdAt,
    backend: snapshot.backend,
    region: snapshot.region,
    basis: storeIds.map((id) => ({ customKeyStoreId: id, fingerprint: fingerprint(snapshot, id) })),
    actions,
    ...(notes.length ? { notes } : {}),
  };
}
