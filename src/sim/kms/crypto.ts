import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { activeHsms } from "../cloudhsm/hsm-data.js";
import type { OpContext } from "../context.js";
import { kmsCannotReach } from "../ec2/security-groups.js";
import { awsError } from "../errors.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import { findKey, findStore, liveCluster, storeOfKey, visibleKeyState } from "../lookup.js";
import type { KmsKey, World } from "../world.js";
import { xksDecrypt, xksEncrypt } from "./xks-keys.js";

// Ciphertexts are real AES-256-GCM under the key's material, so a key restored from a backup really
// decrypts what it encrypted before, and a key whose material is gone really cannot.
const MAGIC = Buffer.from("kcs1");
/**
 * Double encryption for keys in external key stores: the kcs1 blob's sealed part, encrypted again by
 * the external key through the proxy. Layout: magic, key id, IV length, IV, tag, ciphertext.
 */
const MAGIC_XKS = Buffer.from("kcx1");
const CANNOT_COMMUNICATE =
  "KMS cannot communicate with your CloudHSM cluster. This might be a transient network issue. If you see this error repeatedly, verify that the Network ACLs and the security group rules for the VPC of your AWS CloudHSM cluster are correct.";

export const CRYPTO_OPS = [
  "Encrypt",
  "Decrypt",
  "GenerateDataKey",
  "GenerateRandom",
  "ReEncrypt",
  "GenerateDataKeyWithoutPlaintext",
] as const;

/** The material a usable key encrypts with, or the exception KMS answers instead. */
function usableMaterial(world: World, key: KmsKey): Buffer {
  const state = visibleKeyState(world, key);
  if (state === "Disabled") throw awsError("DisabledException", `${key.Arn} is disabled.`);
  if (state === "PendingDeletion")
    throw awsError("KMSInvalidStateException", `${key.Arn} is pending deletion.`);
  if (state === "Unavailable") throw awsError("KMSInvalidStateException", `${key.Arn} is unavailable.`);
  const store = storeOfKey(world, key);
  if (!store || store.CustomKeyStoreType === "EXTERNAL_KEY_STORE")
    return Buffer.from(key.materialHex ?? "", "hex");
  const cluster = liveCluster(world, key.CloudHsmClusterId);
  if (!cluster || kmsCannotReach(world, cluster) || activeHsms(cluster).length === 0) {
    throw awsError("KMSInvalidStateException", CANNOT_COMMUNICATE);
  }
  const material = cluster.hsm.keys.find((k) => k.label === key.Arn);
  if (!material) {
    throw awsError(
      "KMSInvalidStateException",
      `The backing key of ${key.Arn} cannot be found in AWS CloudHSM cluster ${cluster.ClusterId}.`,
    );
  }
  return Buffer.from(material.materialHex, "hex");
}

function seal(key: KmsKey, material: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", material, iv);
  cipher.setAAD(Buffer.from(key.KeyId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from(key.KeyId, "ascii"), iv, cipher.getAuthTag(), body]);
}

/** Seals under KMS's material and, for an external key, has the proxy encrypt the result again. */
function sealFor(ctx: OpContext, key: KmsKey, material: Buffer, plaintext: Buffer, op: string): Buffer {
  const inner = seal(key, material, plaintext);
  if (!key.xksKeyId) return inner;
  const outer = xksEncrypt(ctx, key, inner.subarray(40), op);
  return Buffer.concat([
    MAGIC_XKS,
    inner.subarray(4, 40),
    Buffer.from([outer.iv.length]),
    outer.iv,
    outer.tag,
    outer.ciphertext,
  ]);
}

