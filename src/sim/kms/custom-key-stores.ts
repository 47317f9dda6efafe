import { DURATIONS } from "../clock.js";
import { activeHsms, attemptLogin, findUser, hasTwoActiveAzs, KMSUSER } from "../cloudhsm/hsm-data.js";
import { recordApiCall } from "../cloudtrail/record.js";
import type { OpContext } from "../context.js";
import { clusterRulesMissing, kmsCannotReach } from "../ec2/security-groups.js";
import { awsError } from "../errors.js";
import { hashPassword, newStoreId } from "../ids.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import { findStore, liveCluster } from "../lookup.js";
import type { Cluster, ConnectionErrorCode, CustomKeyStore, World } from "../world.js";
import { XKS_CONNECTION_ERROR_CODES } from "../world.js";
import { decodeMarker, encodeMarker } from "./markers.js";
import { checkXksUniqueness, parseCreate, verifyXks, xksConnectOutcome } from "./xks-stores.js";
import { updateExternalKeyStore, xksEventParams } from "./xks-update.js";

/** KMS allows 10 custom key stores per account and Region, of all types, in any state. */
export const MAX_CUSTOM_KEY_STORES = 10;
const PASSWORD = { min: 7, max: 32, sensitive: true };
const CLUSTER_ID = /^cluster-[2-7a-zA-Z]{11,16}$/;

export function toListEntry(store: CustomKeyStore) {
  return {
    CustomKeyStoreId: store.CustomKeyStoreId,
    CustomKeyStoreName: store.CustomKeyStoreName,
    ...(store.CustomKeyStoreType === "AWS_CLOUDHSM"
      ? { CloudHsmClusterId: store.CloudHsmClusterId, TrustAnchorCertificate: store.TrustAnchorCertificate }
      : {}),
    ConnectionState: store.ConnectionState,
    ...(store.ConnectionState === "FAILED" && store.ConnectionErrorCode
      ? { ConnectionErrorCode: store.ConnectionErrorCode }
      : {}),
    CreationDate: store.CreationDate / 1000,
    CustomKeyStoreType: store.CustomKeyStoreType,
    ...(store.XksProxyConfiguration ? { XksProxyConfiguration: store.XksProxyConfiguration } : {}),
  };
}

export function describeCustomKeyStores(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const id = p.str("CustomKeyStoreId", { min: 1, max: 64 });
  const name = p.str("CustomKeyStoreName", { min: 1, max: 256 });
  const limit = p.int("Limit", { min: 1, max: 1000 }) ?? 100;
  const marker = p.str("Marker", { min: 1, max: 1024 });
  let stores = ctx.world.stores;
  if (id !== undefined && name !== undefined) {
    throw kmsInvalid(
      "CustomKeyStoreName",
      name,
      "Specify either CustomKeyStoreId or CustomKeyStoreName, not both",
    );
  }
  if (id !== undefined) stores = [findStore(ctx.world, id)];
  if (name !== undefined) {
    stores = stores.filter((s) => s.CustomKeyStoreName === name);
    if (stores.length === 0) {
      throw awsError(
        "CustomKeyStoreNotFoundException",
        `Custom key store with name '${name}' does not exist in this AWS Region for this account.`,
      );
    }
  }
  const start = marker === undefined ? 0 : decodeMarker(marker, "cks");
  const page = stores.slice(start, start + limit);
  const more = start + limit < stores.length;
  return {
    CustomKeyStores: page.map(toListEntry),
    Truncated: more,
    ...(more ? { NextMarker: encodeMarker(start + limit, "cks") } : {}),
  };
}

export function storeEvent(
  ctx: OpContext,
  name: string,
  store: CustomKeyStore,
  extra: Record<string, unknown> = {},
) {
  recordApiCall(ctx, {
    service: "kms",
    eventName: name,
    requestParameters: { customKeyStoreId: store.CustomKeyStoreId, ...extra },
    additionalEventData: {
      customKeyStoreName: store.CustomKeyStoreName,
      ...(store.CloudHsmClusterId ? { clusterId: store.CloudHsmClusterId } : {}),
    },
  });
}

