import type { ConnectionState } from "../core/aws-states.js";
import { GONE_CLUSTER_STATES } from "../core/aws-states.js";
import { UsageError } from "../core/errors.js";
import { MASK } from "../core/secret.js";
import { type RunbookId, runbookFor } from "../diagnose/catalog.js";
import type { Finding } from "../diagnose/finding.js";
import type { ClusterFacts, Snapshot, StoreFacts } from "../gather/snapshot.js";
import { plan as englishPlan } from "../i18n/en/plan.js";
import { t } from "../i18n/index.js";
import { english } from "../i18n/templates.js";
import type { ClusterRequest, PlanningContext, RepeatItem } from "./actions/action.js";
import { ACTIONS } from "./actions/index.js";
import { fingerprint } from "./fingerprint.js";
import type { Impact, ParameterSource, Plan, PlanAction, PlanParameter, PlanStep } from "./plan.js";
import type { Runbook, RunbookStep } from "./runbook-schema.js";
import { ADDRESSES_NEEDED, chooseSubnets } from "./subnets.js";
import { planXksUri } from "./xks-uri.js";

export interface PlanRequest {
  snapshot: Snapshot;
  /** The findings to repair (each with a runbook). */
  findings: Finding[];
  runbooks: Runbook[];
  /** --param NAME=VALUE */
  params: Record<string, string>;
  /** Where the kmsuser password will come from, if a step needs it. */
  passwordSource: "stdin" | "env" | "prompt";
  /** Where a new XKS proxy credential will come from, if a step needs it (default: a prompt). */
  xksCredentialSource?: "stdin" | "env" | "prompt";
  createdAt: string;
}

export const NEW_CLUSTER = "{{NewClusterId}}";

/** CloudHSM's HSM types (botocore's cloudhsmv2 HsmType pattern allows these today). */
const HSM_TYPES = ["hsm1.medium", "hsm2m.medium"];

/** What one runbook on one store is being planned with: the actions' context plus what only the planner needs. */
interface Context extends PlanningContext {
  cluster: ClusterFacts | null | undefined;
  params: Record<string, string>;
  parameters: PlanParameter[];
  /** A later runbook connects the store: this one leaves its optional reconnect to it. */
  deferConnect: boolean;
  /** The plan's notes, for what a reviewer should know about this action. */
  notes: string[];
}

function param(ctx: Context, name: string, value: string, source: ParameterSource) {
  if (!ctx.parameters.some((p) => p.name === name)) ctx.parameters.push({ name, value, source });
  return value;
}

/** A refusal is an error line, never in a plan: said in the run's language. */
function refuse(store: StoreFacts, runbook: string, why: string): never {
  throw new UsageError(
    t("plan.refuse.line", { runbook, name: store.customKeyStoreName, id: store.customKeyStoreId, why }),
  );
}

/** A plan's note: English in the plan's JSON; views read it back into the run's language (plan-words.ts). */
const note = (key: keyof typeof englishPlan.note, values: Record<string, string | number>) =>
  english(englishPlan.note[key], values);

const repeats = (runbook: Runbook, what: RunbookStep["repeat"]) =>
  runbook.steps.some((s) => s.repeat === what);
const list = (text: string | undefined) =>
  text
    ?.split(",")
    .map((x) => x.trim())
    .filter(Boolean);

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
      !GONE_CLUSTER_STATES.has(c.state) &&
      !inUse.has(c.clusterId) &&
      (!subnets?.length || subnets.every((id) => Object.values(c.subnetMapping).includes(id))),
  );
}

