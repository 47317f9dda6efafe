import { DURATIONS } from "../clock.js";
import { recordApiCall } from "../cloudtrail/record.js";
import type { OpContext } from "../context.js";
import { clusterSecurityGroup } from "../ec2/security-groups.js";
import { awsError } from "../errors.js";
import { hex, newClusterId, newEniId, newHsmId, newSecurityGroupId } from "../ids.js";
import { decodeToken, encodeToken, hsmInvalid, type Input, Params } from "../input.js";
import type { Backup, Cluster, ClusterMode, Hsm, World } from "../world.js";
import { imageOf, takeBackup } from "./backup-lifecycle.js";
import { parseHsmTags } from "./tags.js";

/** CloudHSM's fixed quota of HSMs per cluster (clusters per Region is the world's `clusterLimit`). */
export const MAX_HSMS_PER_CLUSTER = 28;

const notFound = (what: string, id: string) =>
  awsError("CloudHsmResourceNotFoundException", `${what} ${id} does not exist.`);
const invalidRequest = (message: string) => awsError("CloudHsmInvalidRequestException", message);

export function hsmView(h: Hsm, cluster: Pick<Cluster, "ClusterId" | "HsmType">) {
  return {
    AvailabilityZone: h.AvailabilityZone,
    ClusterId: cluster.ClusterId,
    // Every HSM of a cluster is of the cluster's type (newer models carry it on the HSM too).
    HsmType: cluster.HsmType,
    SubnetId: h.SubnetId,
    EniId: h.EniId,
    EniIp: h.EniIp,
    HsmId: h.HsmId,
    State: h.State,
    ...(h.StateMessage ? { StateMessage: h.StateMessage } : {}),
  };
}

export function clusterView(c: Cluster) {
  return {
    BackupPolicy: c.BackupPolicy,
    BackupRetentionPolicy: c.BackupRetentionPolicy,
    ClusterId: c.ClusterId,
    CreateTimestamp: c.CreateTimestamp / 1000,
    Hsms: c.Hsms.filter((h) => h.State !== "DELETED").map((h) => hsmView(h, c)),
    HsmType: c.HsmType,
    SecurityGroup: c.SecurityGroup,
    ...(c.SourceBackupId ? { SourceBackupId: c.SourceBackupId } : {}),
    State: c.State,
    ...(c.StateMessage ? { StateMessage: c.StateMessage } : {}),
    SubnetMapping: c.SubnetMapping,
    VpcId: c.VpcId,
    NetworkType: c.NetworkType ?? "IPV4",
    Mode: c.Mode ?? "FIPS",
    Certificates:
      c.State === "UNINITIALIZED"
        ? {
            ClusterCsr: `-----BEGIN CERTIFICATE REQUEST-----\n${c.ClusterId}\n-----END CERTIFICATE REQUEST-----`,
          }
        : c.State === "CREATE_IN_PROGRESS" && !c.SourceBackupId
          ? {} // a new cluster has no certificate until it is initialized
          : { ClusterCertificate: c.ClusterCertificate },
    // The model allows no empty TagList (1 to 50): a cluster without tags has none.
    ...(c.TagList?.length ? { TagList: c.TagList } : {}),
  };
}

/** CreateCluster's TagList (1 to 50 tags); tagging at creation also needs cloudhsm:TagResource. */
export function tagList(ctx: OpContext, p: Params): { Key: string; Value: string }[] | undefined {
  const list = p.list("TagList", { min: 1, max: 50 });
  if (!list) return undefined;
  const tags = parseHsmTags(list);
  if (ctx.world.faults.accessDenied.includes("cloudhsm:TagResource")) {
    throw awsError(
      "CloudHsmAccessDeniedException",
      `User: arn:aws:iam::${ctx.world.accountId}:user/${ctx.caller.userName} is not authorized to perform: cloudhsm:TagResource because no identity-based policy allows the cloudhsm:TagResource action`,
    );
  }
  return tags;
}

/** How long CloudHSM keeps backups when CreateCluster is given no BackupRetentionPolicy. */
export const DEFAULT_RETENTION_DAYS = "90";

/** A BackupRetentionPolicy as CreateCluster and ModifyCluster take it: DAYS, from 7 to 379. */
export function retentionPolicy(p: Params): Cluster["BackupRetentionPolicy"] | undefined {
  const raw = p.map("BackupRetentionPolicy");
  if (!raw) return undefined;
  const policy = new Params(raw, hsmInvalid);
  policy.str("Type", { required: true, oneOf: ["DAYS"] });
  const value = policy.str("Value", { required: true, pattern: /^[0-9]{1,3}$/ });
  const days = Number(value);
  if (days < 7 || days > 379)
    throw invalidRequest(`BackupRetentionPolicy.Value ${value} is not valid: use a value between 7 and 379.`);
  return { Type: "DAYS", Value: String(days) };
}

