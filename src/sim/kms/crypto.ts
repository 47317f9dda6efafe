import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { activeHsms } from "../cloudhsm/hsm-data.js";
import type { OpContext } from "../context.js";
import { kmsCannotReach } from "../ec2/security-groups.js";
import { awsError } from "../errors.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import { findKey, findStore, liveCluster, storeOfKey, visibleKeyState } from "../lookup.js";
import type { KmsKey, World } from "../world.js";

// Ciphertexts are real AES-256-GCM under the key's material, so a key restored from a backup really
// decrypts what it encrypted before, and a key whose material is gone really cannot.
const MAGIC = Buffer.from("kcs1");
const CANNOT_COMMUNICATE =
  "KMS cannot communicate with your CloudHSM cluster. This might be a transient network issue. If you see this error repeatedly, verify that the Network ACLs and the security group rules for the VPC of your AWS CloudHSM cluster are correct.";

export const CRYPTO_OPS = ["Encrypt", "Decrypt", "GenerateDataKey", "GenerateRandom"] as const;

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
    CiphertextBlob: seal(key, material, plaintext).toString("base64"),
    KeyId: key.Arn,
    EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
  };
}

export function decrypt(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const blob = p.blob("CiphertextBlob", { required: true, min: 1, max: 6144 })!;
  const keyIdInput = p.str("KeyId", { min: 1, max: 2048 });
  checkContext(p);
  if (blob.length < 4 + 36 + 12 + 16 || !blob.subarray(0, 4).equals(MAGIC)) {
    throw awsError("InvalidCiphertextException", "The ciphertext is not valid.");
  }
  const keyId = blob.subarray(4, 40).toString("ascii");
  const key = findKey(ctx.world, keyId);
  if (keyIdInput !== undefined && findKey(ctx.world, keyIdInput).KeyId !== key.KeyId) {
    throw awsError(
      "IncorrectKeyException",
      "The key ID in the request does not identify the KMS key that encrypted the ciphertext.",
    );
  }
  const material = usableMaterial(ctx.world, key);
  try {
    const decipher = createDecipheriv("aes-256-gcm", material, blob.subarray(40, 52));
    decipher.setAAD(Buffer.from(key.KeyId));
    decipher.setAuthTag(blob.subarray(52, 68));
    const plaintext = Buffer.concat([decipher.update(blob.subarray(68)), decipher.final()]);
    return {
      KeyId: key.Arn,
      Plaintext: plaintext.toString("base64"),
      EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
    };
  } catch {
    throw awsError("InvalidCiphertextException", "The ciphertext is not valid.");
  }
}

export function generateDataKey(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKey(ctx.world, p.str("KeyId", { required: true, min: 1, max: 2048 }));
  const spec = p.str("KeySpec", { oneOf: ["AES_256", "AES_128"] });
  const bytes = p.int("NumberOfBytes", { min: 1, max: 1024 });
  checkContext(p);
  if ((spec === undefined) === (bytes === undefined)) {
    throw kmsInvalid("KeySpec", spec ?? "null", "Specify either KeySpec or NumberOfBytes");
  }
  const material = usableMaterial(ctx.world, key);
  const plaintext = randomBytes(bytes ?? (spec === "AES_128" ? 16 : 32));
  return {
    KeyId: key.Arn,
    Plaintext: plaintext.toString("base64"),
    CiphertextBlob: seal(key, material, plaintext).toString("base64"),
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