/** A kcx1 blob back to its kcs1 form, the proxy removing the external layer. */
function unwrapXks(ctx: OpContext, blob: Buffer, op: string): Buffer {
  const keyId = blob.subarray(4, 40).toString("ascii");
  const key = findKey(ctx.world, keyId);
  const ivLength = blob[40] ?? 0;
  if (!key.xksKeyId || blob.length < 41 + ivLength + 16) {
    throw awsError("InvalidCiphertextException", "The ciphertext is not valid.");
  }
  usableMaterial(ctx.world, key);
  const iv = blob.subarray(41, 41 + ivLength);
  const tag = blob.subarray(41 + ivLength, 57 + ivLength);
  const inner = xksDecrypt(ctx, key, { ciphertext: blob.subarray(57 + ivLength), iv, tag }, op);
  return Buffer.concat([MAGIC, blob.subarray(4, 40), inner]);
}

function checkContext(p: Params) {
  p.map("EncryptionContext");
  p.list("GrantTokens", { max: 10 });
  p.str("EncryptionAlgorithm", { oneOf: ["SYMMETRIC_DEFAULT"] });
}

export function encrypt(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKey(ctx.world, p.str("KeyId", { required: true, min: 1, max: 2048 }));
  const plaintext = p.blob("Plaintext", { required: true, min: 1, max: 4096 })!;
  checkContext(p);
  const material = usableMaterial(ctx.world, key);
  return {
    CiphertextBlob: sealFor(ctx, key, material, plaintext, "Encrypt").toString("base64"),
    KeyId: key.Arn,
    EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
  };
}

/** Opens a ciphertext: its key (checked against `keyIdInput` when given) must be usable. */
function openBlob(ctx: OpContext, given: Buffer, keyIdInput: string | undefined, op: string) {
  const { world } = ctx;
  let blob = given;
  if (blob.length >= 41 && blob.subarray(0, 4).equals(MAGIC_XKS)) {
    const owner = findKey(world, blob.subarray(4, 40).toString("ascii"));
    if (keyIdInput !== undefined && findKey(world, keyIdInput).KeyId !== owner.KeyId) {
      throw awsError(
        "IncorrectKeyException",
        "The key ID in the request does not identify the KMS key that encrypted the ciphertext.",
      );
    }
    blob = unwrapXks(ctx, blob, op);
  }
  if (blob.length < 4 + 36 + 12 + 16 || !blob.subarray(0, 4).equals(MAGIC)) {
    throw awsError("InvalidCiphertextException", "The ciphertext is not valid.");
  }
  const keyId = blob.subarray(4, 40).toString("ascii");
  const key = findKey(world, keyId);
  if (keyIdInput !== undefined && findKey(world, keyIdInput).KeyId !== key.KeyId) {
    throw awsError(
      "IncorrectKeyException",
      "The key ID in the request does not identify the KMS key that encrypted the ciphertext.",
    );
  }
  const material = usableMaterial(world, key);
  try {
    const decipher = createDecipheriv("aes-256-gcm", material, blob.subarray(40, 52));
    decipher.setAAD(Buffer.from(key.KeyId));
    decipher.setAuthTag(blob.subarray(52, 68));
    return { key, plaintext: Buffer.concat([decipher.update(blob.subarray(68)), decipher.final()]) };
  } catch {
    throw awsError("InvalidCiphertextException", "The ciphertext is not valid.");
  }
}

export function decrypt(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const blob = p.blob("CiphertextBlob", { required: true, min: 1, max: 6144 })!;
  const keyIdInput = p.str("KeyId", { min: 1, max: 2048 });
  checkContext(p);
  const { key, plaintext } = openBlob(ctx, blob, keyIdInput, "Decrypt");
  return {
    KeyId: key.Arn,
    Plaintext: plaintext.toString("base64"),
    EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
  };
}

/** A request that passed every check but asked only whether it would: KMS answers so, and does nothing. */
function dryRun(p: Params): void {
  if (p.bool("DryRun"))
    throw awsError(
      "DryRunOperationException",
      "The request would have succeeded, but the DryRun option is set.",
    );
}

/**
 * Decrypts under the source key and encrypts under the destination key, entirely inside KMS: both
 * keys must be usable (a key in a disconnected store is Unavailable, so KMSInvalidStateException).
 */