/** Clusters DescribeClusters shows: deleted ones stay visible (DELETED) for a while, then vanish. */
export function visibleClusters(world: World, now: number): Cluster[] {
  return world.clusters.filter(
    (c) => c.deletedAt === undefined || now - c.deletedAt < DURATIONS.deletedClusterVisible,
  );
}

function filterValues(filters: Record<string, unknown>, allowed: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(filters)) {
    if (!allowed.includes(k))
      throw invalidRequest(`Invalid filter key ${k}. Valid keys: ${allowed.join(", ")}.`);
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
      throw invalidRequest(`Filter ${k} must be a list of strings.`);
    out.set(k, v as string[]);
  }
  return out;
}

export function describeClusters(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const filters = filterValues(p.map("Filters") ?? {}, ["clusterIds", "vpcIds", "states"]);
  const max = p.int("MaxResults", { min: 1, max: 25 }) ?? 25;
  const token = p.str("NextToken", { max: 256 });
  const bind = `clusters:${JSON.stringify([...filters])}`;
  const start = token === undefined ? 0 : decodeToken(token, bind);
  if (start === undefined) throw invalidRequest("The NextToken value is not valid.");
  const matches = visibleClusters(ctx.world, ctx.now).filter(
    (c) =>
      (!filters.has("clusterIds") || filters.get("clusterIds")!.includes(c.ClusterId)) &&
      (!filters.has("vpcIds") || filters.get("vpcIds")!.includes(c.VpcId)) &&
      (!filters.has("states") || filters.get("states")!.includes(c.State)),
  );
  const more = start + max < matches.length;
  return {
    Clusters: matches.slice(start, start + max).map(clusterView),
    ...(more ? { NextToken: encodeToken(start + max, bind) } : {}),
  };
}

export function findCluster(world: World, id: string): Cluster {
  const c = world.clusters.find((x) => x.ClusterId === id && x.State !== "DELETED");
  if (!c) throw notFound("Cluster", id);
  return c;
}

export function hsmEvent(
  ctx: OpContext,
  name: string,
  params: Record<string, unknown>,
  response: Record<string, unknown>,
) {
  recordApiCall(ctx, {
    service: "cloudhsmv2",
    eventName: name,
    requestParameters: params,
    responseElements: response,
  });
}

