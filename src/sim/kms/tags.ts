import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import type { KmsKey } from "../world.js";
import { findKeyById, KEY_ID, keyEvent, refusePendingDeletion } from "./key-rules.js";
import { decodeMarker, encodeMarker } from "./markers.js";

type Tag = { TagKey: string; TagValue: string };

/** KMS's quota of tags per key (the developer guide's "Tagging keys"). */
export const MAX_TAGS_PER_KEY = 50;

const tagError = (message: string) => awsError("TagException", message);

/** Tags as TagResource and CreateKey take them: a key once per request, none in AWS's `aws:` space. */
export function parseTags(list: unknown[]): Tag[] {
  const tags = list.map((t) => {
    const tag = new Params((t ?? {}) as Input, kmsInvalid);
    return {
      TagKey: tag.str("TagKey", { required: true, min: 1, max: 128 }),
      TagValue: tag.str("TagValue", { required: true, max: 256 }),
    };
  });
  checkKeys(tags.map((t) => t.TagKey));
  if (new Set(tags.map((t) => t.TagKey)).size !== tags.length)
    throw tagError("Duplicate tag keys: each tag key may appear once in a request.");
  return tags;
}

function checkKeys(keys: string[]): void {
  const reserved = keys.find((k) => k.toLowerCase().startsWith("aws:"));
  if (reserved !== undefined)
    throw tagError(`Tag key '${reserved}' is not valid: the aws: prefix is reserved for AWS.`);
}

/** Adds or overwrites `tags` on the key, within the quota counted after the merge. */
export function applyTags(key: KmsKey, tags: Tag[]): void {
  const merged = [...(key.tags ?? [])];
  for (const t of tags) {
    const at = merged.findIndex((m) => m.TagKey === t.TagKey);
    if (at >= 0) merged[at] = t;
    else merged.push(t);
  }
  if (merged.length > MAX_TAGS_PER_KEY)
    throw awsError(
      "LimitExceededException",
      `A KMS key can have at most ${MAX_TAGS_PER_KEY} tags; this request would give ${key.Arn} ${merged.length}.`,
    );
  key.tags = merged;
}

const camelTag = (t: Tag) => ({ tagKey: t.TagKey, tagValue: t.TagValue });

export function tagResource(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKeyById(ctx.world, p.str("KeyId", KEY_ID));
  const tags = parseTags(p.list("Tags") ?? []);
  refusePendingDeletion(key);
  applyTags(key, tags);
  keyEvent(ctx, "TagResource", key, { keyId: key.KeyId, tags: tags.map(camelTag) });
  return {};
}

export function untagResource(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKeyById(ctx.world, p.str("KeyId", KEY_ID));
  const keys = (p.list("TagKeys") ?? []).map((k) => String(k));
  checkKeys(keys);
  refusePendingDeletion(key);
  // Removing a tag the key does not have is no error.
  const remaining = (key.tags ?? []).filter((t) => !keys.includes(t.TagKey));
  if (remaining.length > 0) key.tags = remaining;
  else delete key.tags;
  keyEvent(ctx, "UntagResource", key, { keyId: key.KeyId, tagKeys: keys });
  return {};
}

export function listResourceTags(ctx: OpContext, input: Input) {
  const p = new Params(input, kmsInvalid);
  const key = findKeyById(ctx.world, p.str("KeyId", KEY_ID));
  // The model allows up to 1000, but the API reference says 1 to 50.
  const limit = p.int("Limit", { min: 1, max: 50 }) ?? 50;
  const marker = p.str("Marker", { min: 1, max: 1024 });
  const bind = `tags:${key.KeyId}`;
  const start = marker === undefined ? 0 : decodeMarker(marker, bind);
  const tags = key.tags ?? [];
  const more = start + limit < tags.length;
  return {
    Tags: tags.slice(start, start + limit),
    Truncated: more,
    ...(more ? { NextMarker: encodeMarker(start + limit, bind) } : {}),
  };
}