export function invalidState(store: CustomKeyStore, what: string) {
  return awsError(
    "CustomKeyStoreInvalidStateException",
    `Custom key store ${store.CustomKeyStoreId} is ${store.ConnectionState}. ${what}`,
  );
}

export function connectCustomKeyStore(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const store = findStore(ctx.world, p.str("CustomKeyStoreId", { required: true, min: 1, max: 64 }));
  if (store.ConnectionState === "FAILED" || store.ConnectionState === "DISCONNECTING") {
    throw invalidState(
      store,
      "You cannot connect a custom key store in this state. Disconnect it first, then connect it again.",
    );
  }
  if (store.ConnectionState === "CONNECTED" || store.ConnectionState === "CONNECTING") return {};
  if (store.CustomKeyStoreType === "AWS_CLOUDHSM") {
    // Problems KMS can see at once fail the call itself; the store stays DISCONNECTED.
    const cluster = liveCluster(ctx.world, store.CloudHsmClusterId);
    if (cluster && cluster.State !== "ACTIVE") {
      throw awsError(
        "CloudHsmClusterNotActiveException",
        `The AWS CloudHSM cluster ${cluster.ClusterId} is not active (${cluster.State}). Initialize and activate it, then try again.`,
      );
    }
    // No active HSM is as easy to see as an inactive cluster: the call fails and nothing starts.
    // (FAILED with INSUFFICIENT_CLOUDHSM_HSMS is for HSMs that vanish while a connect runs.)
    if (cluster && !cluster.Hsms.some((h) => h.State === "ACTIVE")) {
      throw awsError(
        "CloudHsmClusterInvalidConfigurationException",
        `The AWS CloudHSM cluster ${cluster.ClusterId} has no active HSMs. Add at least one HSM, then try again.`,
      );
    }
    if (cluster && clusterRulesMissing(ctx.world, cluster).length > 0) {
      throw awsError(
        "CloudHsmClusterInvalidConfigurationException",
        `The security group ${cluster.SecurityGroup} of cluster ${cluster.ClusterId} must allow TCP 2223-2225 inbound and outbound to itself.`,
      );
    }
  }
  store.ConnectionState = "CONNECTING";
  delete store.ConnectionErrorCode;
  store.pending = { kind: "connect", dueAt: ctx.now + DURATIONS.connect };
  storeEvent(ctx, "ConnectCustomKeyStore", store);
  return {};
}

export function disconnectCustomKeyStore(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const store = findStore(ctx.world, p.str("CustomKeyStoreId", { required: true, min: 1, max: 64 }));
  if (store.ConnectionState === "DISCONNECTED" || store.ConnectionState === "DISCONNECTING") {
    throw invalidState(store, "It is already disconnected or disconnecting.");
  }
  store.ConnectionState = "DISCONNECTING";
  delete store.ConnectionErrorCode;
  store.pending = { kind: "disconnect", dueAt: ctx.now + DURATIONS.disconnect };
  storeEvent(ctx, "DisconnectCustomKeyStore", store);
  return {};
}

/** Settles a connect: the checks KMS makes while CONNECTING decide CONNECTED or FAILED(code). */
export function completeConnect(
  world: World,
  store: CustomKeyStore,
  faultCode?: ConnectionErrorCode,
  now: number = store.pending?.dueAt ?? world.clock.simAnchorMs,
): void {
  delete store.pending;
  // An injected XKS code wins (drills); otherwise the proxy's answer to GetHealthStatus decides.
  const code =
    store.CustomKeyStoreType === "AWS_CLOUDHSM"
      ? connectOutcome(world, store, faultCode)
      : faultCode && (XKS_CONNECTION_ERROR_CODES as readonly string[]).includes(faultCode)
        ? faultCode
        : xksConnectOutcome(world, store, now);
  if (code) {
    store.ConnectionState = "FAILED";
    store.ConnectionErrorCode = code;
    return;
  }
  store.ConnectionState = "CONNECTED";
  delete store.ConnectionErrorCode;
}