/** Which backup a restore uses: --param BackupId, or what the runbook's restore.backup rule picks. */
function chooseBackup(ctx: Context, runbook: Runbook, rule: "newest" | "holds-every-key"): string {
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
  const named = ctx.params.BackupId;
  if (named) {
    // A --param is checked against the live state before anything changes.
    const backup = snapshot.backups.find((b) => b.backupId === named);
    if (!(backup && backup.state === "READY" && lineage.includes(backup))) {
      refuse(
        store,
        runbook.id,
        t("plan.refuse.backupNotInLineage", {
          backup: named,
          cluster: clusterId,
          count: lineage.filter((b) => b.state === "READY").length,
        }),
      );
    }
    // A backup older than a live key lacks that key: moving the store there would break it.
    if (
      rule === "holds-every-key" &&
      backup?.createTimestamp &&
      newestKey &&
      backup.createTimestamp < newestKey
    ) {
      refuse(store, runbook.id, t("plan.refuse.backupPredatesKey", { backup: named, created: newestKey }));
    }
    return param(ctx, "BackupId", named, "--param");
  }
  let candidates = lineage.filter((b) => b.state === "READY");
  if (rule === "holds-every-key") {
    // The oldest backup that holds every key: a newer one is more likely taken after the material
    // was deleted (CloudHSM backs up at least daily).
    candidates = candidates.filter((b) => (b.createTimestamp ?? "") > (newestKey ?? "")).reverse();
  }
  const chosen = candidates[0]?.backupId;
  if (!chosen) {
    refuse(
      store,
      runbook.id,
      rule === "holds-every-key"
        ? t("plan.refuse.noBackupHoldsEveryKey", { cluster: clusterId })
        : t("plan.refuse.noBackupFits", { cluster: clusterId }),
    );
  }
  return param(ctx, "BackupId", chosen, "live state");
}

/**
 * A backup holds only the keys that existed when it was taken: restoring one older than some of the
 * store's keys loses their material for good. kcs names them and refuses unless the operator accepts
 * the loss (--param AcceptKeyLoss=yes, which the plan then shows).
 */
function refuseKeyLoss(ctx: Context, runbook: Runbook, backupId: string) {
  const taken = ctx.snapshot.backups.find((b) => b.backupId === backupId)?.createTimestamp;
  if (!taken) return;
  const lost = ctx.snapshot.keys.filter(
    (k) => k.customKeyStoreId === ctx.store.customKeyStoreId && (k.creationDate ?? "") > taken,
  );
  if (lost.length === 0) return;
  const first = lost
    .slice(0, 3)
    .map((k) => k.keyId)
    .join(", ");
  const more = lost.length - 3;
  if (ctx.params.AcceptKeyLoss !== "yes") {
    refuse(
      ctx.store,
      runbook.id,
      t("plan.refuse.keyLoss", {
        backup: backupId,
        taken,
        count: lost.length,
        names: more > 0 ? t("plan.noteParts.andMore", { names: first, count: more }) : first,
      }),
    );
  }
  param(ctx, "AcceptKeyLoss", "yes", "--param");
  ctx.notes.push(
    note("keyLoss", {
      store: ctx.store.customKeyStoreName,
      backup: backupId,
      count: lost.length,
      names: more > 0 ? english(englishPlan.noteParts.andMore, { names: first, count: more }) : first,
    }),
  );
}

/**
 * KMS changes kmsuser's password each time it connects, and a backup holds the password of its
 * moment. The newest backup, taken after the store's last connect (CloudTrail's ConnectCustomKeyStore
 * events; none in CloudTrail's 90 days means the last connect is older than any backup of those days),
 * holds the password KMS has: the restore keeps it, with no reset and no manual step. Otherwise the
 * plan resets it, and says why. A restore that must log in as kmsuser itself (to check key material)
 * always resets it: only KMS knows the password it keeps.
 */
