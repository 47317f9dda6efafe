import { DAY, HOUR, MINUTE } from "../clock.js";
import { KMSUSER } from "../cloudhsm/hsm-data.js";
import { changePassword, login, logout } from "../cloudhsm/operator.js";
import type { World } from "../world.js";
import { buildFleet } from "./fleet.js";
import { addFleetPartitions } from "./fleet-partitions.js";
import { kmsuser, standardWorld, storyPassword } from "./standard.js";
import { Story } from "./story.js";
import { XKS_SCENARIOS } from "./xks.js";

export interface Scenario {
  name: string;
  /** One line for `kcs sim scenarios`. */
  description: string;
  /** Finding codes `kcs doctor` must report on this world (severity error, warning or info). */
  findings: string[];
  /**
   * `findings` show only when doctor calls the XKS proxy itself (`--probe` with the proxy credential):
   * KMS reports such stores CONNECTED.
   */
  needsProbe?: boolean;
  build(endAt: number): World;
}

const H = HOUR;

function failedConnect(
  name: string,
  description: string,
  code: string,
  breakIt: (s: ReturnType<typeof standardWorld>) => void,
  azCount = 2,
): Scenario {
  return {
    name,
    description,
    findings: [code],
    build(endAt) {
      const w = standardWorld({ scenario: name, endAt, azCount });
      w.story.until(endAt, 3 * DAY);
      w.story.disconnect(w.storeId);
      breakIt(w);
      w.story.until(endAt, 2 * H);
      w.story.connect(w.storeId);
      return w.story.finish(endAt, Date.now());
    },
  };
}