function connectOutcome(world: World, store: CustomKeyStore, faultCode?: ConnectionErrorCode) {
  const cluster = liveCluster(world, store.CloudHsmClusterId);
  if (!cluster || cluster.State === "DELETE_IN_PROGRESS") return "CLUSTER_NOT_FOUND" as const;
  const subnets = Object.values(cluster.SubnetMapping).map((id) =>
    world.subnets.find((s) => s.SubnetId === id),
  );
  if (subnets.some((s) => !s || s.deleted)) return "SUBNET_NOT_FOUND" as const;
  if (subnets.some((s) => s!.freeAddresses < 1)) return "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET" as const;
  if (activeHsms(cluster).length === 0) return "INSUFFICIENT_CLOUDHSM_HSMS" as const;
  // Rules KMS needs that went missing after the connect started (the call itself checks them).
  if (kmsCannotReach(world, cluster)) return "NETWORK_ERRORS" as const;
  if (faultCode) return faultCode;
  const user = findUser(cluster.hsm, KMSUSER);
  if (!user) return "USER_NOT_FOUND" as const;
  if (user.loggedInBy) return "USER_LOGGED_IN" as const;
  const outcome = attemptLogin(user, store.keyStorePasswordHash ?? "");
  if (outcome === "locked") return "USER_LOCKED_OUT" as const;
  if (outcome === "bad-password" || outcome === "now-locked") return "INVALID_CREDENTIALS" as const;
  // Connected: KMS holds the kmsuser session, rotates the password to one only it knows, and puts
  // one network interface in each of the cluster's subnets.
  user.loggedInBy = "kms";
  const rotated = hashPassword(world, `kms-rotated-${world.seq++}-${store.CustomKeyStoreId}`);
  user.passwordHash = rotated;
  store.keyStorePasswordHash = rotated;
  for (const s of subnets) s!.freeAddresses -= 1;
  return undefined;
}

export function completeDisconnect(world: World, store: CustomKeyStore): void {
  const wasConnected = store.pending?.kind === "disconnect" && store.ConnectionState === "DISCONNECTING";
  delete store.pending;
  store.ConnectionState = "DISCONNECTED";
  delete store.ConnectionErrorCode;
  if (!wasConnected || store.CustomKeyStoreType !== "AWS_CLOUDHSM") return;
  const cluster = liveCluster(world, store.CloudHsmClusterId);
  if (!cluster) return;
  const user = findUser(cluster.hsm, KMSUSER);
  if (user?.loggedInBy === "kms") {
    delete user.loggedInBy;
    for (const id of Object.values(cluster.SubnetMapping)) {
      const s = world.subnets.find((x) => x.SubnetId === id);
      if (s && !s.deleted) s.freeAddresses += 1;
    }
  }
}

function checkAdoptableCluster(world: World, clusterId: string, mustRelateTo?: Cluster): Cluster {
  const cluster = liveCluster(world, clusterId);
  if (!cluster) {
    throw awsError(
      "CloudHsmClusterNotFoundException",
      `AWS CloudHSM cluster ${clusterId} could not be found.`,
    );
  }
  if (mustRelateTo && mustRelateTo.ClusterCertificate !== cluster.ClusterCertificate) {
    throw awsError(
      "CloudHsmClusterNotRelatedException",
      `Cluster ${clusterId} does not share backup history with cluster ${mustRelateTo.ClusterId}: its cluster certificate differs.`,
    );
  }
  if (cluster.State !== "ACTIVE") {
    throw awsError(
      "CloudHsmClusterNotActiveException",
      `AWS CloudHSM cluster ${clusterId} is not active (${cluster.State}).`,
    );
  }
  if (!hasTwoActiveAzs(cluster) || clusterRulesMissing(world, cluster).length > 0) {
    throw awsError(
      "CloudHsmClusterInvalidConfigurationException",
      `AWS CloudHSM cluster ${clusterId} does not meet the requirements of a custom key store: it needs at least two active HSMs in different Availability Zones and a security group that allows TCP 2223-2225 to itself.`,
    );
  }
  return cluster;
}

/** The cluster a store was last associated with, even when deleted: it anchors the lineage check. */
function originalCluster(world: World, store: CustomKeyStore): Cluster | undefined {
  return world.clusters.find((c) => c.ClusterId === store.CloudHsmClusterId);
}