function keepPasswordIfItCan(
  ctx: Context,
  runbook: Runbook,
  restore: NonNullable<Runbook["restore"]>,
  backupId: string,
) {
  const events = ctx.snapshot.connectEvents;
  if (restore.backup !== "newest" || !events) return;
  const taken = ctx.snapshot.backups.find((b) => b.backupId === backupId)?.createTimestamp;
  const lastConnect = events.find((e) => e.customKeyStoreId === ctx.store.customKeyStoreId)?.eventTime;
  if (taken && taken > (lastConnect ?? ctx.snapshot.since)) {
    ctx.keepsPassword = true;
    return;
  }
  const values = { store: ctx.store.customKeyStoreName, runbook: runbook.id, backup: backupId };
  ctx.notes.push(
    taken
      ? lastConnect
        ? note("resetsPassword", { ...values, taken, lastConnect })
        : note("resetsPasswordOld", { ...values, taken })
      : lastConnect
        ? note("resetsPasswordUnknownTime", { ...values, lastConnect })
        : note("resetsPasswordUnknownTimeOld", values),
  );
}

/** A restore: which backup, a cluster to reuse or the new cluster's subnets and HSM type, and the AZs. */
function planRestore(ctx: Context, runbook: Runbook, restore: NonNullable<Runbook["restore"]>) {
  const { snapshot, store, cluster } = ctx;
  const backupId = chooseBackup(ctx, runbook, restore.backup);
  refuseKeyLoss(ctx, runbook, backupId);
  const named = list(ctx.params.SubnetIds);
  const reuse = restoredCluster(snapshot, backupId, named);
  if (reuse) {
    param(ctx, "NewClusterId", reuse.clusterId, "live state");
    ctx.targetCluster = reuse.clusterId;
    ctx.azs = missingAzs(reuse);
    ctx.reuse = true;
    keepPasswordIfItCan(ctx, runbook, restore, backupId);
    return;
  }
  let subnets: string[];
  let azs: string[] | undefined;
  if (named?.length) {
    subnets = named;
    param(ctx, "SubnetIds", subnets.join(","), "--param");
    // Each named subnet's AZ, from the cluster or from what EC2 showed of its VPC.
    const known = [
      ...(cluster ? Object.entries(cluster.subnetMapping) : []),
      ...(snapshot.network?.subnets ?? []).map((s) => [s.availabilityZone, s.subnetId] as const),
    ];
    const mapped = subnets.map((s) => known.find(([, id]) => id === s)?.[0]);
    if (mapped.every(Boolean)) azs = (mapped as string[]).sort().slice(0, 2);
  } else if (restore.subnets === "current" && cluster && Object.keys(cluster.subnetMapping).length > 0) {
    subnets = Object.values(cluster.subnetMapping);
    azs = Object.keys(cluster.subnetMapping).sort().slice(0, 2);
    param(ctx, "SubnetIds", subnets.join(","), "live state");
  } else if (restore.subnets === "chosen") {
    const choice = chooseSubnets(cluster, snapshot.network);
    if ("refused" in choice)
      refuse(
        store,
        runbook.id,
        t("plan.refuse.cannotChooseSubnets", {
          why: choice.refused,
          needed: ADDRESSES_NEEDED,
        }),
      );
    subnets = choice.subnets.map((s) => s.subnetId);
    azs = choice.subnets
      .map((s) => s.availabilityZone)
      .sort()
      .slice(0, 2);
    param(ctx, "SubnetIds", subnets.join(","), "live state");
    const taken = choice.subnets.filter((s) => !s.own);
    if (taken.length > 0)
      ctx.notes.push(
        note(taken.length === 1 ? "subnetTaken" : "subnetsTaken", {
          store: store.customKeyStoreName,
          runbook: runbook.id,
          subnets: taken
            .map((s) =>
              english(englishPlan.noteParts.subnet, {
                subnet: s.subnetId,
                az: s.availabilityZone,
                count: s.availableIpAddresses,
              }),
            )
            .join(englishPlan.noteParts.itemSeparator),
        }),
      );
  } else {
    refuse(
      store,
      runbook.id,
      restore.subnets === "named"
        ? t("plan.refuse.namedSubnets")
        : t("plan.refuse.subnetsUnknown", { cluster: store.cloudHsmClusterId ?? "" }),
    );
  }
  if (subnets.length < 2) refuse(store, runbook.id, t("plan.refuse.twoAzs"));
  const malformed = subnets.filter((id) => !/^subnet-[0-9a-f]{8,17}$/.test(id));
  if (malformed.length)
    refuse(store, runbook.id, t("plan.refuse.malformedSubnets", { count: malformed.length }));
  keepPasswordIfItCan(ctx, runbook, restore, backupId);
  const hsmType = ctx.params.HsmType ?? cluster?.hsmType ?? "hsm1.medium";
  if (!HSM_TYPES.includes(hsmType)) {
    refuse(store, runbook.id, t("plan.refuse.hsmType", { hsmType, types: HSM_TYPES.join(", ") }));
  }
  param(
    ctx,
    "HsmType",
    hsmType,
    ctx.params.HsmType ? "--param" : cluster?.hsmType ? "live state" : "default",
  );
  ctx.targetCluster = NEW_CLUSTER;
  ctx.azs = azs ?? ["{{NewClusterAz1}}", "{{NewClusterAz2}}"];
  ctx.create = { HsmType: hsmType, SubnetIds: subnets, SourceBackupId: backupId } satisfies ClusterRequest;
}

