import { recordApiCall } from "../cloudtrail/record.js";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { decodeToken, encodeToken, hsmInvalid, type Input, Params } from "../input.js";
import type { Backup, Cluster, World } from "../world.js";

type Tag = { Key: string; Value: string };

/** CloudHSM's quota of tags per cluster or backup (TagList's 1 to 50 in the model). */
export const MAX_HSM_TAGS = 50;

/** botocore's TagKey and TagValue pattern: letters, digits, spaces and _.:/=+-@. */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const invalidRequest = (message: string) => awsError("CloudHsmInvalidRequestException", message);

const reservedKey = (keys: string[]) => keys.find((k) => k.toLowerCase().startsWith("aws:"));

/** A TagList as CreateCluster and TagResource take it: unique keys, none in AWS's `aws:` space. */
export function parseHsmTags(list: unknown[]): Tag[] {
  const tags = list.map((t, i) => {
    if (!t || typeof t !== "object") throw invalidRequest(`TagList.${i + 1} must be a structure.`);
    const tag = new Params(t as Input, hsmInvalid);
    return {
      Key: tag.str("Key", { required: true, min: 1, max: 128, pattern: TAG_PATTERN }),
      Value: tag.str("Value", { required: true, min: 0, max: 256, pattern: TAG_PATTERN }),
    };
  });
  if (new Set(tags.map((t) => t.Key)).size !== tags.length) throw invalidRequest("Tag keys must be unique.");
  if (reservedKey(tags.map((t) => t.Key)) !== undefined)
    throw invalidRequest("Tag keys may not start with aws:, which AWS reserves.");
  return tags;
}

/** A cluster or backup by id, as long as DescribeClusters or DescribeBackups could still act on it. */
function taggable(world: World, id: string): Cluster | Backup {
  const found = id.startsWith("cluster-")
    ? world.clusters.find((c) => c.ClusterId === id && c.State !== "DELETED")
    : world.backups.find((b) => b.BackupId === id && b.BackupState !== "DELETED");
  if (!found)
    throw awsError(
      "CloudHsmResourceNotFoundException",
      `${id.startsWith("cluster-") ? "Cluster" : "Backup"} ${id} does not exist.`,
    );
  return found;
}

function record(ctx: OpContext, eventName: string, requestParameters: Record<string, unknown>) {
  recordApiCall(ctx, { service: "cloudhsmv2", eventName, requestParameters });
}

export function tagResource(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const id = p.str("ResourceId", { required: true });
  const tags = parseHsmTags(p.list("TagList", { min: 1, max: MAX_HSM_TAGS }) ?? []);
  const resource = taggable(ctx.world, id);
  const merged = [...(resource.TagList ?? [])];
  for (const t of tags) {
    const at = merged.findIndex((m) => m.Key === t.Key);
    if (at >= 0) merged[at] = t;
    else merged.push(t);
  }
  if (merged.length > MAX_HSM_TAGS)
    throw awsError(
      "CloudHsmResourceLimitExceededException",
      `${id} would have ${merged.length} tags; a resource can have at most ${MAX_HSM_TAGS}.`,
    );
  resource.TagList = merged;
  record(ctx, "TagResource", {
    resourceId: id,
    tagList: tags.map((t) => ({ key: t.Key, value: t.Value })),
  });
  return {};
}

export function untagResource(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const id = p.str("ResourceId", { required: true });
  const keys = (p.list("TagKeyList", { min: 1, max: MAX_HSM_TAGS }) ?? []).map(String);
  if (reservedKey(keys) !== undefined)
    throw invalidRequest("Tag keys may not start with aws:, which AWS reserves.");
  const resource = taggable(ctx.world, id);
  // Removing a tag the resource does not have is no error.
  const remaining = (resource.TagList ?? []).filter((t) => !keys.includes(t.Key));
  if (remaining.length > 0) resource.TagList = remaining;
  else delete resource.TagList;
  record(ctx, "UntagResource", { resourceId: id, tagKeyList: keys });
  return {};
}

export function listTags(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const id = p.str("ResourceId", { required: true });
  const max = p.int("MaxResults", { min: 1, max: 100 }) ?? 100;
  const token = p.str("NextToken", { max: 256 });
  const resource = taggable(ctx.world, id);
  const bind = `tags:${id}`;
  const start = token === undefined ? 0 : decodeToken(token, bind);
  if (start === undefined) throw invalidRequest("The NextToken value is not valid.");
  const tags = resource.TagList ?? [];
  const more = start + max < tags.length;
  // TagList is required in the answer: an untagged resource answers an empty list, as AWS does
  // (the model's "min 1" cannot be met then).
  return {
    TagList: tags.slice(start, start + max),
    ...(more ? { NextToken: encodeToken(start + max, bind) } : {}),
  };
}