export function createCluster(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, hsmInvalid);
  const hsmType = p.str("HsmType", {
    required: true,
    oneOf: ["hsm1.medium", "hsm2m.medium"],
  }) as Cluster["HsmType"];
  const subnetIds = p.list("SubnetIds", { min: 1, max: 10 });
  if (!subnetIds) throw invalidRequest("SubnetIds is required.");
  const sourceBackupInput = p.str("SourceBackupId");
  const retention = retentionPolicy(p);
  const modeInput = p.str("Mode", { oneOf: ["FIPS", "NON_FIPS"] }) as ClusterMode | undefined;
  const networkType = p.str("NetworkType", { oneOf: ["IPV4", "DUALSTACK"] }) as Cluster["NetworkType"];
  const tags = tagList(ctx, p);
  const subnets = subnetIds.map((id) => {
    const s = world.subnets.find((x) => x.SubnetId === id && !x.deleted);
    if (!s) throw invalidRequest(`Subnet ${String(id)} does not exist.`);
    return s;
  });
  if (new Set(subnets.map((s) => s.VpcId)).size > 1)
    throw invalidRequest("All subnets must be in the same VPC.");
  if (new Set(subnets.map((s) => s.AvailabilityZone)).size !== subnets.length) {
    throw invalidRequest("Specify at most one subnet per Availability Zone.");
  }
  let backup: Backup | undefined;
  if (sourceBackupInput !== undefined) {
    const id = sourceBackupInput.startsWith("arn:") ? sourceBackupInput.split("/").pop()! : sourceBackupInput;
    backup = world.backups.find((b) => b.BackupId === id);
    if (!backup || backup.BackupState === "DELETED") throw notFound("Backup", sourceBackupInput);
    if (backup.BackupState !== "READY")
      throw invalidRequest(`Backup ${id} is ${backup.BackupState}; only READY backups can be restored.`);
  }
  // A restored cluster keeps its backup's mode; only hsm2m.medium HSMs run outside FIPS mode.
  const backupMode = backup ? (backup.Mode ?? "FIPS") : undefined;
  if (backupMode && modeInput && modeInput !== backupMode)
    throw invalidRequest(
      `Backup ${backup!.BackupId} is of a ${backupMode} cluster: the cluster must be ${backupMode} too.`,
    );
  const mode = modeInput ?? backupMode ?? "FIPS";
  if (mode === "NON_FIPS" && hsmType !== "hsm2m.medium")
    throw invalidRequest(`Mode NON_FIPS is available only for HSM type hsm2m.medium, not ${hsmType}.`);
  if (world.clusters.filter((c) => c.State !== "DELETED").length >= world.clusterLimit) {
    // CreateCluster's model lists no limit error (CloudHsmResourceLimitExceededException is TagResource's):
    // a quota reached is its generic service error.
    throw awsError(
      "CloudHsmServiceException",
      `You have reached the limit of ${world.clusterLimit} clusters in this Region.`,
    );
  }
  const clusterId = newClusterId(world);
  const certificate =
    backup?.ClusterCertificate ??
    `-----BEGIN CERTIFICATE-----\nMIIC${hex(world, "cert", 48)}\n-----END CERTIFICATE-----`;
  const cluster: Cluster = {
    ClusterId: clusterId,
    State: "CREATE_IN_PROGRESS",
    HsmType: hsmType,
    VpcId: subnets[0]!.VpcId,
    SecurityGroup: newSecurityGroupId(world),
    SubnetMapping: Object.fromEntries(subnets.map((s) => [s.AvailabilityZone, s.SubnetId])),
    CreateTimestamp: ctx.now,
    ...(backup ? { SourceBackupId: backup.BackupId } : {}),
    BackupPolicy: "DEFAULT",
    BackupRetentionPolicy: retention ?? { Type: "DAYS", Value: DEFAULT_RETENTION_DAYS },
    ClusterCertificate: certificate,
    trustAnchor:
      backup?.trustAnchor ??
      `-----BEGIN CERTIFICATE-----\nMIIB${hex(world, "ca", 48)}\n-----END CERTIFICATE-----`,
    Hsms: [],
    hsm: backup ? imageOf(world, backup) : { users: [], keys: [], nextHandle: 262150 },
    pending: { kind: "create", dueAt: ctx.now + DURATIONS.clusterCreate },
    ...(tags ? { TagList: tags } : {}),
    Mode: mode,
    NetworkType: networkType ?? "IPV4",
  };
  // Sessions do not survive into a restored cluster.
  for (const u of cluster.hsm.users) delete u.loggedInBy;
  world.clusters.push(cluster);
  clusterSecurityGroup(world, cluster);
  const view = clusterView(cluster);
  hsmEvent(
    ctx,
    "CreateCluster",
    {
      hsmType,
      subnetIds,
      ...(backup ? { sourceBackupId: backup.BackupId } : {}),
      ...(retention ? { backupRetentionPolicy: { type: retention.Type, value: retention.Value } } : {}),
      ...(modeInput ? { mode: modeInput } : {}),
      ...(networkType ? { networkType } : {}),
      ...(tags ? { tagList: tags.map((t) => ({ key: t.Key, value: t.Value })) } : {}),
    },
    { cluster: view },
  );
  return { Cluster: view };
}

export function completeClusterCreate(cluster: Cluster): void {
  delete cluster.pending;
  cluster.State = cluster.SourceBackupId ? "ACTIVE" : "UNINITIALIZED";
}