/** HSMs added to the store's own cluster: the AZs that lack one, refused when the cluster cannot take two. */
function planAddedHsms(ctx: Context, runbook: Runbook) {
  const { store, cluster } = ctx;
  if (!cluster)
    refuse(
      store,
      runbook.id,
      t("plan.refuse.clusterNotVisible", { cluster: String(store.cloudHsmClusterId) }),
    );
  ctx.azs = missingAzs(cluster);
  // Nothing to add can mean the HSMs are there already (an interrupted run added them and the store
  // still needs its reconnect), or that the cluster cannot have two AZs' worth: only the second refuses.
  const covered = new Set(
    cluster.hsms
      .filter((h) => h.state === "ACTIVE" || h.state === "CREATE_IN_PROGRESS")
      .map((h) => h.availabilityZone),
  );
  if (ctx.azs.length === 0 && covered.size < 2) {
    refuse(store, runbook.id, t("plan.refuse.fewerThanTwoAzs"));
  }
}

function includeStep(step: RunbookStep, ctx: Context): boolean {
  if (step.onlyIfNotConnected && (ctx.state === "CONNECTED" || ctx.deferConnect)) return false;
  return ACTIONS[step.action].applies?.(ctx) ?? true;
}

/** The repetitions of a step: one per AZ to fill, one per orphaned backing key, or just one. */
function itemsOf(step: RunbookStep, ctx: Context): { suffix: string; item: RepeatItem; title: string }[] {
  if (step.repeat === "AvailabilityZones")
    return ctx.azs.map((az, i) => ({
      suffix: `-${i + 1}`,
      item: { availabilityZone: az },
      title: `${step.title} in ${az}`,
    }));
  if (step.repeat === "OrphanedKeys")
    return ctx.findings
      .filter((f) => typeof f.evidence.backingKeyId === "string")
      .map((f, i) => ({
        suffix: `-${i + 1}`,
        item: { orphan: f },
        title: `${step.title}: ${String(f.evidence.keyArn).split("/").pop()}`,
      }));
  return [{ suffix: "", item: {}, title: step.title }];
}

/** The new proxy URI of correct-xks-proxy-uri, from --param, or a one-line refusal. */
function planNewXksUri(ctx: Context, runbook: Runbook) {
  const planned = planXksUri(ctx.store, ctx.params);
  if ("refused" in planned) refuse(ctx.store, runbook.id, planned.refused);
  for (const [name, value] of Object.entries(planned.change)) param(ctx, name, value, "--param");
  if (planned.note) ctx.notes.push(planned.note);
  ctx.xksUri = planned.change;
}

