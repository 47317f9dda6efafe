import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { aliasArn } from "../ids.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import type { Alias, KmsKey, World } from "../world.js";
import { findKeyById, KEY_ID, keyEvent, refusePendingDeletion } from "./key-rules.js";

/** KMS's resource quota "Aliases per KMS key". */
export const MAX_ALIASES_PER_KEY = 50;

const ALIAS_NAME = { required: true, min: 1, max: 256 } as const;

/** AliasName as KMS checks it beyond the model's pattern: the `alias/` prefix, and a name after it. */
function aliasName(p: Params): string {
  const name = p.str("AliasName", ALIAS_NAME);
  if (!name.startsWith("alias/"))
    throw awsError(
      "ValidationException",
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  return name;
}

function findAlias(world: World, name: string): Alias {
  const alias = world.aliases.find((a) => a.AliasName === name);
  if (!alias) throw awsError("NotFoundException", `Alias ${aliasArn(world, name)} is not found.`);
  return alias;
}

/** A key an alias may point at: a key id or key ARN (never another alias), not pending deletion. */
function target(world: World, p: Params): KmsKey {
  const key = findKeyById(world, p.str("TargetKeyId", KEY_ID));
  refusePendingDeletion(key);
  return key;
}

function refuseFullKey(world: World, key: KmsKey): void {
  if (world.aliases.filter((a) => a.TargetKeyId === key.KeyId).length >= MAX_ALIASES_PER_KEY)
    throw awsError(
      "LimitExceededException",
      `KMS key ${key.Arn} already has ${MAX_ALIASES_PER_KEY} aliases, the most a key can have.`,
    );
}

const aliasResource = (world: World, name: string) => [{ ARN: aliasArn(world, name) }];

export function createAlias(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, kmsInvalid);
  const name = aliasName(p);
  if (name === "alias/" || name.toLowerCase().startsWith("alias/aws/"))
    throw awsError(
      "InvalidAliasNameException",
      name === "alias/"
        ? "Alias name must have a name after alias/."
        : `Alias ${name} is not valid: the alias/aws/ prefix is reserved for AWS managed keys.`,
    );
  const key = target(world, p);
  if (world.aliases.some((a) => a.AliasName === name))
    throw awsError(
      "AlreadyExistsException",
      `An alias with the name ${aliasArn(world, name)} already exists`,
    );
  refuseFullKey(world, key);
  world.aliases.push({
    AliasName: name,
    TargetKeyId: key.KeyId,
    CreationDate: ctx.now,
    LastUpdatedDate: ctx.now,
  });
  keyEvent(ctx, "CreateAlias", key, { aliasName: name, targetKeyId: key.KeyId }, aliasResource(world, name));
  return {};
}

export function updateAlias(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, kmsInvalid);
  const name = aliasName(p);
  const alias = findAlias(world, name);
  const key = target(world, p);
  // The old and new keys must be of one type and usage, so code using the alias keeps working.
  const current = world.keys.find((k) => k.KeyId === alias.TargetKeyId);
  if (current && (current.KeySpec !== key.KeySpec || current.KeyUsage !== key.KeyUsage))
    throw kmsInvalid(
      "TargetKeyId",
      key.KeyId,
      `the new key must have the key spec ${current.KeySpec} and key usage ${current.KeyUsage} of the alias's current key`,
    );
  if (alias.TargetKeyId !== key.KeyId) refuseFullKey(world, key);
  alias.TargetKeyId = key.KeyId;
  alias.LastUpdatedDate = ctx.now;
  keyEvent(ctx, "UpdateAlias", key, { aliasName: name, targetKeyId: key.KeyId }, aliasResource(world, name));
  return {};
}

export function deleteAlias(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const p = new Params(input, kmsInvalid);
  const alias = findAlias(world, aliasName(p));
  world.aliases = world.aliases.filter((a) => a !== alias);
  const key = world.keys.find((k) => k.KeyId === alias.TargetKeyId);
  if (key)
    keyEvent(ctx, "DeleteAlias", key, { aliasName: alias.AliasName }, aliasResource(world, alias.AliasName));
  return {};
}