export const SCENARIOS: Scenario[] = [
  {
    name: "healthy",
    description:
      "A connected store on a two-AZ cluster with two HSMs, keys, backups and clean CloudTrail history",
    findings: [],
    build(endAt) {
      return standardWorld({ scenario: "healthy", endAt }).story.finish(endAt, Date.now());
    },
  },
  {
    name: "store-disconnected",
    description: "Someone disconnected the store two hours ago: every key in it is Unavailable",
    findings: ["STORE_DISCONNECTED"],
    build(endAt) {
      const w = standardWorld({ scenario: "store-disconnected", endAt });
      w.story.until(endAt, 2 * H).disconnect(w.storeId);
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "connection-in-progress",
    description: "A reconnect started a minute ago and is still CONNECTING (it completes on its own)",
    findings: ["CONNECTION_IN_PROGRESS"],
    build(endAt) {
      const w = standardWorld({ scenario: "connection-in-progress", endAt });
      w.story.until(endAt, 1 * H).disconnect(w.storeId);
      w.story.until(endAt, 1 * MINUTE);
      w.story.kms("ConnectCustomKeyStore", { CustomKeyStoreId: w.storeId });
      // AWS documents up to 20 minutes for a connect; this one takes most of that.
      const store = w.story.world.stores[0]!;
      store.pending = { kind: "connect", dueAt: endAt + 18 * MINUTE };
      return w.story.finish(endAt, Date.now());
    },
  },
  failedConnect(
    "invalid-credentials",
    "kmsuser's password was changed on the HSM while the store was disconnected: connect FAILED with INVALID_CREDENTIALS",
    "INVALID_CREDENTIALS",
    (w) => w.story.operatorChangesPassword(w.cluster, storyPassword(w.story, "audit-pw")),
  ),
  {
    name: "user-locked-out",
    description:
      "Automation retried a connect with a stale password until kmsuser locked: FAILED with USER_LOCKED_OUT",
    findings: ["USER_LOCKED_OUT"],
    build(endAt) {
      const w = standardWorld({ scenario: "user-locked-out", endAt });
      w.story.until(endAt, 3 * DAY).disconnect(w.storeId);
      w.story.operatorChangesPassword(w.cluster, storyPassword(w.story, "rotated-by-hand"));
      w.story.until(endAt, 12 * H);
      for (let i = 0; i < 6; i++) {
        w.story.connect(w.storeId);
        if (i < 5) w.story.disconnect(w.storeId).advance(30 * MINUTE);
      }
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "user-not-found",
    description:
      "A new store on a cluster where nobody created the kmsuser crypto user: FAILED with USER_NOT_FOUND",
    findings: ["USER_NOT_FOUND"],
    build(endAt) {
      const story = new Story({ scenario: "user-not-found", endAt, span: 30 * DAY });
      const region = story.world.region;
      const subnets = story.vpc([`${region}a`, `${region}b`], { spare: true });
      const cluster = story.activeCluster(
        subnets.slice(0, 2),
        [`${region}a`, `${region}b`],
        storyPassword(story, "never"),
      );
      cluster.hsm.users = cluster.hsm.users.filter((u) => u.username !== KMSUSER);
      story.until(endAt, 4 * H);
      const storeId = story.createStore(cluster, "analytics-cks", storyPassword(story, "store-pw"));
      story.until(endAt, 2 * H).connect(storeId);
      return story.finish(endAt, Date.now());
    },
  },
  {
    name: "user-logged-in",
    description:
      "An operator logged in to the HSM as kmsuser for an audit and never logged out: FAILED with USER_LOGGED_IN",
    findings: ["USER_LOGGED_IN"],
    build(endAt) {
      const w = standardWorld({ scenario: "user-logged-in", endAt });
      w.story.until(endAt, 1 * DAY).disconnect(w.storeId);
      const pw = storyPassword(w.story, "audit-login");
      changePassword(w.story.world, w.cluster.ClusterId, KMSUSER, pw);
      login(w.story.world, w.cluster.ClusterId, KMSUSER, pw);
      w.story.kms("UpdateCustomKeyStore", { CustomKeyStoreId: w.storeId, KeyStorePassword: pw });
      w.story.until(endAt, 3 * H).connect(w.storeId);
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "cluster-not-found",
    description:
      "The store's cluster was deleted in a clean-up (its backups remain): reconnect FAILED with CLUSTER_NOT_FOUND",
    findings: ["CLUSTER_NOT_FOUND"],
    build(endAt) {
      const w = standardWorld({ scenario: "cluster-not-found", endAt });
      const s = w.story;
      s.until(endAt, 8 * H);
      s.caller = { ...s.caller, userName: "cleanup-bot" };
      for (const hsm of [...w.cluster.Hsms]) {
        s.call("cloudhsmv2", "DeleteHsm", { ClusterId: w.cluster.ClusterId, HsmId: hsm.HsmId });
        s.advance(10 * MINUTE);
      }
      s.call("cloudhsmv2", "DeleteCluster", { ClusterId: w.cluster.ClusterId });
      s.advance(10 * MINUTE);
      s.caller = { ...s.caller, userName: "alice" };
      s.until(endAt, 3 * H).disconnect(w.storeId);
      s.connect(w.storeId);
      return s.finish(endAt, Date.now());
    },
  },
  {
    name: "no-active-hsms",
    description:
      "Both HSMs were deleted to save cost, the second while a reconnect ran: it FAILED with INSUFFICIENT_CLOUDHSM_HSMS",
    findings: ["NO_ACTIVE_HSMS"],
    build(endAt) {
      const w = standardWorld({ scenario: "no-active-hsms", endAt });
      const s = w.story;
      const [first, second] = [...w.cluster.Hsms];
      s.until(endAt, 2 * DAY);
      s.call("cloudhsmv2", "DeleteHsm", { ClusterId: w.cluster.ClusterId, HsmId: first!.HsmId });
      s.advance(15 * MINUTE);
      // With one HSM left the connect starts (with none it would fail at once); the last one goes meanwhile.
      s.until(endAt, 5 * H).disconnect(w.storeId);
      s.call("kms", "ConnectCustomKeyStore", { CustomKeyStoreId: w.storeId });
      s.call("cloudhsmv2", "DeleteHsm", { ClusterId: w.cluster.ClusterId, HsmId: second!.HsmId });
      s.advance(15 * MINUTE);
      return s.finish(endAt, Date.now());
    },
  },
  {
    name: "insufficient-hsms",
    description:
      "One of the two HSMs was deleted: the store works, but creating KMS keys fails until a second AZ has an HSM",
    findings: ["INSUFFICIENT_HSMS"],
    build(endAt) {
      const w = standardWorld({ scenario: "insufficient-hsms", endAt });
      w.story.until(endAt, 5 * DAY);
      w.story.call("cloudhsmv2", "DeleteHsm", {
        ClusterId: w.cluster.ClusterId,
        HsmId: w.cluster.Hsms[1]!.HsmId,
      });
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "network-errors",
    description:
      "A security-group change blocked KMS during a reconnect (since reverted): FAILED with NETWORK_ERRORS",
    findings: ["NETWORK_ERRORS"],
    build(endAt) {
      const w = standardWorld({ scenario: "network-errors", endAt });
      w.story.until(endAt, 4 * H).disconnect(w.storeId);
      // Someone tightened the cluster's security group while the connect ran, then put the rule back.
      w.story.kms("ConnectCustomKeyStore", { CustomKeyStoreId: w.storeId });
      const group = w.story.world.securityGroups!.find((g) => g.GroupId === w.cluster.SecurityGroup)!;
      const egress = group.IpPermissionsEgress;
      group.IpPermissionsEgress = [];
      w.story.advance(5 * MINUTE);
      group.IpPermissionsEgress = egress;
      return w.story.finish(endAt, Date.now());
    },
  },
  failedConnect(
    "subnet-not-found",
    "A third-AZ subnet of the cluster was deleted after its HSM was removed: reconnect FAILED with SUBNET_NOT_FOUND",
    "SUBNET_NOT_FOUND",
    (w) => {
      const hsm = w.cluster.Hsms[2]!;
      w.story.call("cloudhsmv2", "DeleteHsm", { ClusterId: w.cluster.ClusterId, HsmId: hsm.HsmId });
      w.story.advance(15 * MINUTE);
      const subnet = w.story.world.subnets.find((s) => s.SubnetId === hsm.SubnetId)!;
      subnet.deleted = true;
    },
    3,
  ),
  failedConnect(
    "insufficient-free-addresses-in-subnet",
    "Other workloads took every free IP address of one cluster subnet: reconnect FAILED with INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
    "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
    (w) => {
      w.story.world.subnets.find(
        (s) => s.SubnetId === w.cluster.SubnetMapping[`${w.story.world.region}a`],
      )!.freeAddresses = 0;
    },
  ),
  {
    name: "internal-error",
    description:
      "A reconnect hit a KMS internal error: FAILED with INTERNAL_ERROR (a disconnect and a retry fix it)",
    findings: ["INTERNAL_ERROR"],
    build(endAt) {
      const w = standardWorld({ scenario: "internal-error", endAt });
      w.story.until(endAt, 2 * H).disconnect(w.storeId);
      w.story.world.faults.connectFailure = "INTERNAL_ERROR";
      w.story.connect(w.storeId);
      delete w.story.world.faults.connectFailure;
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "connection-failed",
    description: "A reconnect FAILED without any ConnectionErrorCode (KMS did not say why)",
    findings: ["CONNECTION_FAILED"],
    build(endAt) {
      const w = standardWorld({ scenario: "connection-failed", endAt });
      w.story.until(endAt, 2 * H).disconnect(w.storeId);
      w.story.connect(w.storeId);
      const store = w.story.world.stores[0]!;
      if (store.ConnectionState === "CONNECTED") {
        // Undo what the successful connect did on the HSM side, then leave it FAILED with no code.
        delete kmsuser(w.cluster).loggedInBy;
        for (const id of Object.values(w.cluster.SubnetMapping))
          w.story.world.subnets.find((s) => s.SubnetId === id)!.freeAddresses += 1;
      }
      store.ConnectionState = "FAILED";
      delete store.ConnectionErrorCode;
      return w.story.finish(endAt, Date.now());
    },
  },
  {
    name: "key-material-missing",
    description:
      "During an audit someone deleted one key's backing key from the HSMs: that KMS key is Unavailable in a CONNECTED store",
    findings: ["KEY_MATERIAL_MISSING"],
    build(endAt) {
      const w = standardWorld({ scenario: "key-material-missing", endAt });
      const s = w.story;
      s.until(endAt, 2 * DAY).disconnect(w.storeId);
      const pw = storyPassword(s, "audit");
      changePassword(s.world, w.cluster.ClusterId, KMSUSER, pw);
      login(s.world, w.cluster.ClusterId, KMSUSER, pw);
      const victim = w.keyArns[1]!;
      w.cluster.hsm.keys = w.cluster.hsm.keys.filter((k) => k.label !== victim);
      logout(s.world, w.cluster.ClusterId, KMSUSER);
      s.kms("UpdateCustomKeyStore", { CustomKeyStoreId: w.storeId, KeyStorePassword: pw });
      s.until(endAt, 1 * DAY).connect(w.storeId);
      return s.finish(endAt, Date.now());
    },
  },
  {
    name: "orphaned-key-material",
    description:
      "A key's waiting period ended while the store was disconnected: DeleteKey reports FAILURE and its material is orphaned",
    findings: ["ORPHANED_KEY_MATERIAL"],
    build(endAt) {
      const w = standardWorld({ scenario: "orphaned-key-material", endAt });
      const s = w.story;
      s.kms("ScheduleKeyDeletion", { KeyId: w.keyArns[2], PendingWindowInDays: 7 });
      s.advance(5 * DAY).disconnect(w.storeId);
      s.advance(3 * DAY - 6 * H);
      s.connect(w.storeId);
      return s.finish(endAt, Date.now());
    },
  },
  {
    name: "old-orphaned-key-material",
    description:
      "Key material orphaned 99 days ago: its DeleteKey (FAILURE) is past LookupEvents' 90 days, so only the trail's log files show it (kcs sim export-trail, doctor --cloudtrail-dir)",
    // What doctor finds from LookupEvents alone: nothing. With the exported log files it finds
    // ORPHANED_KEY_MATERIAL (test/app/trail-files.test.ts).
    findings: [],
    build(endAt) {
      // The standard history, lived 100 days earlier: the orphan's DeleteKey ends up 99 days old.
      const story = new Story({ scenario: "old-orphaned-key-material", endAt });
      const w = standardWorld({ scenario: "old-orphaned-key-material", endAt: endAt - 100 * DAY, story });
      const s = w.story;
      s.kms("ScheduleKeyDeletion", { KeyId: w.keyArns[2], PendingWindowInDays: 7 });
      s.advance(5 * DAY).disconnect(w.storeId);
      s.advance(3 * DAY - 6 * H);
      s.connect(w.storeId);
      return s.finish(endAt, Date.now());
    },
  },
  {
    name: "pending-deletion-keys",
    description:
      "The store is disconnected and two of its keys are scheduled for deletion (cancellable without reconnecting)",
    findings: ["STORE_DISCONNECTED", "PENDING_DELETION_KEYS"],
    build(endAt) {
      const w = standardWorld({ scenario: "pending-deletion-keys", endAt });
      const s = w.story;
      s.until(endAt, 3 * DAY);
      s.kms("ScheduleKeyDeletion", { KeyId: w.keyArns[3], PendingWindowInDays: 30 });
      s.kms("ScheduleKeyDeletion", { KeyId: w.keyArns[4], PendingWindowInDays: 30 });
      s.until(endAt, 1 * DAY).disconnect(w.storeId);
      return s.finish(endAt, Date.now());
    },
  },
  {
    name: "fleet",
    description:
      "Six stores (one external) with hundreds of keys and several failures at once; more in 3 Regions of 2 accounts (--all-regions, --role-arn)",
    findings: ["INVALID_CREDENTIALS", "CLUSTER_NOT_FOUND", "ORPHANED_KEY_MATERIAL", "INSUFFICIENT_HSMS"],
    build: (endAt) => addFleetPartitions(buildFleet(endAt), endAt),
  },
  ...XKS_SCENARIOS,
];

/** What the sim backend starts from when no world has been initialised: something to find. */
export const DEFAULT_SCENARIO = "fleet";

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
