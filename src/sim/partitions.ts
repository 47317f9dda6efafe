// One simulated AWS of several accounts and Regions: which (account, Region) partition of a world a
// request reaches, decided as AWS does from the request itself (its SigV4 signing Region and the
// caller's access key), and a WorldStore that shows a caller only its partition.
import type { WorldStore } from "./engine.js";
import { AwsError } from "./errors.js";
import type { World } from "./world.js";

export interface PartitionKey {
  accountId: string;
  region: string;
}

/** What a SigV4 Authorization header says about its request. */
export interface SigningScope {
  accessKeyId?: string;
  region?: string;
  service?: string;
}

/** The credential scope of `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request`. */
export function signingScope(headers: Record<string, string>): SigningScope {
  const m = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/.exec(
    headers.authorization ?? "",
  );
  return m ? { accessKeyId: m[1]!, region: m[2]!, service: m[3]! } : {};
}

/**
 * Temporary keys the simulated STS hands out carry their account (AWS's do too, encoded): reading one
 * needs no record of the session, so assuming a role writes nothing to the world.
 */
const TEMPORARY_KEY = /^ASIA(\d{12})[A-Z0-9]{4}$/;

export function temporaryKeyFor(accountId: string, suffix: string): string {
  return `ASIA${accountId}${suffix
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "0")
    .padEnd(4, "0")
    .slice(0, 4)}`;
}

/** Every account of a world: the root's, its partitions', and those its keys and roles name. */
export function accountsOf(world: World): Set<string> {
  return new Set([
    world.accountId,
    ...(world.partitions ?? []).map((p) => p.accountId),
    ...Object.values(world.accessKeys ?? {}),
  ]);
}

/** Whether a world answers for more than itself: then requests are routed, and keys must be known. */
export function isPartitioned(world: World): boolean {
  return (world.partitions?.length ?? 0) > 0 || world.accessKeys !== undefined;
}

/**
 * The account an access key belongs to, or undefined when the world does not know it. A long-term key
 * the world does not list is its root account's (the simulator has always taken any key, and `aws
 * --endpoint-url` users sign with their own) unless the world lists only its keys (`onlyListedKeys`).
 */
export function accountOfKey(world: World, accessKeyId: string | undefined): string | undefined {
  if (!isPartitioned(world)) return world.accountId;
  if (accessKeyId === undefined) return world.onlyListedKeys ? undefined : world.accountId;
  const temporary = TEMPORARY_KEY.exec(accessKeyId);
  if (temporary) return accountsOf(world).has(temporary[1]!) ? temporary[1] : undefined;
  if (accessKeyId.startsWith("ASIA")) return undefined;
  if (Object.hasOwn(world.accessKeys ?? {}, accessKeyId)) return world.accessKeys![accessKeyId];
  return world.onlyListedKeys ? undefined : world.accountId;
}

/** The partition of (account, Region), the root included; undefined when the world has none there. */
export function partitionOf(world: World, key: PartitionKey): World | undefined {
  if (world.accountId === key.accountId && world.region === key.region) return world;
  return world.partitions?.find((p) => p.accountId === key.accountId && p.region === key.region);
}

/** The Regions an account has (and has enabled) in this world: what EC2 DescribeRegions lists. */
export function enabledRegionsOf(world: World, accountId: string): string[] {
  const disabled = new Set(
    (world.disabledRegions ?? []).filter((d) => d.accountId === accountId).map((d) => d.region),
  );
  const regions = [world, ...(world.partitions ?? [])]
    .filter((p) => p.accountId === accountId)
    .map((p) => p.region)
    .filter((r) => !disabled.has(r));
  return [...new Set(regions)].sort();
}

/**
 * AWS's answer to a key it does not know, and to any request in an opt-in Region the account has not
 * enabled: the Region's endpoint has never heard of the account's credentials.
 */
export const INVALID_TOKEN = () =>
  new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400);

/**
 * Where a request goes. A world of one partition answers every request itself, in any Region, as it
 * always has; a partitioned world refuses an unknown key, and a Region the account lacks or has
 * disabled, with AWS's UnrecognizedClientException.
 */
export function routeRequest(world: World, scope: SigningScope): PartitionKey {
  if (!isPartitioned(world)) return { accountId: world.accountId, region: world.region };
  const accountId = accountOfKey(world, scope.accessKeyId);
  if (accountId === undefined) throw INVALID_TOKEN();
  const region = scope.region ?? world.region;
  const key = { accountId, region };
  if (!enabledRegionsOf(world, accountId).includes(region) || !partitionOf(world, key)) throw INVALID_TOKEN();
  return key;
}

/** A partition of a world kept in `root`: every read and change lands on that partition alone. */
export class PartitionStore implements WorldStore {
  readonly generation?: () => number;

  constructor(
    private readonly root: WorldStore,
    readonly key: PartitionKey,
  ) {
    if (root.generation) this.generation = () => root.generation!();
  }

  private pick(world: World): World {
    const partition = partitionOf(world, this.key);
    if (!partition) throw INVALID_TOKEN();
    return partition;
  }

  read<T>(fn: (world: World) => T): T {
    return this.root.read((w) => fn(this.pick(w)));
  }

  update<T>(fn: (world: World) => T): T {
    return this.root.update((w) => fn(this.pick(w)));
  }
}
