// The fleet scenario's other accounts and Regions: an organisation whose custom key stores are spread
// over three Regions of two accounts, each partition with one healthy store and two broken ones, and
// one opt-in Region the member account has not enabled (its requests are refused, as AWS does).
import { DAY, HOUR, MINUTE } from "../clock.js";
import type { World } from "../world.js";
import { storyPassword } from "./standard.js";
import { Story } from "./story.js";

/** The member account, its long-term access key, and the role kcs assumes in it. */
export const FLEET_MEMBER_ACCOUNT = "444455556666";
export const FLEET_MEMBER_KEY = "AKIAKCSMEMBERACCOUNT";
export const FLEET_AUDIT_ROLE = `arn:aws:iam::${FLEET_MEMBER_ACCOUNT}:role/kcs-audit`;
export const FLEET_AUDIT_EXTERNAL_ID = "kcs-fleet-audit";
/** The three Regions; the last is opt-in, and disabled in the member account. */
export const FLEET_REGIONS = ["eu-west-1", "us-east-1", "eu-south-1"] as const;
/** The access key the sim backend signs with (backend/sim.ts's SIM_CREDENTIALS): the root account's. */
const ROOT_KEY = "AKIAKCSSIMULATOR0001";

type Failure = "INVALID_CREDENTIALS" | "NO_ACTIVE_HSMS" | "CLUSTER_NOT_FOUND";

/** One partition: a healthy store and two failing ones, built by living through their history. */
function buildPartition(
  root: World,
  accountId: string,
  region: string,
  failures: [Failure, Failure],
  endAt: number,
): World {
  const story = new Story({
    scenario: "fleet",
    endAt,
    span: 120 * DAY,
    region,
    accountId,
    pepper: root.pepper,
  });
  const azs = [`${region}a`, `${region}b`];
  const tag = region.replace(/-/g, "");
  const names = ["orders", ...failures.map((f) => f.toLowerCase().replace(/_/g, "-"))];
  const built = names.map((name, i) => {
    const subnets = story.vpc(azs);
    const pw = storyPassword(story, `${tag}-${i}`);
    const cluster = story.activeCluster(subnets, azs, pw);
    story.advance(DAY);
    const id = story.createStore(cluster, `${name}-${tag}-cks`, pw);
    story.connect(id);
    story.createKeys(id, 2, (k) => `${name} key ${k + 1}`, HOUR);
    return { cluster, id };
  });
  // Recent failures: CloudHSM still shows a cluster deleted hours ago, so a restore knows its subnets.
  story.until(endAt, 10 * HOUR);
  for (const [i, failure] of failures.entries()) {
    const { cluster, id } = built[i + 1]!;
    if (failure === "INVALID_CREDENTIALS") {
      story.disconnect(id);
      story.operatorChangesPassword(cluster, storyPassword(story, `${tag}-manual-${i}`));
      story.connect(id);
    } else if (failure === "NO_ACTIVE_HSMS") {
      // With one HSM left the connect starts (with none it would fail at once); the last one goes meanwhile.
      const [first, second] = [...cluster.Hsms];
      story.call("cloudhsmv2", "DeleteHsm", { ClusterId: cluster.ClusterId, HsmId: first!.HsmId });
      story.advance(15 * MINUTE).disconnect(id);
      story.kms("ConnectCustomKeyStore", { CustomKeyStoreId: id });
      story.call("cloudhsmv2", "DeleteHsm", { ClusterId: cluster.ClusterId, HsmId: second!.HsmId });
      story.advance(15 * MINUTE);
    } else {
      for (const hsm of [...cluster.Hsms]) {
        story.call("cloudhsmv2", "DeleteHsm", { ClusterId: cluster.ClusterId, HsmId: hsm.HsmId });
        story.advance(10 * MINUTE);
      }
      story.call("cloudhsmv2", "DeleteCluster", { ClusterId: cluster.ClusterId });
      story.advance(10 * MINUTE).disconnect(id);
      story.connect(id);
    }
    story.advance(HOUR);
  }
  return story.finish(endAt, root.clock.wallAnchorMs, root.clock.scale);
}

/** Gives a built fleet world its other partitions, the member account's key and role, and a disabled Region. */
export function addFleetPartitions(root: World, endAt: number): World {
  const [home, east, south] = FLEET_REGIONS;
  const member = FLEET_MEMBER_ACCOUNT;
  root.partitions = [
    buildPartition(root, root.accountId, east, ["INVALID_CREDENTIALS", "NO_ACTIVE_HSMS"], endAt),
    buildPartition(root, root.accountId, south, ["CLUSTER_NOT_FOUND", "INVALID_CREDENTIALS"], endAt),
    buildPartition(root, member, home, ["INVALID_CREDENTIALS", "NO_ACTIVE_HSMS"], endAt),
    buildPartition(root, member, east, ["CLUSTER_NOT_FOUND", "INVALID_CREDENTIALS"], endAt),
  ];
  for (const p of root.partitions) p.clock = { ...root.clock };
  root.accessKeys = { [ROOT_KEY]: root.accountId, [FLEET_MEMBER_KEY]: member };
  root.roles = [{ Arn: FLEET_AUDIT_ROLE, externalId: FLEET_AUDIT_EXTERNAL_ID }];
  root.disabledRegions = [{ accountId: member, region: south }];
  return root;
}