export function updateCustomKeyStore(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const store = findStore(ctx.world, p.str("CustomKeyStoreId", { required: true, min: 1, max: 64 }));
  if (store.CustomKeyStoreType === "EXTERNAL_KEY_STORE") {
    updateExternalKeyStore(ctx, store, input, { invalidState, storeEvent });
    return {};
  }
  const newName = p.str("NewCustomKeyStoreName", { min: 1, max: 256 });
  const password = p.str("KeyStorePassword", PASSWORD);
  const clusterId = p.str("CloudHsmClusterId", { min: 19, max: 24 });
  const xksFields = Object.keys(input).filter((k) => k.startsWith("Xks"));
  if (xksFields.length > 0) {
    throw kmsInvalid(xksFields[0]!, "...", "This parameter is valid only for an external key store");
  }
  const needsDisconnected = password !== undefined || clusterId !== undefined;
  if (needsDisconnected && store.ConnectionState !== "DISCONNECTED") {
    throw invalidState(store, "Disconnect the custom key store before you change its password or cluster.");
  }
  if (
    !needsDisconnected &&
    store.ConnectionState !== "CONNECTED" &&
    store.ConnectionState !== "DISCONNECTED"
  ) {
    throw invalidState(
      store,
      "You can rename a custom key store only while it is CONNECTED or DISCONNECTED.",
    );
  }
  if (
    newName !== undefined &&
    ctx.world.stores.some((s) => s !== store && s.CustomKeyStoreName === newName)
  ) {
    throw awsError(
      "CustomKeyStoreNameInUseException",
      `Custom key store name '${newName}' is already in use.`,
    );
  }
  if (clusterId !== undefined) {
    if (!CLUSTER_ID.test(clusterId)) {
      throw kmsInvalid(
        "CloudHsmClusterId",
        clusterId,
        `Member must satisfy regular expression pattern: ${CLUSTER_ID.source}`,
      );
    }
    checkAdoptableCluster(ctx.world, clusterId, originalCluster(ctx.world, store));
  }
  if (newName !== undefined) store.CustomKeyStoreName = newName;
  if (password !== undefined) store.keyStorePasswordHash = hashPassword(ctx.world, password);
  if (clusterId !== undefined) {
    store.CloudHsmClusterId = clusterId;
    for (const k of ctx.world.keys)
      if (k.CustomKeyStoreId === store.CustomKeyStoreId) k.CloudHsmClusterId = clusterId;
  }
  storeEvent(ctx, "UpdateCustomKeyStore", store, {
    ...(newName !== undefined ? { newCustomKeyStoreName: newName } : {}),
    ...(password !== undefined ? { keyStorePassword: "HIDDEN_DUE_TO_SECURITY_REASONS" } : {}),
    ...(clusterId !== undefined ? { cloudHsmClusterId: clusterId } : {}),
  });
  return {};
}