function planAction(
  ctx: Context,
  runbook: Runbook,
  sources: Pick<PlanRequest, "passwordSource" | "xksCredentialSource">,
): PlanAction {
  if (runbook.restore) planRestore(ctx, runbook, runbook.restore);
  else if (repeats(runbook, "AvailabilityZones")) planAddedHsms(ctx, runbook);
  if (runbook.steps.some((s) => s.action === "kms.update-xks-uri")) planNewXksUri(ctx, runbook);
  const steps: PlanStep[] = [];
  for (const rs of runbook.steps) {
    if (!includeStep(rs, ctx)) continue;
    const spec = ACTIONS[rs.action];
    // A CloudHSM step on an external key store (or the reverse) could only fail, or act on a
    // cluster the store does not have: no plan ever holds one.
    if (spec.storeTypes && !spec.storeTypes.includes(ctx.store.customKeyStoreType)) {
      refuse(
        ctx.store,
        runbook.id,
        t("plan.refuse.wrongStoreType", {
          step: rs.id,
          action: rs.action,
          types: spec.storeTypes.join(t("plan.refuse.or")),
          type: ctx.store.customKeyStoreType,
        }),
      );
    }
    for (const { suffix, item, title } of itemsOf(rs, ctx)) {
      const input = spec.plan(ctx, item);
      const checked = spec.input.safeParse(input);
      if (!checked.success) {
        // What the live state gave kcs cannot make this step (say, an orphan without its event id).
        const issue = checked.error.issues[0]!;
        refuse(
          ctx.store,
          runbook.id,
          t("plan.refuse.badInput", {
            step: rs.id,
            path: issue.path.join(".") || t("plan.refuse.noInput"),
            message: issue.message,
          }),
        );
      }
      const manual = spec.commands?.(checked.data);
      steps.push({
        id: `${rs.id}${suffix}`,
        title,
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
        ...(manual ?? {}),
      });
      const needs = typeof spec.needsPassword === "function" ? spec.needsPassword(input) : spec.needsPassword;
      if (needs) param(ctx, "KmsUserPassword", MASK, sources.passwordSource);
      if (spec.needsXksCredential)
        param(ctx, "XksProxyCredential", MASK, sources.xksCredentialSource ?? "prompt");
    }
  }
  const codes = [...new Set(ctx.findings.map((f) => f.code))];
  return {
    finding: codes[0]!,
    findings: codes,
    runbook: runbook.id,
    customKeyStoreId: ctx.store.customKeyStoreId,
    customKeyStoreName: ctx.store.customKeyStoreName,
    parameters: ctx.parameters,
    impact: impactOf(ctx, steps),
    steps,
  };
}

/** Keys of the store that work now: what its users lose while the store is disconnected. */
function usableKeys(ctx: PlanningContext): number {
  if (ctx.store.connectionState !== "CONNECTED") return 0;
  return ctx.snapshot.keys.filter(
    (k) => k.customKeyStoreId === ctx.store.customKeyStoreId && k.keyState === "Enabled",
  ).length;
}

/** What one action does to the store's users and to the bill. */
function impactOf(ctx: Context, steps: PlanStep[]): Impact {
  const disconnects = steps.some((s) => s.action === "kms.disconnect");
  const hsms = steps.filter((s) => s.action === "cloudhsm.create-hsm").length;
  const newCluster = steps.some((s) => s.action === "cloudhsm.create-cluster-from-backup");
  const moves = steps.some((s) => s.action === "kms.update-cluster");
  const old = ctx.cluster && !GONE_CLUSTER_STATES.has(ctx.cluster.state) ? ctx.cluster : undefined;
  const creates = [
    ...(newCluster ? [`a CloudHSM cluster from ${String(ctx.create?.SourceBackupId)}`] : []),
    ...(hsms ? [`${hsms} HSM${hsms === 1 ? "" : "s"} in ${ctx.targetCluster}`] : []),
  ];
  const leavesBehind =
    moves && old
      ? [
          `${old.clusterId} and its ${old.hsms.length} HSM(s): the store no longer uses it, and it is billed until you delete it`,
        ]
      : [];
  return {
    storesTakenOffline: disconnects ? [ctx.store.customKeyStoreId] : [],
    keysMadeUnavailable: disconnects ? usableKeys(ctx) : 0,
    ...(creates.length ? { creates } : {}),
    ...(leavesBehind.length ? { leavesBehind } : {}),
  };
}

