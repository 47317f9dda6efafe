import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import type { KmsKey, World } from "../world.js";
import { findKeyById, KEY_ID } from "./key-rules.js";

/** A key has one policy, and KMS names it "default" (GetKeyPolicy's PolicyName). */
export const POLICY_NAME = "default";

/** KMS's resource quota "Key policy document size": 32 KB, not adjustable. */
export const MAX_POLICY_BYTES = 32_768;

/**
 * The default key policy KMS attaches when CreateKey is called without one (the developer guide's
 * "Default key policy"): the account's root may do anything with the key, so IAM policies decide.
 */
export function defaultKeyPolicy(world: World): string {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Id: "key-default-1",
      Statement: [
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${world.accountId}:root` },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    },
    null,
    2,
  );
}

const malformed = (why: string) => awsError("MalformedPolicyDocumentException", why);

/**
 * What CreateKey checks of a policy it is given: a JSON policy document within the size quota whose
 * every statement has an effect and one or more principals. (KMS's lockout check, that the policy
 * lets the caller call PutKeyPolicy, needs IAM, which the simulator does not model.)
 */
export function checkPolicy(policy: string): void {
  if (Buffer.byteLength(policy, "utf8") > MAX_POLICY_BYTES)
    throw awsError(
      "LimitExceededException",
      `The key policy is larger than the ${MAX_POLICY_BYTES}-byte quota for key policy documents.`,
    );
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw malformed("The key policy is not valid JSON.");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw malformed("The key policy must be a JSON object.");
  const raw = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (statements.length === 0) throw malformed("The key policy has no statement.");
  for (const s of statements) {
    if (typeof s !== "object" || s === null) throw malformed("Each policy statement must be an object.");
    const { Effect, Principal } = s as { Effect?: unknown; Principal?: unknown };
    if (Effect !== "Allow" && Effect !== "Deny")
      throw malformed("Each policy statement needs an Effect of Allow or Deny.");
    if (Principal === undefined || Principal === null || Principal === "")
      throw malformed("Policy contains a statement with no principal.");
  }
}

export const policyOf = (world: World, key: KmsKey) => key.policy ?? defaultKeyPolicy(world);

export function getKeyPolicy(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKeyById(ctx.world, p.str("KeyId", KEY_ID));
  const name = p.str("PolicyName") ?? POLICY_NAME;
  // Every key state may read its policy (the key-state table): no state check.
  if (name !== POLICY_NAME) throw awsError("NotFoundException", `No such policy exists: ${name}`);
  return { Policy: policyOf(ctx.world, key), PolicyName: POLICY_NAME };
}