export function createCustomKeyStore(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, kmsInvalid);
  const name = p.str("CustomKeyStoreName", { required: true, min: 1, max: 256 });
  const type = (p.str("CustomKeyStoreType", { oneOf: ["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] }) ??
    "AWS_CLOUDHSM") as CustomKeyStore["CustomKeyStoreType"];
  let store: CustomKeyStore;
  if (type === "AWS_CLOUDHSM") {
    const clusterId = p.str("CloudHsmClusterId", { min: 19, max: 24 });
    const anchor = p.str("TrustAnchorCertificate", { min: 1, max: 5000 });
    const password = p.str("KeyStorePassword", PASSWORD);
    if (!clusterId || !anchor || !password) {
      throw kmsInvalid(
        !clusterId ? "CloudHsmClusterId" : !anchor ? "TrustAnchorCertificate" : "KeyStorePassword",
        "null",
        "An AWS CloudHSM key store requires CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword",
      );
    }
    const passwordHash = hashPassword(world, password);
    // AWS returns the existing id when every property matches a disconnected store.
    const same = world.stores.find(
      (s) =>
        s.CustomKeyStoreName === name &&
        s.CloudHsmClusterId === clusterId &&
        s.TrustAnchorCertificate === anchor &&
        s.keyStorePasswordHash === passwordHash &&
        s.ConnectionState === "DISCONNECTED",
    );
    if (same) return { CustomKeyStoreId: same.CustomKeyStoreId };
    preflightCreate(world, name);
    const cluster = liveCluster(world, clusterId);
    if (!cluster)
      throw awsError(
        "CloudHsmClusterNotFoundException",
        `AWS CloudHSM cluster ${clusterId} could not be found.`,
      );
    const inUse = world.stores.some((s) => {
      const other = world.clusters.find((c) => c.ClusterId === s.CloudHsmClusterId);
      return s.CloudHsmClusterId === clusterId || other?.ClusterCertificate === cluster.ClusterCertificate;
    });
    if (inUse) {
      throw awsError(
        "CloudHsmClusterInUseException",
        `AWS CloudHSM cluster ${clusterId}, or a cluster that shares its backup history, is already associated with a custom key store.`,
      );
    }
    checkAdoptableCluster(world, clusterId);
    if (cluster.trustAnchor.trim() !== anchor.trim()) {
      throw awsError(
        "IncorrectTrustAnchorException",
        `The trust anchor certificate does not match cluster ${clusterId}.`,
      );
    }
    store = {
      CustomKeyStoreId: newStoreId(world),
      CustomKeyStoreName: name,
      CustomKeyStoreType: "AWS_CLOUDHSM",
      CloudHsmClusterId: clusterId,
      TrustAnchorCertificate: anchor,
      ConnectionState: "DISCONNECTED",
      CreationDate: ctx.now,
      keyStorePasswordHash: passwordHash,
    };
  } else {
    const { config, secret } = parseCreate(world, input);
    preflightCreate(world, name);
    checkXksUniqueness(world, config);
    // Public endpoints must answer before the store exists; VPC stores are reached only at connect,
    // so KMS checks their endpoint service now and the proxy then (the model's XksProxyUriEndpoint docs).
    verifyXks(
      ctx,
      { ...config, secretAccessKey: secret },
      "CreateCustomKeyStore",
      config.Connectivity === "PUBLIC_ENDPOINT",
    );
    store = {
      CustomKeyStoreId: newStoreId(world),
      CustomKeyStoreName: name,
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      ConnectionState: "DISCONNECTED",
      CreationDate: ctx.now,
      XksProxyConfiguration: config,
      xksSecretAccessKey: secret,
    };
  }
  world.stores.push(store);
  storeEvent(ctx, "CreateCustomKeyStore", store, {
    customKeyStoreName: name,
    ...(store.XksProxyConfiguration
      ? { customKeyStoreType: "EXTERNAL_KEY_STORE", ...xksEventParams(input) }
      : {}),
  });
  return { CustomKeyStoreId: store.CustomKeyStoreId };
}

function preflightCreate(world: World, name: string) {
  if (world.stores.some((s) => s.CustomKeyStoreName === name)) {
    throw awsError("CustomKeyStoreNameInUseException", `Custom key store name '${name}' is already in use.`);
  }
  if (world.stores.length >= MAX_CUSTOM_KEY_STORES) {
    throw awsError(
      "LimitExceededException",
      `You have reached the limit of ${MAX_CUSTOM_KEY_STORES} custom key stores in this account and Region.`,
    );
  }
}

export function deleteCustomKeyStore(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const store = findStore(ctx.world, p.str("CustomKeyStoreId", { required: true, min: 1, max: 64 }));
  if (store.ConnectionState !== "DISCONNECTED") {
    throw invalidState(store, "Disconnect the custom key store before you delete it.");
  }
  if (ctx.world.keys.some((k) => k.CustomKeyStoreId === store.CustomKeyStoreId)) {
    throw awsError(
      "CustomKeyStoreHasCMKsException",
      `Custom key store ${store.CustomKeyStoreId} contains KMS keys. Delete them (and wait for their waiting period to end) first.`,
    );
  }
  ctx.world.stores = ctx.world.stores.filter((s) => s !== store);
  storeEvent(ctx, "DeleteCustomKeyStore", store);
  return {};
}
