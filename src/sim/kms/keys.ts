import { DAY } from "../clock.js";
import { hasTwoActiveAzs, KMSUSER } from "../cloudhsm/hsm-data.js";
import { recordApiCall, recordDeleteKey } from "../cloudtrail/record.js";
import type { OpContext } from "../context.js";
import { kmsCannotReach } from "../ec2/security-groups.js";
import { awsError } from "../errors.js";
import { aliasArn, keyArn, newBackingKeyId, newMaterial, newUuid } from "../ids.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import { findKey, findStore, liveCluster, storeOfKey, visibleKeyState } from "../lookup.js";
import type { KmsKey, World } from "../world.js";
import { findKeyById, KEY_ID, keyEvent, refusePendingDeletion } from "./key-rules.js";
import { decodeMarker, encodeMarker } from "./markers.js";
import { checkPolicy } from "./policy.js";
import { applyTags, parseTags } from "./tags.js";
import { checkExternalKey, XKS_KEY_ID } from "./xks-keys.js";

export function keyMetadata(world: World, key: KmsKey) {
  const state = visibleKeyState(world, key);
  return {
    AWSAccountId: world.accountId,
    KeyId: key.KeyId,
    Arn: key.Arn,
    CreationDate: key.CreationDate / 1000,
    Enabled: state === "Enabled",
    Description: key.Description,
    KeyUsage: key.KeyUsage,
    KeyState: state,
    // PendingDeletionWindowInDays is for multi-Region keys pending replica deletion only (the model's
    // words); a single-Region key pending deletion shows its DeletionDate.
    ...(key.DeletionDate !== undefined && key.baseState === "PendingDeletion"
      ? { DeletionDate: key.DeletionDate / 1000 }
      : {}),
    Origin: key.Origin,
    ...(key.CustomKeyStoreId ? { CustomKeyStoreId: key.CustomKeyStoreId } : {}),
    ...(key.CloudHsmClusterId ? { CloudHsmClusterId: key.CloudHsmClusterId } : {}),
    ...(key.xksKeyId ? { XksKeyConfiguration: { Id: key.xksKeyId } } : {}),
    KeyManager: "CUSTOMER",
    CustomerMasterKeySpec: key.KeySpec,
    KeySpec: key.KeySpec,
    EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
    MultiRegion: false,
  };
}

export function listKeys(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const limit = p.int("Limit", { min: 1, max: 1000 }) ?? 100;
  const marker = p.str("Marker", { min: 1, max: 1024 });
  const start = marker === undefined ? 0 : decodeMarker(marker, "keys");
  const keys = ctx.world.keys;
  const more = start + limit < keys.length;
  return {
    Keys: keys.slice(start, start + limit).map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn })),
    Truncated: more,
    ...(more ? { NextMarker: encodeMarker(start + limit, "keys") } : {}),
  };
}

export function describeKey(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  p.list("GrantTokens", { max: 10 });
  const key = findKey(ctx.world, p.str("KeyId", KEY_ID));
  return { KeyMetadata: keyMetadata(ctx.world, key) };
}

export function listAliases(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const keyIdInput = p.str("KeyId", { min: 1, max: 2048 });
  const limit = p.int("Limit", { min: 1, max: 100 }) ?? 50;
  const marker = p.str("Marker", { min: 1, max: 1024 });
  let aliases = ctx.world.aliases;
  if (keyIdInput !== undefined) {
    const key = findKey(ctx.world, keyIdInput);
    aliases = aliases.filter((a) => a.TargetKeyId === key.KeyId);
  }
  const bind = `aliases:${keyIdInput ?? ""}`;
  const start = marker === undefined ? 0 : decodeMarker(marker, bind);
  const more = start + limit < aliases.length;
  return {
    Aliases: aliases.slice(start, start + limit).map((a) => ({
      AliasName: a.AliasName,
      AliasArn: aliasArn(ctx.world, a.AliasName),
      TargetKeyId: a.TargetKeyId,
      CreationDate: a.CreationDate / 1000,
      LastUpdatedDate: a.LastUpdatedDate / 1000,
    })),
    Truncated: more,
    ...(more ? { NextMarker: encodeMarker(start + limit, bind) } : {}),
  };
}