export function reEncrypt(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const blob = p.blob("CiphertextBlob", { required: true, min: 1, max: 6144 })!;
  const sourceKeyId = p.str("SourceKeyId", { min: 1, max: 2048 });
  const destination = findKey(ctx.world, p.str("DestinationKeyId", { required: true, min: 1, max: 2048 }));
  p.map("SourceEncryptionContext");
  p.map("DestinationEncryptionContext");
  p.list("GrantTokens", { max: 10 });
  p.str("SourceEncryptionAlgorithm", { oneOf: ["SYMMETRIC_DEFAULT"] });
  p.str("DestinationEncryptionAlgorithm", { oneOf: ["SYMMETRIC_DEFAULT"] });
  p.list("DryRunModifiers");
  const { key: source, plaintext } = openBlob(ctx, blob, sourceKeyId, "ReEncrypt");
  const material = usableMaterial(ctx.world, destination);
  dryRun(p);
  return {
    CiphertextBlob: sealFor(ctx, destination, material, plaintext, "ReEncrypt").toString("base64"),
    SourceKeyId: source.Arn,
    KeyId: destination.Arn,
    SourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
    DestinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
  };
}

/** A data key's length: KeySpec or NumberOfBytes, exactly one of them. */
function dataKeyLength(p: Params): number {
  const spec = p.str("KeySpec", { oneOf: ["AES_256", "AES_128"] });
  const bytes = p.int("NumberOfBytes", { min: 1, max: 1024 });
  if ((spec === undefined) === (bytes === undefined)) {
    throw kmsInvalid("KeySpec", spec ?? "null", "Specify either KeySpec or NumberOfBytes");
  }
  return bytes ?? (spec === "AES_128" ? 16 : 32);
}

export function generateDataKeyWithoutPlaintext(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKey(ctx.world, p.str("KeyId", { required: true, min: 1, max: 2048 }));
  const length = dataKeyLength(p);
  checkContext(p);
  const material = usableMaterial(ctx.world, key);
  dryRun(p);
  return {
    KeyId: key.Arn,
    CiphertextBlob: sealFor(
      ctx,
      key,
      material,
      randomBytes(length),
      "GenerateDataKeyWithoutPlaintext",
    ).toString("base64"),
  };
}

export function generateDataKey(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKey(ctx.world, p.str("KeyId", { required: true, min: 1, max: 2048 }));
  const length = dataKeyLength(p);
  checkContext(p);
  const material = usableMaterial(ctx.world, key);
  const plaintext = randomBytes(length);
  return {
    KeyId: key.Arn,
    Plaintext: plaintext.toString("base64"),
    CiphertextBlob: sealFor(ctx, key, material, plaintext, "GenerateDataKey").toString("base64"),
  };
}

export function generateRandom(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const bytes = p.int("NumberOfBytes", { min: 1, max: 1024 }) ?? 32;
  const storeId = p.str("CustomKeyStoreId", { min: 1, max: 64 });
  if (storeId !== undefined) {
    const store = findStore(ctx.world, storeId);
    if (store.CustomKeyStoreType === "EXTERNAL_KEY_STORE") {
      throw awsError(
        "UnsupportedOperationException",
        "GenerateRandom is not supported for external key stores.",
      );
    }
    if (store.ConnectionState !== "CONNECTED") {
      throw awsError(
        "CustomKeyStoreInvalidStateException",
        `Custom key store ${storeId} is ${store.ConnectionState}. Connect it before you use it.`,
      );
    }
    const cluster = liveCluster(ctx.world, store.CloudHsmClusterId);
    if (!cluster || kmsCannotReach(ctx.world, cluster) || activeHsms(cluster).length === 0) {
      throw awsError("CustomKeyStoreInvalidStateException", CANNOT_COMMUNICATE);
    }
  }
  return { Plaintext: randomBytes(bytes).toString("base64") };
}
