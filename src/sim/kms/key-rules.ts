import { recordApiCall } from "../cloudtrail/record.js";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { findKey } from "../lookup.js";
import type { KmsKey, World } from "../world.js";

/** KeyIdType in KMS's model. */
export const KEY_ID = { required: true, min: 1, max: 2048 } as const;

/**
 * A key named by key id or key ARN only. Operations on the key itself (its policy, tags, grants,
 * description, rotation) take no alias: KMS answers an alias there with NotFoundException.
 */
export function findKeyById(world: World, keyId: string): KmsKey {
  if (keyId.startsWith("alias/") || /^arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias\//.test(keyId))
    throw awsError("NotFoundException", `Invalid keyId ${keyId}`);
  return findKey(world, keyId);
}

/** The key-state table's footnote: "KMSInvalidStateException: <key ARN> is pending deletion." */
export function refusePendingDeletion(key: KmsKey): void {
  if (key.baseState === "PendingDeletion")
    throw awsError("KMSInvalidStateException", `${key.Arn} is pending deletion.`);
}

/** A KMS management call on one key, as CloudTrail records it. */
export function keyEvent(
  ctx: OpContext,
  eventName: string,
  key: KmsKey,
  requestParameters: Record<string, unknown>,
  more: { ARN: string }[] = [],
): void {
  recordApiCall(ctx, {
    service: "kms",
    eventName,
    requestParameters,
    resources: [...more, { ARN: key.Arn }].map((r) => ({ type: "AWS::KMS::Key", ARN: r.ARN })),
  });
}
