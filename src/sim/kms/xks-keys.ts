// KMS keys in external key stores: what CreateKey checks of the external key (through the proxy's
// GetKeyMetadata), and the proxy's half of double encryption for Encrypt, Decrypt and the rest.
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import type { CustomKeyStore, KmsKey } from "../world.js";
import { callXks } from "./xks-calls.js";
import { createKeyError, cryptoError } from "./xks-outcome.js";
import { targetOf } from "./xks-stores.js";

/** The model's XksKeyIdType. */
export const XKS_KEY_ID = { min: 1, max: 128, pattern: /^[a-zA-Z0-9-_.]+$/ };

/**
 * What CreateKey verifies of the external key before it makes a KMS key (xks-troubleshooting,
 * "CreateKey errors for the external key"): unique in the store, found, AES_256, ENABLED, and usable
 * to ENCRYPT and DECRYPT.
 */
export function checkExternalKey(ctx: OpContext, store: CustomKeyStore, xksKeyId: string, arn: string): void {
  const inUse = ctx.world.keys.find(
    (k) => k.CustomKeyStoreId === store.CustomKeyStoreId && k.xksKeyId === xksKeyId,
  );
  if (inUse) {
    throw awsError(
      "XksKeyAlreadyInUseException",
      `The external key ${xksKeyId} is already associated with KMS key ${inUse.Arn} in this external key store.`,
    );
  }
  const target = targetOf(store);
  if (!target) throw createKeyError("INVALID_RESPONSE");
  const result = callXks(ctx.world, target, {
    kind: "metadata",
    kmsOperation: "CreateKey",
    kmsRequestId: ctx.requestId,
    keyId: xksKeyId,
    kmsKeyArn: arn,
    now: ctx.now,
  });
  if (!result.ok) throw createKeyError(result.problem);
  const { keySpec, keyStatus, keyUsage } = result.body as {
    keySpec: string;
    keyStatus: string;
    keyUsage: string[];
  };
  const invalid = (message: string) => awsError("XksKeyInvalidConfigurationException", message);
  if (keySpec !== "AES_256") {
    throw invalid(
      `The key spec of the external key must be AES_256. The key spec of specified external key is ${keySpec}.`,
    );
  }
  if (keyStatus !== "ENABLED") {
    throw invalid(
      `The status of the external key must be ENABLED. The status of specified external key is ${keyStatus}.`,
    );
  }
  if (!keyUsage.includes("ENCRYPT") || !keyUsage.includes("DECRYPT")) {
    throw invalid(
      `The key usage of the external key must include ENCRYPT and DECRYPT. The key use of specified external key is ${keyUsage.join(", ")}.`,
    );
  }
}

function storeTarget(ctx: OpContext, key: KmsKey) {
  const store = ctx.world.stores.find((s) => s.CustomKeyStoreId === key.CustomKeyStoreId);
  const target = store && targetOf(store);
  if (!target) throw cryptoError("NOT_REACHABLE");
  return target;
}

/** The outer layer of double encryption: the external key encrypts what KMS's key material sealed. */
export function xksEncrypt(ctx: OpContext, key: KmsKey, inner: Buffer, kmsOperation: string) {
  const result = callXks(ctx.world, storeTarget(ctx, key), {
    kind: "encrypt",
    kmsOperation,
    kmsRequestId: ctx.requestId,
    keyId: key.xksKeyId,
    kmsKeyArn: key.Arn,
    now: ctx.now,
    body: {
      plaintext: inner.toString("base64"),
      encryptionAlgorithm: "AES_GCM",
      additionalAuthenticatedData: Buffer.from(key.Arn).toString("base64"),
    },
  });
  if (!result.ok) throw cryptoError(result.problem);
  return {
    ciphertext: Buffer.from(result.body.ciphertext as string, "base64"),
    iv: Buffer.from(result.body.initializationVector as string, "base64"),
    tag: Buffer.from(result.body.authenticationTag as string, "base64"),
  };
}

/** Removes the outer layer through the proxy; KMS then opens the inner one with its own material. */
export function xksDecrypt(
  ctx: OpContext,
  key: KmsKey,
  outer: { ciphertext: Buffer; iv: Buffer; tag: Buffer },
  kmsOperation: string,
): Buffer {
  const result = callXks(ctx.world, storeTarget(ctx, key), {
    kind: "decrypt",
    kmsOperation,
    kmsRequestId: ctx.requestId,
    keyId: key.xksKeyId,
    kmsKeyArn: key.Arn,
    now: ctx.now,
    body: {
      ciphertext: outer.ciphertext.toString("base64"),
      initializationVector: outer.iv.toString("base64"),
      authenticationTag: outer.tag.toString("base64"),
      encryptionAlgorithm: "AES_GCM",
      additionalAuthenticatedData: Buffer.from(key.Arn).toString("base64"),
    },
  });
  if (!result.ok) throw cryptoError(result.problem);
  return Buffer.from(result.body.plaintext as string, "base64");
}