/** The plan's impact: each store counted once, whatever number of its actions disconnect it. */
function planImpact(actions: PlanAction[]): Impact {
  const offline = [...new Set(actions.flatMap((a) => a.impact?.storesTakenOffline ?? []))];
  const keys = offline.reduce(
    (n, id) =>
      n +
      Math.max(
        0,
        ...actions.filter((a) => a.customKeyStoreId === id).map((a) => a.impact?.keysMadeUnavailable ?? 0),
      ),
    0,
  );
  const creates = actions.flatMap((a) => a.impact?.creates ?? []);
  const leavesBehind = actions.flatMap((a) => a.impact?.leavesBehind ?? []);
  return {
    storesTakenOffline: offline,
    keysMadeUnavailable: keys,
    ...(creates.length ? { creates } : {}),
    ...(leavesBehind.length ? { leavesBehind } : {}),
  };
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

const codesOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.code))].join(", ");

/**
 * Which runbooks run on one store, in order, and with which findings. Every rule reads the runbooks'
 * own metadata (order, connects, connectOnly, repairsPassword, restore), never a runbook id.
 */
function composeStore(
  snapshot: Snapshot,
  store: StoreFacts,
  groups: Map<RunbookId, Finding[]>,
  runbooks: Runbook[],
  notes: string[],
): Runbook[] {
  const byId = (id: RunbookId) => {
    const rb = runbooks.find((r) => r.id === id);
    if (!rb) throw new Error(`finding names runbook ${id}, which does not exist`);
    return rb;
  };
  // A store whose password an interrupted run was replacing holds an unknown password: set a new one
  // rather than connect with what may be the wrong one (each failed login counts toward lockout).
  // Only the store's own cluster matters: a restored cluster it does not use yet can wait.
  const unknownPassword = (snapshot.passwordsInFlight ?? []).some(
    (p) => p.customKeyStoreId === store.customKeyStoreId && p.cloudHsmClusterId === store.cloudHsmClusterId,
  );
  const repairer = runbooks.find((r) => r.repairsPassword);
  if (unknownPassword && repairer) {
    for (const id of [...groups.keys()]) {
      if (!byId(id).connectOnly) continue;
      groups.set(repairer.id, [...(groups.get(repairer.id) ?? []), ...groups.get(id)!]);
      groups.delete(id);
    }
  }
  // A store an interrupted run was moving to a restored cluster: finish the move, never reconnect it
  // to the cluster it was leaving (its DISCONNECTED state alone cannot tell).
  const move = (snapshot.movesInFlight ?? []).find((m) => m.customKeyStoreId === store.customKeyStoreId);
  const mover = move && runbooks.find((r) => r.id === move.runbook && r.restore);
  if (mover) {
    for (const id of [...groups.keys()]) {
      if (!byId(id).connectOnly) continue;
      groups.set(mover.id, [...(groups.get(mover.id) ?? []), ...groups.get(id)!]);
      groups.delete(id);
    }
  }
  let chosen = [...groups.keys()].map(byId).sort((a, b) => a.order - b.order);
  // A restore connects the store to a new cluster with a new password: whatever would act on the
  // store or its old cluster waits for a run after the restore. A wait for a connect in progress stays.
  if (chosen.some((r) => r.restore)) {
    const moot = chosen.filter((r) => !r.restore && r.connects !== "never");
    for (const r of moot)
      notes.push(
        note("leftForLater", { store: store.customKeyStoreName, codes: codesOf(groups.get(r.id)!) }),
      );
    chosen = chosen.filter((r) => !moot.includes(r));
  }
  // Orphans on the store's cluster, or on the cluster it was restored from (the backup brought the
  // material along), are deleted on the store's cluster; others are a person's to delete there.
  for (const r of chosen.filter((x) => repeats(x, "OrphanedKeys"))) {
    const lineage = clusterLineage(snapshot, store);
    const all = groups.get(r.id)!;
    const local = all.filter((f) => lineage.has(String(f.evidence.cloudHsmClusterId)));
    const foreign = all.filter((f) => !local.includes(f));
    if (foreign.length > 0) {
      notes.push(
        note("foreignOrphans", {
          store: store.customKeyStoreName,
          count: foreign.length,
          clusters: [...new Set(foreign.map((f) => String(f.evidence.cloudHsmClusterId)))].join(", "),
          runbook: r.id,
        }),
      );
    }
    if (local.length > 0) groups.set(r.id, local);
    else chosen = chosen.filter((x) => x !== r);
  }
  // One connecting runbook per store is enough: a later one whose whole job is a connect adds nothing.
  let connected = false;
  return chosen.filter((r) => {
    // Only a connect others can rely on counts: a for-itself runbook reconnects for its own work.
    if (r.connects === "never" || r.connects === "for-itself") return true;
    if (connected && r.connectOnly) return false;
    connected = true;
    return true;
  });
}

