import { DAY } from "../clock.js";
import { findUser, KMSUSER } from "../cloudhsm/hsm-data.js";
import { hex } from "../ids.js";
import type { Cluster, Subnet } from "../world.js";
import { SCENARIO_REGION, Story } from "./story.js";
import { addEverydayTraffic } from "./traffic.js";

export interface StandardWorld {
  story: Story;
  cluster: Cluster;
  subnets: Subnet[];
  storeId: string;
  keyArns: string[];
  end: number;
}

export interface StandardOptions {
  scenario: string;
  endAt: number;
  storeName?: string;
  keyNames?: string[];
  region?: string;
  story?: Story;
  clusterLimit?: number;
  /** Availability Zones with a subnet and an HSM (default 2). */
  azCount?: number;
}

const DEFAULT_KEYS = [
  "payments-ledger",
  "customer-pii",
  "backup-archive",
  "session-tokens",
  "audit-log",
  "partner-exchange",
];

export const storyPassword = (story: Story, purpose: string) => `Kms${hex(story.world, purpose, 13)}`;

/**
 * The healthy backbone every scenario starts from: a two-AZ cluster with two HSMs, a connected store
 * created six months ago, keys with aliases, daily backups (90 days kept, and the activation backup
 * kept for good), one key deleted cleanly (a DeleteKey
 * event with SUCCESS), and CloudTrail history. Scenarios then break it the way operators do.
 */
export function standardWorld(opts: StandardOptions): StandardWorld {
  const end = opts.endAt;
  const region = opts.region ?? SCENARIO_REGION;
  const story =
    opts.story ??
    new Story({ scenario: opts.scenario, endAt: end, region, clusterLimit: opts.clusterLimit ?? 4 });
  const azs = ["a", "b", "c"].slice(0, opts.azCount ?? 2).map((z) => `${region}${z}`);
  story.until(end, 200 * DAY);
  const subnets = story.vpc(azs, { spare: true });
  const password = storyPassword(story, "kmsuser-initial");
  const cluster = story.activeCluster(subnets.slice(0, azs.length), azs, password);
  story.advance(10 * DAY);
  // The operator keeps the backup taken at activation for good; the retention policy takes the rest.
  const [activation] = story.world.backups.filter((b) => b.ClusterId === cluster.ClusterId);
  story.call("cloudhsmv2", "ModifyBackupAttributes", { BackupId: activation!.BackupId, NeverExpires: true });
  const storeId = story.createStore(cluster, opts.storeName ?? "payments-cks", password);
  story.connect(storeId);
  const names = opts.keyNames ?? DEFAULT_KEYS;
  const keyArns = story.createKeys(
    storeId,
    names.length,
    (i) => `${names[i]} (${opts.storeName ?? "payments-cks"})`,
    3 * DAY,
  );
  for (const [i, n] of names.entries()) story.alias(`alias/${n}`, keyArns[i]!);
  story.kms("DisableKey", { KeyId: keyArns[names.length - 1] });
  // A key retired cleanly two months ago: its DeleteKey event says SUCCESS.
  story.until(end, 70 * DAY);
  const [retired] = story.createKeys(storeId, 1, () => "retired-2026-q2", 0);
  story.kms("ScheduleKeyDeletion", { KeyId: retired, PendingWindowInDays: 7 });
  story.until(end, 7 * DAY);
  addEverydayTraffic(story.world, {
    days: 30,
    end,
    keyArns: keyArns.slice(0, -1),
    storeIds: [storeId],
    clusterIds: [cluster.ClusterId],
  });
  return { story, cluster, subnets, storeId, keyArns, end };
}

export function kmsuser(cluster: Cluster) {
  return findUser(cluster.hsm, KMSUSER)!;
}