export function createKey(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, kmsInvalid);
  const description = p.str("Description", { max: 8192 }) ?? "";
  const keyUsage = p.str("KeyUsage", {
    oneOf: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"],
  });
  const keySpec = p.str("KeySpec") ?? p.str("CustomerMasterKeySpec");
  const origin =
    p.str("Origin", { oneOf: ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] }) ?? "AWS_KMS";
  const storeId = p.str("CustomKeyStoreId", { min: 1, max: 64 });
  const xksKeyId = p.str("XksKeyId", XKS_KEY_ID);
  const multiRegion = p.bool("MultiRegion");
  const policy = p.str("Policy", { min: 1, max: 131_072 });
  p.bool("BypassPolicyLockoutSafetyCheck");
  const tags = parseTags(p.list("Tags") ?? []);
  // Checked before anything is made: a refused policy or tag list creates no key (nor HSM key).
  if (policy !== undefined) checkPolicy(policy);
  const symmetric =
    (keyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT" &&
    (keySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT";
  if (!symmetric) {
    throw awsError(
      "UnsupportedOperationException",
      "The simulator supports only SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys.",
    );
  }
  const keyId = newUuid(world, "key");
  const arn = keyArn(world, keyId);
  const key: KmsKey = {
    KeyId: keyId,
    Arn: arn,
    CreationDate: ctx.now,
    Description: description,
    KeyUsage: "ENCRYPT_DECRYPT",
    KeySpec: "SYMMETRIC_DEFAULT",
    Origin: "AWS_KMS",
    baseState: "Enabled",
    ...(policy !== undefined ? { policy } : {}),
  };
  if (tags.length > 0) applyTags(key, tags);
  let backingKey: { keyHandle: string; backingKeyId: string } | undefined;
  if (storeId !== undefined) {
    const store = findStore(world, storeId);
    const wantedOrigin = store.CustomKeyStoreType === "AWS_CLOUDHSM" ? "AWS_CLOUDHSM" : "EXTERNAL_KEY_STORE";
    if (origin !== wantedOrigin || multiRegion) {
      throw awsError(
        "UnsupportedOperationException",
        `To create a KMS key in custom key store ${storeId}, set Origin to ${wantedOrigin}; multi-Region keys are not supported there.`,
      );
    }
    if (store.ConnectionState !== "CONNECTED") {
      throw awsError(
        "CustomKeyStoreInvalidStateException",
        `Custom key store ${storeId} is ${store.ConnectionState}. Connect it before you create KMS keys in it.`,
      );
    }
    key.Origin = wantedOrigin;
    key.CustomKeyStoreId = store.CustomKeyStoreId;
    if (store.CustomKeyStoreType === "EXTERNAL_KEY_STORE") {
      if (!xksKeyId) throw kmsInvalid("XksKeyId", "null", "An external key store key requires XksKeyId");
      checkExternalKey(ctx, store, xksKeyId, arn);
      key.xksKeyId = xksKeyId;
      key.materialHex = newMaterial(world);
    } else {
      const cluster = liveCluster(world, store.CloudHsmClusterId);
      if (!cluster || !hasTwoActiveAzs(cluster) || kmsCannotReach(world, cluster)) {
        throw awsError(
          "CloudHsmClusterInvalidConfigurationException",
          `AWS CloudHSM cluster ${store.CloudHsmClusterId} must have at least two active HSMs in different Availability Zones to create KMS keys.`,
        );
      }
      key.CloudHsmClusterId = cluster.ClusterId;
      const handle = String(cluster.hsm.nextHandle++);
      const backingKeyId = newBackingKeyId(world);
      cluster.hsm.keys.push({
        keyReference: `0x${Number(handle).toString(16).padStart(16, "0")}`,
        keyHandle: handle,
        label: arn,
        owner: KMSUSER,
        backingKeyId,
        keyType: "aes",
        class: "secret-key",
        materialHex: newMaterial(world),
        createdAt: ctx.now,
      });
      key.backingKeyId = backingKeyId;
      backingKey = { keyHandle: handle, backingKeyId };
    }
  } else {
    if (xksKeyId !== undefined) {
      throw kmsInvalid(
        "XksKeyId",
        xksKeyId,
        "XksKeyId is valid only for KMS keys with Origin EXTERNAL_KEY_STORE",
      );
    }
    if (origin !== "AWS_KMS") {
      throw awsError(
        "UnsupportedOperationException",
        `Origin ${origin} needs a CustomKeyStoreId in the simulator.`,
      );
    }
    key.materialHex = newMaterial(world);
  }
  world.keys.push(key);
  const metadata = keyMetadata(world, key);
  recordApiCall(ctx, {
    service: "kms",
    eventName: "CreateKey",
    requestParameters: {
      description,
      origin,
      ...(storeId ? { customKeyStoreId: storeId } : {}),
      ...(key.xksKeyId ? { xksKeyId: key.xksKeyId } : {}),
      keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      ...(policy !== undefined ? { policy } : {}),
      ...(tags.length > 0 ? { tags: tags.map((t) => ({ tagKey: t.TagKey, tagValue: t.TagValue })) } : {}),
    },
    // CloudTrail spells response members in camelCase (keyId, origin, customKeyStoreId, aWSAccountId...).
    responseElements: { keyMetadata: camelCaseKeys({ ...metadata, CreationDate: undefined }) },
    ...(backingKey ? { additionalEventData: { backingKey: JSON.stringify(backingKey) } } : {}),
    resources: [{ type: "AWS::KMS::Key", ARN: arn }],
  });
  return { KeyMetadata: metadata };
}

function camelCaseKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

function invalidKeyState(key: KmsKey, what: string) {
  return awsError("KMSInvalidStateException", `${key.Arn} is ${what}`);
}

export function scheduleKeyDeletion(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKey(ctx.world, p.str("KeyId", KEY_ID));
  const days = p.int("PendingWindowInDays", { min: 7, max: 30 }) ?? 30;
  if (key.baseState === "PendingDeletion") throw invalidKeyState(key, "pending deletion");
  key.baseState = "PendingDeletion";
  key.PendingWindowInDays = days;
  key.DeletionDate = ctx.now + days * DAY;
  const store = storeOfKey(ctx.world, key);
  const hsmKey = store ? backingKeysOf(ctx.world, key) : [];
  recordApiCall(ctx, {
    service: "kms",
    eventName: "ScheduleKeyDeletion",
    requestParameters: { keyId: key.KeyId, pendingWindowInDays: days },
    responseElements: {
      keyId: key.Arn,
      deletionDate: new Date(key.DeletionDate).toISOString(),
      keyState: "PendingDeletion",
      pendingWindowInDays: days,
    },
    ...(store
      ? {
          additionalEventData: {
            customKeyStoreId: store.CustomKeyStoreId,
            clusterId: key.CloudHsmClusterId,
            backingKeys: JSON.stringify(hsmKey),
          },
        }
      : {}),
    resources: [{ type: "AWS::KMS::Key", ARN: key.Arn }],
  });
  return {
    KeyId: key.Arn,
    DeletionDate: key.DeletionDate / 1000,
    KeyState: visibleKeyState(ctx.world, key),
    PendingWindowInDays: days,
  };
}

function backingKeysOf(world: World, key: KmsKey) {
  const cluster = world.clusters.find((c) => c.ClusterId === key.CloudHsmClusterId);
  const found = cluster?.hsm.keys.find((k) => k.label === key.Arn);
  if (found) return [{ keyHandle: found.keyHandle, backingKeyId: found.backingKeyId }];
  return key.backingKeyId ? [{ backingKeyId: key.backingKeyId }] : [];
}

export function cancelKeyDeletion(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKey(ctx.world, p.str("KeyId", KEY_ID));
  if (key.baseState !== "PendingDeletion") throw invalidKeyState(key, "not pending deletion");
  key.baseState = "Disabled";
  delete key.DeletionDate;
  delete key.PendingWindowInDays;
  recordApiCall(ctx, {
    service: "kms",
    eventName: "CancelKeyDeletion",
    requestParameters: { keyId: key.KeyId },
    responseElements: { keyId: key.Arn },
    resources: [{ type: "AWS::KMS::Key", ARN: key.Arn }],
  });
  return { KeyId: key.Arn };
}

function setEnabled(ctx: OpContext, input: Input, enabled: boolean) {
  const p = new Params(input, kmsInvalid);
  const key = findKey(ctx.world, p.str("KeyId", KEY_ID));
  if (key.baseState === "PendingDeletion") throw invalidKeyState(key, "pending deletion");
  // While the key reads Unavailable the call succeeds and takes effect once the store reconnects.
  key.baseState = enabled ? "Enabled" : "Disabled";
  recordApiCall(ctx, {
    service: "kms",
    eventName: enabled ? "EnableKey" : "DisableKey",
    requestParameters: { keyId: key.KeyId },
    resources: [{ type: "AWS::KMS::Key", ARN: key.Arn }],
  });
  return {};
}

export function updateKeyDescription(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKeyById(ctx.world, p.str("KeyId", KEY_ID));
  const description = p.str("Description", { required: true, max: 8192 });
  refusePendingDeletion(key);
  key.Description = description;
  keyEvent(ctx, "UpdateKeyDescription", key, { keyId: key.KeyId, description });
  return {};
}

/**
 * Automatic rotation is not supported for keys in a custom key store: KMS refuses to report on it
 * (the key-state table's footnote, "UnsupportedOperationException"). The simulator models no
 * rotation, so a KMS-held key reads as not rotating, as a new key does until rotation is enabled.
 */
export function getKeyRotationStatus(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKeyById(ctx.world, p.str("KeyId", KEY_ID));
  if (key.Origin !== "AWS_KMS")
    throw awsError(
      "UnsupportedOperationException",
      `${key.Arn} origin is ${key.Origin} which is not valid for this operation.`,
    );
  return { KeyRotationEnabled: false, KeyId: key.Arn };
}

export const enableKey = (ctx: OpContext, input: Input) => setEnabled(ctx, input, true);
export const disableKey = (ctx: OpContext, input: Input) => setEnabled(ctx, input, false);

/**
 * The end of a waiting period: KMS deletes the key's metadata, then tries (best effort) to delete its
 * backing key from the cluster. That only works while the store is connected to a reachable cluster;
 * otherwise the material stays on the HSMs, orphaned, and the DeleteKey event says FAILURE.
 */
export function completeKeyDeletion(world: World, key: KmsKey, at: number): void {
  world.keys = world.keys.filter((k) => k !== key);
  world.aliases = world.aliases.filter((a) => a.TargetKeyId !== key.KeyId);
  const store = storeOfKey(world, key);
  if (store?.CustomKeyStoreType !== "AWS_CLOUDHSM") {
    recordDeleteKey(world, at, key.Arn);
    return;
  }
  const cluster = liveCluster(world, key.CloudHsmClusterId);
  const reachable =
    store.ConnectionState === "CONNECTED" &&
    cluster !== undefined &&
    cluster.State === "ACTIVE" &&
    !kmsCannotReach(world, cluster) &&
    cluster.Hsms.some((h) => h.State === "ACTIVE");
  const material = cluster?.hsm.keys.filter((k) => k.label === key.Arn) ?? [];
  if (reachable && cluster) cluster.hsm.keys = cluster.hsm.keys.filter((k) => k.label !== key.Arn);
  const backingKeys =
    material.length > 0
      ? material.map((m) => ({ keyHandle: m.keyHandle, backingKeyId: m.backingKeyId }))
      : [{ backingKeyId: key.backingKeyId ?? "" }];
  recordDeleteKey(world, at, key.Arn, {
    customKeyStoreId: store.CustomKeyStoreId,
    clusterId: key.CloudHsmClusterId ?? "",
    backingKeys: backingKeys.map((b) => ({ ...b, deletionStatus: reachable ? "SUCCESS" : "FAILURE" })),
  });
}