export function createHsm(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, hsmInvalid);
  const cluster = findCluster(world, p.str("ClusterId", { required: true }));
  const az = p.str("AvailabilityZone", { required: true });
  const ip = p.str("IpAddress");
  if (cluster.State !== "ACTIVE" && cluster.State !== "UNINITIALIZED" && cluster.State !== "DEGRADED") {
    throw invalidRequest(
      `Cluster ${cluster.ClusterId} is ${cluster.State}; HSMs can be added only to an ACTIVE or UNINITIALIZED cluster.`,
    );
  }
  const subnetId = cluster.SubnetMapping[az];
  if (!subnetId) {
    throw invalidRequest(
      `Availability Zone ${az} is not one of the cluster's: ${Object.keys(cluster.SubnetMapping).join(", ")}.`,
    );
  }
  const live = cluster.Hsms.filter((h) => h.State !== "DELETED");
  if (live.length >= MAX_HSMS_PER_CLUSTER) {
    throw awsError(
      "CloudHsmServiceException",
      `Cluster ${cluster.ClusterId} already has ${MAX_HSMS_PER_CLUSTER} HSMs.`,
    );
  }
  const subnet = world.subnets.find((s) => s.SubnetId === subnetId);
  if (!subnet || subnet.deleted)
    throw invalidRequest(`Subnet ${subnetId} of cluster ${cluster.ClusterId} no longer exists.`);
  if (subnet.freeAddresses < 1)
    throw invalidRequest(`Subnet ${subnetId} has no free IP address for the HSM.`);
  subnet.freeAddresses -= 1;
  const base = subnet.CidrBlock.split("/")[0]!.split(".").slice(0, 3).join(".");
  const hsm: Hsm = {
    HsmId: newHsmId(world),
    AvailabilityZone: az,
    SubnetId: subnetId,
    EniId: newEniId(world),
    EniIp: ip ?? `${base}.${10 + (world.seq % 200)}`,
    State: "CREATE_IN_PROGRESS",
    pending: { kind: "create", dueAt: ctx.now + DURATIONS.hsmCreate },
  };
  cluster.Hsms.push(hsm);
  const view = hsmView(hsm, cluster);
  hsmEvent(ctx, "CreateHsm", { clusterId: cluster.ClusterId, availabilityZone: az }, { hsm: view });
  return { Hsm: view };
}

export function completeHsmCreate(world: World, cluster: Cluster, hsm: Hsm, at: number): void {
  delete hsm.pending;
  const hadActive = cluster.Hsms.some((h) => h !== hsm && h.State === "ACTIVE");
  hsm.State = "ACTIVE";
  if (cluster.State === "ACTIVE" && hadActive) takeBackup(world, cluster, at);
}

export function deleteHsm(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, hsmInvalid);
  const cluster = findCluster(world, p.str("ClusterId", { required: true }));
  const hsmId = p.str("HsmId");
  const eniId = p.str("EniId");
  const eniIp = p.str("EniIp");
  if ([hsmId, eniId, eniIp].filter((x) => x !== undefined).length !== 1) {
    throw invalidRequest("Specify exactly one of HsmId, EniId or EniIp.");
  }
  const hsm = cluster.Hsms.find(
    (h) => h.State !== "DELETED" && (h.HsmId === hsmId || h.EniId === eniId || h.EniIp === eniIp),
  );
  if (!hsm) throw notFound("HSM", hsmId ?? eniId ?? eniIp ?? "");
  if (hsm.State === "DELETE_IN_PROGRESS") return { HsmId: hsm.HsmId };
  if (cluster.State === "ACTIVE" && hsm.State === "ACTIVE") takeBackup(world, cluster, ctx.now);
  hsm.State = "DELETE_IN_PROGRESS";
  hsm.pending = { kind: "delete", dueAt: ctx.now + DURATIONS.hsmDelete };
  hsmEvent(ctx, "DeleteHsm", { clusterId: cluster.ClusterId, hsmId: hsm.HsmId }, { hsmId: hsm.HsmId });
  return { HsmId: hsm.HsmId };
}

export function completeHsmDelete(world: World, cluster: Cluster, hsm: Hsm): void {
  cluster.Hsms = cluster.Hsms.filter((h) => h !== hsm);
  const subnet = world.subnets.find((s) => s.SubnetId === hsm.SubnetId);
  if (subnet && !subnet.deleted) subnet.freeAddresses += 1;
}

export function deleteCluster(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const cluster = findCluster(ctx.world, p.str("ClusterId", { required: true }));
  if (cluster.Hsms.some((h) => h.State !== "DELETED")) {
    throw invalidRequest(
      `Cluster ${cluster.ClusterId} still has HSMs. Delete every HSM before you delete the cluster.`,
    );
  }
  if (cluster.State === "DELETE_IN_PROGRESS") return { Cluster: clusterView(cluster) };
  cluster.State = "DELETE_IN_PROGRESS";
  cluster.pending = { kind: "delete", dueAt: ctx.now + DURATIONS.clusterDelete };
  const view = clusterView(cluster);
  hsmEvent(ctx, "DeleteCluster", { clusterId: cluster.ClusterId }, { cluster: view });
  return { Cluster: view };
}

export function completeClusterDelete(cluster: Cluster, at: number): void {
  delete cluster.pending;
  cluster.State = "DELETED";
  cluster.deletedAt = at;
}