/** The ConnectionState the next runbook on the store can assume once this action has run. */
function stateAfter(action: PlanAction, before: ConnectionState): ConnectionState {
  const actions = new Set(action.steps.map((s) => s.action));
  // A wait for a connection already in progress may end either way: the executor decides live.
  if (actions.has("wait.store-connected")) return "CONNECTED";
  if (actions.has("wait.store-settled")) return "UNKNOWN";
  if (actions.has("wait.store-disconnected")) return "DISCONNECTED";
  return before;
}

/**
 * Findings + snapshot + runbooks → a Plan. Pure: it reads no AWS state, so what it decides (which
 * backup, which AZs, which steps) is exactly what a reviewer sees. Refuses with a one-line UsageError
 * when a runbook needs a parameter it cannot learn from the live state.
 */
export function buildPlan(req: PlanRequest): Plan {
  const { snapshot } = req;
  const byStore = new Map<string, Map<RunbookId, Finding[]>>();
  const typeOf = new Map(snapshot.stores.map((s) => [s.customKeyStoreId, s.customKeyStoreType]));
  for (const f of req.findings) {
    if (!f.runbook) continue;
    // The store's kind decides, whoever built the finding: INVALID_CREDENTIALS on an external store
    // is the proxy credential's, never kmsuser's password.
    const runbook = runbookFor(f.code, typeOf.get(f.customKeyStoreId) ?? "AWS_CLOUDHSM") ?? f.runbook;
    const m = byStore.get(f.customKeyStoreId) ?? new Map<RunbookId, Finding[]>();
    m.set(runbook, [...(m.get(runbook) ?? []), { ...f, runbook }]);
    byStore.set(f.customKeyStoreId, m);
  }
  const actions: PlanAction[] = [];
  const notes: string[] = [];
  for (const store of snapshot.stores) {
    const groups = byStore.get(store.customKeyStoreId);
    if (!groups) continue;
    const chosen = composeStore(snapshot, store, groups, req.runbooks, notes);
    let state = store.connectionState;
    for (const [i, runbook] of chosen.entries()) {
      const ctx: Context = {
        snapshot,
        store,
        state,
        findings: groups.get(runbook.id)!,
        targetCluster: store.cloudHsmClusterId ?? "",
        azs: [],
        reuse: false,
        cluster: store.cloudHsmClusterId ? snapshot.clusters[store.cloudHsmClusterId] : undefined,
        params: req.params,
        parameters: [],
        deferConnect: chosen.slice(i + 1).some((later) => later.connects === "always"),
        notes,
      };
      const action = planAction(ctx, runbook, req);
      actions.push(action);
      state = stateAfter(action, state);
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
    impact: planImpact(actions),
    actions,
    ...(notes.length ? { notes } : {}),
  };
}
