// Conformance of the simulator's KMS custom key store operations, driven through the real SDK v3
// clients (in-process and over HTTP). Rules: the AWS KMS API Reference for the *CustomKeyStore* operations
// and the developer guide's troubleshooting page for custom key stores.
import {
  CreateClusterCommand,
  CreateHsmCommand,
  DeleteClusterCommand,
  DeleteHsmCommand,
  DescribeBackupsCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import {
  CloudHsmClusterInUseException,
  CloudHsmClusterInvalidConfigurationException,
  CloudHsmClusterNotActiveException,
  CloudHsmClusterNotFoundException,
  CloudHsmClusterNotRelatedException,
  CreateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
  CustomKeyStoreHasCMKsException,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNameInUseException,
  CustomKeyStoreNotFoundException,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  IncorrectTrustAnchorException,
  InvalidMarkerException,
  LimitExceededException,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DAY, DURATIONS, HOUR } from "../../../src/sim/clock.js";
import { KMSUSER, LOCKOUT_THRESHOLD } from "../../../src/sim/cloudhsm/hsm-data.js";
import {
  changePassword,
  deleteUser,
  HsmCliError,
  listUsers,
  login,
} from "../../../src/sim/cloudhsm/operator.js";
import { standardWorld } from "../../../src/sim/scenarios/standard.js";
import { Story } from "../../../src/sim/scenarios/story.js";
import type { Cluster, World } from "../../../src/sim/world.js";
import { cachedWorld, caught } from "../../helpers/conformance.js";
import { type Harness, T0 } from "../../helpers/sim.js";
import {
  allStores,
  connect,
  connectAndSettle,
  createXks,
  deleteAllHsms,
  describeCluster,
  disconnect,
  disconnectAndSettle,
  expectError,
  firstStore,
  harnessPerTest,
  keyState,
  OPERATOR_PW,
  scenario,
  storeEntry,
  TRANSPORTS,
} from "./kms-support.js";

/** kmsuser password of the clusters this file builds itself. */
const BUILT_PW = "Conformance2026";

// ---- worlds -------------------------------------------------------------------------------------

/** `stores` disconnected stores (store-00, store-01, ...) each on its own cluster, plus unused clusters. */
function manyStores(stores: number, spareClusters = 0): World {
  return cachedWorld(`many-${stores}-${spareClusters}`, () => {
    const story = new Story({ scenario: "conformance-many-stores", endAt: T0, span: 30 * DAY });
    const region = story.world.region;
    const azs = [`${region}a`, `${region}b`];
    const subnets = story.vpc(azs);
    for (let i = 0; i < stores + spareClusters; i++) {
      const cluster = story.activeCluster(subnets, azs, BUILT_PW);
      if (i < stores) story.createStore(cluster, `store-${String(i).padStart(2, "0")}`, BUILT_PW);
      story.advance(HOUR);
    }
    return story.finish(T0, Date.now());
  });
}

/** The healthy backbone (payments-cks, CONNECTED, with keys) plus one unused ACTIVE two-AZ cluster. */
function withSpareCluster(): World {
  return cachedWorld("spare-cluster", () => {
    const w = standardWorld({ scenario: "conformance-spare-cluster", endAt: T0 });
    const region = w.story.world.region;
    const azs = [`${region}a`, `${region}b`];
    w.story.activeCluster(w.story.vpc(azs), azs, BUILT_PW);
    return w.story.finish(T0, Date.now());
  });
}

/** An ACTIVE cluster no store uses (its trust anchor has no API, so tests read it from the world). */
function unusedCluster(h: Harness): Cluster {
  const w = h.world();
  const c = w.clusters.find(
    (x) => x.State === "ACTIVE" && !w.stores.some((s) => s.CloudHsmClusterId === x.ClusterId),
  );
  if (!c) throw new Error("this world has no unused cluster");
  return c;
}

function trustAnchorOf(h: Harness, clusterId: string): string {
  const c = h.world().clusters.find((x) => x.ClusterId === clusterId);
  if (!c) throw new Error(`no cluster ${clusterId}`);
  return c.trustAnchor;
}

function createInput(
  h: Harness,
  name: string,
  clusterId: string,
  password = BUILT_PW,
): CreateCustomKeyStoreCommandInput {
  return {
    CustomKeyStoreName: name,
    CloudHsmClusterId: clusterId,
    TrustAnchorCertificate: trustAnchorOf(h, clusterId),
    KeyStorePassword: password,
  };
}

// ---- clusters ------------------------------------------------------------------------------------

async function deleteCluster(h: Harness, clusterId: string): Promise<void> {
  await deleteAllHsms(h, clusterId);
  await h.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: clusterId }));
  h.clock.advance(DURATIONS.clusterDelete);
}

/**
 * CloudHSM CreateCluster from the newest READY backup of `sourceClusterId` (same subnets), then one HSM
 * per entry of `hsmAzs`. With `wait: false` the new cluster is left CREATE_IN_PROGRESS.
 */
async function restoreCluster(
  h: Harness,
  sourceClusterId: string,
  hsmAzs: string[],
  opts: { wait?: boolean } = {},
): Promise<string> {
  const source = await describeCluster(h, sourceClusterId);
  const backups = await h.clients.cloudhsm.send(
    new DescribeBackupsCommand({ Filters: { clusterIds: [sourceClusterId], states: ["READY"] } }),
  );
  const backupId = backups.Backups?.[0]?.BackupId;
  expect(backupId).toBeDefined();
  const created = await h.clients.cloudhsm.send(
    new CreateClusterCommand({
      HsmType: "hsm1.medium",
      SubnetIds: Object.values(source.SubnetMapping ?? {}),
      SourceBackupId: backupId,
    }),
  );
  const clusterId = created.Cluster!.ClusterId!;
  if (opts.wait === false) return clusterId;
  h.clock.advance(DURATIONS.clusterCreate);
  for (const az of hsmAzs) {
    await h.clients.cloudhsm.send(new CreateHsmCommand({ ClusterId: clusterId, AvailabilityZone: az }));
  }
  if (hsmAzs.length > 0) h.clock.advance(DURATIONS.hsmCreate);
  return clusterId;
}

async function azsOf(h: Harness, clusterId: string): Promise<string[]> {
  return Object.keys((await describeCluster(h, clusterId)).SubnetMapping ?? {}).sort();
}

function subnetOf(h: Harness, subnetId: string) {
  const s = h.world().subnets.find((x) => x.SubnetId === subnetId);
  if (!s) throw new Error(`no subnet ${subnetId}`);
  return s;
}

function worldCluster(h: Harness, clusterId: string): Cluster {
  const c = h.world().clusters.find((x) => x.ClusterId === clusterId);
  if (!c) throw new Error(`no cluster ${clusterId}`);
  return c;
}

function kmsuserOf(h: Harness, clusterId: string) {
  const u = worldCluster(h, clusterId).hsm.users.find((x) => x.username === KMSUSER);
  if (!u) throw new Error("no kmsuser");
  return u;
}

// ---- tests ---------------------------------------------------------------------------------------

describe.each(TRANSPORTS)("KMS custom key stores over %s", (transport) => {
  const open = harnessPerTest(transport);

  describe("DescribeCustomKeyStores", () => {
    it("without filters lists every store, untruncated", async () => {
      const h = await open(manyStores(3));
      const out = await h.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(out.CustomKeyStores?.map((s) => s.CustomKeyStoreName)).toEqual([
        "store-00",
        "store-01",
        "store-02",
      ]);
      expect(out.Truncated).toBe(false);
      expect(out.NextMarker).toBeUndefined();
    });

    it("by CustomKeyStoreId returns exactly that store", async () => {
      const h = await open(manyStores(3));
      const wanted = (await allStores(h))[1]!;
      const out = await h.clients.kms.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: wanted.CustomKeyStoreId }),
      );
      expect(out.CustomKeyStores).toHaveLength(1);
      expect(out.CustomKeyStores![0]!.CustomKeyStoreId).toBe(wanted.CustomKeyStoreId);
      expect(out.CustomKeyStores![0]!.CustomKeyStoreName).toBe("store-01");
    });

    it("by CustomKeyStoreName returns exactly that store", async () => {
      const h = await open(manyStores(3));
      const out = await h.clients.kms.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "store-02" }),
      );
      expect(out.CustomKeyStores?.map((s) => s.CustomKeyStoreName)).toEqual(["store-02"]);
    });

    it("an unknown CustomKeyStoreId is CustomKeyStoreNotFoundException, not an empty list", async () => {
      const h = await open(manyStores(3));
      await expectError(
        h.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: "cks-0123456789abcdef0" })),
        CustomKeyStoreNotFoundException,
      );
    });

    it("an unknown CustomKeyStoreName is CustomKeyStoreNotFoundException, not an empty list", async () => {
      const h = await open(manyStores(3));
      await expectError(
        h.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "no-such-store" })),
        CustomKeyStoreNotFoundException,
      );
    });

    it("both CustomKeyStoreId and CustomKeyStoreName is a ValidationException", async () => {
      const h = await open(manyStores(2));
      const [s] = await allStores(h);
      await expectError(
        h.clients.kms.send(
          new DescribeCustomKeyStoresCommand({
            CustomKeyStoreId: s!.CustomKeyStoreId,
            CustomKeyStoreName: s!.CustomKeyStoreName,
          }),
        ),
        "ValidationException",
      );
    });

    it("Limit and Marker page through every store (Truncated and NextMarker until the last page)", async () => {
      const h = await open(manyStores(7));
      const pages: { names: string[]; truncated?: boolean; marker?: string }[] = [];
      let marker: string | undefined;
      do {
        const out = await h.clients.kms.send(
          new DescribeCustomKeyStoresCommand({ Limit: 3, Marker: marker }),
        );
        marker = out.NextMarker;
        pages.push({
          names: (out.CustomKeyStores ?? []).map((s) => s.CustomKeyStoreName!),
          truncated: out.Truncated,
          marker,
        });
      } while (marker && pages.length < 10);
      expect(pages.map((p) => p.names.length)).toEqual([3, 3, 1]);
      expect(pages.map((p) => p.truncated)).toEqual([true, true, false]);
      expect(pages[0]!.marker).toBeTruthy();
      expect(pages[2]!.marker).toBeUndefined();
      expect(pages.flatMap((p) => p.names)).toEqual((await allStores(h)).map((s) => s.CustomKeyStoreName));
    });

    it("an invalid Marker is InvalidMarkerException", async () => {
      const h = await open(manyStores(3));
      await expectError(
        h.clients.kms.send(new DescribeCustomKeyStoresCommand({ Marker: "not-a-marker-kms-gave-out" })),
        InvalidMarkerException,
      );
    });

    it.each([0, 1001])("Limit %i is a ValidationException", async (limit) => {
      const h = await open(manyStores(2));
      await expectError(
        h.clients.kms.send(new DescribeCustomKeyStoresCommand({ Limit: limit })),
        "ValidationException",
      );
    });

    it("ConnectionErrorCode is present on FAILED stores only", async () => {
      const h = await open(scenario("fleet"));
      const stores = await allStores(h);
      const failed = stores.filter((s) => s.ConnectionState === "FAILED");
      const others = stores.filter((s) => s.ConnectionState !== "FAILED");
      expect(failed.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      for (const s of failed) expect(s.ConnectionErrorCode, s.CustomKeyStoreName).toBeTruthy();
      for (const s of others) expect(s.ConnectionErrorCode, s.CustomKeyStoreName).toBeUndefined();
    });

    it("CreationDate is a Date no later than now", async () => {
      const h = await open(scenario("healthy"));
      const [s] = await allStores(h);
      expect(s!.CreationDate).toBeInstanceOf(Date);
      expect(Number.isNaN(s!.CreationDate!.getTime())).toBe(false);
      expect(s!.CreationDate!.getTime()).toBeLessThanOrEqual(h.clock.now());
      expect(s!.CreationDate!.getTime()).toBeGreaterThan(h.clock.now() - 365 * DAY);
    });

    it("a CloudHSM store shows its cluster, trust anchor and type", async () => {
      const h = await open(scenario("healthy"));
      const [s] = await allStores(h);
      expect(s!.CustomKeyStoreType).toBe("AWS_CLOUDHSM");
      expect(s!.CloudHsmClusterId).toMatch(/^cluster-[2-7a-zA-Z]{11,16}$/);
      expect(s!.TrustAnchorCertificate).toContain("BEGIN CERTIFICATE");
      expect(s!.CustomKeyStoreId).toMatch(/^cks-[0-9a-f]{17}$/);
    });
  });

  describe("ConnectCustomKeyStore", () => {
    it("DISCONNECTED goes CONNECTING, then CONNECTED once DURATIONS.connect has passed", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
      const out = await connect(h, id);
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTING");
      h.clock.advance(DURATIONS.connect - 1);
      expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTING");
      h.clock.advance(1);
      const after = await storeEntry(h, id);
      expect(after.ConnectionState).toBe("CONNECTED");
      expect(after.ConnectionErrorCode).toBeUndefined();
    });

    it("keys go from Unavailable back to their prior state (Enabled or Disabled) on connect", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      expect(await keyState(h, "alias/payments-ledger")).toBe("Unavailable");
      expect(await keyState(h, "alias/partner-exchange")).toBe("Unavailable");
      await connect(h, id);
      expect(await keyState(h, "alias/payments-ledger")).toBe("Unavailable");
      h.clock.advance(DURATIONS.connect);
      expect(await keyState(h, "alias/payments-ledger")).toBe("Enabled");
      expect(await keyState(h, "alias/partner-exchange")).toBe("Disabled");
    });

    it("PendingDeletion keys stay PendingDeletion through a connect", async () => {
      const h = await open(scenario("pending-deletion-keys"));
      const { id } = await firstStore(h);
      expect(await keyState(h, "alias/session-tokens")).toBe("PendingDeletion");
      expect(await keyState(h, "alias/payments-ledger")).toBe("Unavailable");
      expect((await connectAndSettle(h, id, { connecting: true })).ConnectionState).toBe("CONNECTED");
      expect(await keyState(h, "alias/session-tokens")).toBe("PendingDeletion");
      expect(await keyState(h, "alias/audit-log")).toBe("PendingDeletion");
      expect(await keyState(h, "alias/payments-ledger")).toBe("Enabled");
    });

    it("connect on a CONNECTED store is a no-op", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      const out = await connect(h, id);
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTED");
      expect(await keyState(h, "alias/payments-ledger")).toBe("Enabled");
      h.clock.advance(DURATIONS.connect);
      expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTED");
    });

    it("connect on a CONNECTING store is a no-op that does not restart the connect", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      await connect(h, id);
      h.clock.advance(DURATIONS.connect / 2);
      await connect(h, id);
      expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTING");
      h.clock.advance(DURATIONS.connect / 2);
      expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTED");
    });

    it("connect on a FAILED store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("invalid-credentials"));
      const { id } = await firstStore(h);
      expect((await storeEntry(h, id)).ConnectionState).toBe("FAILED");
      await expectError(connect(h, id), CustomKeyStoreInvalidStateException);
      const after = await storeEntry(h, id);
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("INVALID_CREDENTIALS");
    });

    it("connect on a DISCONNECTING store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      await disconnect(h, id);
      await expectError(connect(h, id), CustomKeyStoreInvalidStateException);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTING");
    });

    it("connect on an unknown store is CustomKeyStoreNotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(connect(h, "cks-0123456789abcdef0"), CustomKeyStoreNotFoundException);
    });

    it("a deleted cluster makes the connect FAIL with CLUSTER_NOT_FOUND", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      await deleteCluster(h, clusterId);
      expect((await describeCluster(h, clusterId)).State).toBe("DELETED");
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("CLUSTER_NOT_FOUND");
    });

    it("a deleted cluster subnet makes the connect FAIL with SUBNET_NOT_FOUND", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      const [subnetId] = Object.values((await describeCluster(h, clusterId)).SubnetMapping ?? {});
      subnetOf(h, subnetId!).deleted = true; // no EC2 API in the simulator
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("SUBNET_NOT_FOUND");
    });

    it("a cluster subnet with no free address makes the connect FAIL with INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      const subnetIds = Object.values((await describeCluster(h, clusterId)).SubnetMapping ?? {});
      subnetOf(h, subnetIds[1]!).freeAddresses = 0;
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET");
    });

    it("a cluster without an ACTIVE HSM fails the connect itself; the store stays DISCONNECTED", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      await deleteAllHsms(h, clusterId);
      expect((await describeCluster(h, clusterId)).Hsms ?? []).toHaveLength(0);
      const err = await caught(() => connect(h, id));
      expect(err).toBeInstanceOf(CloudHsmClusterInvalidConfigurationException);
      expect((err as Error).message).toMatch(/has no active HSMs/);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
    });

    it("HSMs that vanish while a connect runs make it FAIL with INSUFFICIENT_CLOUDHSM_HSMS", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      await connect(h, id);
      expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTING");
      await deleteAllHsms(h, clusterId);
      h.clock.advance(DURATIONS.connect);
      const after = await storeEntry(h, id);
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("INSUFFICIENT_CLOUDHSM_HSMS");
    });

    it("a cluster without a kmsuser makes the connect FAIL with USER_NOT_FOUND", async () => {
      const h = await open(withSpareCluster());
      const cluster = unusedCluster(h);
      const { CustomKeyStoreId } = await h.clients.kms.send(
        new CreateCustomKeyStoreCommand(createInput(h, "no-kmsuser-cks", cluster.ClusterId)),
      );
      deleteUser(h.world(), cluster.ClusterId, KMSUSER);
      const after = await connectAndSettle(h, CustomKeyStoreId!, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("USER_NOT_FOUND");
    });

    it("kmsuser logged in by an operator makes the connect FAIL with USER_LOGGED_IN", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      changePassword(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      login(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: OPERATOR_PW }),
      );
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("USER_LOGGED_IN");
    });

    it("a locked kmsuser makes the connect FAIL with USER_LOCKED_OUT", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
        expect(() => login(h.world(), clusterId, KMSUSER, "NotThePassword1")).toThrow(HsmCliError);
      }
      expect(listUsers(h.world(), clusterId).find((u) => u.username === KMSUSER)?.locked).toBe("true");
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("USER_LOCKED_OUT");
    });

    it("a kmsuser password changed on the HSM makes the connect FAIL with INVALID_CREDENTIALS", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      changePassword(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("INVALID_CREDENTIALS");
      expect(await keyState(h, "alias/payments-ledger")).toBe("Unavailable");
    });

    it("each failed password check counts toward lockout; the 5th locks kmsuser and the next connect is USER_LOCKED_OUT", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      changePassword(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      for (let attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt++) {
        const after = await connectAndSettle(h, id, { connecting: true });
        expect(after.ConnectionState).toBe("FAILED");
        if (attempt < LOCKOUT_THRESHOLD) {
          expect(after.ConnectionErrorCode).toBe("INVALID_CREDENTIALS");
          expect(kmsuserOf(h, clusterId).failedLogins).toBe(attempt);
          expect(kmsuserOf(h, clusterId).locked).toBe(false);
        } else {
          expect(["INVALID_CREDENTIALS", "USER_LOCKED_OUT"]).toContain(after.ConnectionErrorCode);
        }
        await disconnectAndSettle(h, id);
      }
      expect(listUsers(h.world(), clusterId).find((u) => u.username === KMSUSER)?.locked).toBe("true");
      const locked = await connectAndSettle(h, id, { connecting: true });
      expect(locked.ConnectionState).toBe("FAILED");
      expect(locked.ConnectionErrorCode).toBe("USER_LOCKED_OUT");
    });

    it("a successful connect rotates the kmsuser password: an operator login with the old one then fails", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      changePassword(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: OPERATOR_PW }),
      );
      expect((await connectAndSettle(h, id, { connecting: true })).ConnectionState).toBe("CONNECTED");
      expect((await disconnectAndSettle(h, id)).ConnectionState).toBe("DISCONNECTED");
      expect(() => login(h.world(), clusterId, KMSUSER, OPERATOR_PW)).toThrow(/incorrect password/);
    });

    it("the NETWORK_ERRORS connect fault makes the connect FAIL with NETWORK_ERRORS", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      h.world().faults.connectFailure = "NETWORK_ERRORS";
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("NETWORK_ERRORS");
    });

    it("a cluster KMS cannot reach makes the connect FAIL with NETWORK_ERRORS", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      worldCluster(h, clusterId).networkBlocked = true;
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("NETWORK_ERRORS");
    });

    it("a security group rule removed while CONNECTING makes the connect FAIL with NETWORK_ERRORS", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      await connect(h, id);
      const group = h
        .world()
        .securityGroups!.find((g) => g.GroupId === worldCluster(h, clusterId).SecurityGroup)!;
      group.IpPermissionsEgress = [];
      h.clock.advance(DURATIONS.connect);
      const after = await storeEntry(h, id);
      expect(after.ConnectionState).toBe("FAILED");
      expect(after.ConnectionErrorCode).toBe("NETWORK_ERRORS");
    });

    it("a cluster that is not ACTIVE fails the call with CloudHsmClusterNotActiveException and leaves the store DISCONNECTED", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      worldCluster(h, clusterId).State = "INITIALIZED";
      await expectError(connect(h, id), CloudHsmClusterNotActiveException);
      const after = await storeEntry(h, id);
      expect(after.ConnectionState).toBe("DISCONNECTED");
      expect(after.ConnectionErrorCode).toBeUndefined();
      h.clock.advance(DURATIONS.connect);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
    });

    it("an invalid cluster security group fails the call with CloudHsmClusterInvalidConfigurationException and leaves the store DISCONNECTED", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      const group = h
        .world()
        .securityGroups!.find((g) => g.GroupId === worldCluster(h, clusterId).SecurityGroup)!;
      group.IpPermissions = [];
      await expectError(connect(h, id), CloudHsmClusterInvalidConfigurationException);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
      h.clock.advance(DURATIONS.connect);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
    });
  });

  describe("DisconnectCustomKeyStore", () => {
    it("CONNECTED goes DISCONNECTING, then DISCONNECTED once DURATIONS.disconnect has passed", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      const out = await disconnect(h, id);
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTING");
      h.clock.advance(DURATIONS.disconnect - 1);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTING");
      h.clock.advance(1);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
    });

    it("CONNECTING goes DISCONNECTING, then DISCONNECTED, and the connect never completes", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      await connect(h, id);
      await disconnect(h, id);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTING");
      h.clock.advance(DURATIONS.disconnect);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
      h.clock.advance(DURATIONS.connect);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
    });

    it("FAILED goes DISCONNECTING, then DISCONNECTED, and ConnectionErrorCode is cleared", async () => {
      const h = await open(scenario("invalid-credentials"));
      const { id } = await firstStore(h);
      expect((await storeEntry(h, id)).ConnectionErrorCode).toBe("INVALID_CREDENTIALS");
      await disconnect(h, id);
      const disconnecting = await storeEntry(h, id);
      expect(disconnecting.ConnectionState).toBe("DISCONNECTING");
      expect(disconnecting.ConnectionErrorCode).toBeUndefined();
      h.clock.advance(DURATIONS.disconnect);
      const after = await storeEntry(h, id);
      expect(after.ConnectionState).toBe("DISCONNECTED");
      expect(after.ConnectionErrorCode).toBeUndefined();
    });

    it("disconnect on a DISCONNECTED store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      await expectError(disconnect(h, id), CustomKeyStoreInvalidStateException);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
    });

    it("disconnect on a DISCONNECTING store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      await disconnect(h, id);
      h.clock.advance(DURATIONS.disconnect / 2);
      await expectError(disconnect(h, id), CustomKeyStoreInvalidStateException);
      h.clock.advance(DURATIONS.disconnect / 2);
      expect((await storeEntry(h, id)).ConnectionState).toBe("DISCONNECTED");
    });

    it("disconnect on an unknown store is CustomKeyStoreNotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(disconnect(h, "cks-0123456789abcdef0"), CustomKeyStoreNotFoundException);
    });

    it("keys read Unavailable as soon as the disconnect starts", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      expect(await keyState(h, "alias/payments-ledger")).toBe("Enabled");
      await disconnect(h, id);
      const out = await h.clients.kms.send(new DescribeKeyCommand({ KeyId: "alias/payments-ledger" }));
      expect(out.KeyMetadata?.KeyState).toBe("Unavailable");
      expect(out.KeyMetadata?.Enabled).toBe(false);
      expect(await keyState(h, "alias/partner-exchange")).toBe("Unavailable");
    });
  });

  describe("UpdateCustomKeyStore", () => {
    it("a new KeyStorePassword on a CONNECTED store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: OPERATOR_PW }),
        ),
        CustomKeyStoreInvalidStateException,
      );
    });

    it("a new KeyStorePassword on a FAILED store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("invalid-credentials"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: OPERATOR_PW }),
        ),
        CustomKeyStoreInvalidStateException,
      );
    });

    it("a new CloudHsmClusterId on a CONNECTED store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: clusterId }),
        ),
        CustomKeyStoreInvalidStateException,
      );
    });

    it("a rename is allowed while CONNECTED", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: "payments-cks-v2" }),
      );
      const out = await h.clients.kms.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "payments-cks-v2" }),
      );
      expect(out.CustomKeyStores?.[0]?.CustomKeyStoreId).toBe(id);
      expect(out.CustomKeyStores?.[0]?.ConnectionState).toBe("CONNECTED");
      await expectError(
        h.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "payments-cks" })),
        CustomKeyStoreNotFoundException,
      );
    });

    it("a rename is refused with CustomKeyStoreInvalidStateException while FAILED", async () => {
      const h = await open(scenario("invalid-credentials"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: "renamed" }),
        ),
        CustomKeyStoreInvalidStateException,
      );
    });

    it("a rename to a name another store has is CustomKeyStoreNameInUseException", async () => {
      const h = await open(manyStores(2));
      const [, second] = await allStores(h);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({
            CustomKeyStoreId: second!.CustomKeyStoreId,
            NewCustomKeyStoreName: "store-00",
          }),
        ),
        CustomKeyStoreNameInUseException,
      );
      expect((await storeEntry(h, second!.CustomKeyStoreId!)).CustomKeyStoreName).toBe("store-01");
    });

    it("an unknown store is CustomKeyStoreNotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({
            CustomKeyStoreId: "cks-0123456789abcdef0",
            NewCustomKeyStoreName: "x",
          }),
        ),
        CustomKeyStoreNotFoundException,
      );
    });

    it("an unknown CloudHsmClusterId is CloudHsmClusterNotFoundException", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: "cluster-abcdefghijk" }),
        ),
        CloudHsmClusterNotFoundException,
      );
    });

    it("a cluster with a different certificate is CloudHsmClusterNotRelatedException", async () => {
      const h = await open(withSpareCluster());
      const { id, clusterId } = await firstStore(h);
      await disconnectAndSettle(h, id);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({
            CustomKeyStoreId: id,
            CloudHsmClusterId: unusedCluster(h).ClusterId,
          }),
        ),
        CloudHsmClusterNotRelatedException,
      );
      expect((await storeEntry(h, id)).CloudHsmClusterId).toBe(clusterId);
    });

    it("a related cluster that is not ACTIVE yet is CloudHsmClusterNotActiveException", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      const restored = await restoreCluster(h, clusterId, [], { wait: false });
      expect((await describeCluster(h, restored)).State).toBe("CREATE_IN_PROGRESS");
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: restored }),
        ),
        CloudHsmClusterNotActiveException,
      );
    });

    it("a related ACTIVE cluster with one active HSM is CloudHsmClusterInvalidConfigurationException", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      const [azA] = await azsOf(h, clusterId);
      const restored = await restoreCluster(h, clusterId, [azA!]);
      expect((await describeCluster(h, restored)).State).toBe("ACTIVE");
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: restored }),
        ),
        CloudHsmClusterInvalidConfigurationException,
      );
      expect((await storeEntry(h, id)).CloudHsmClusterId).toBe(clusterId);
    });

    it("a related ACTIVE cluster with two active HSMs in one AZ is CloudHsmClusterInvalidConfigurationException", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      const [azA] = await azsOf(h, clusterId);
      const restored = await restoreCluster(h, clusterId, [azA!, azA!]);
      const hsms = (await describeCluster(h, restored)).Hsms ?? [];
      expect(hsms.filter((x) => x.State === "ACTIVE")).toHaveLength(2);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: restored }),
        ),
        CloudHsmClusterInvalidConfigurationException,
      );
    });

    it("a cluster created from a backup of the original, with HSMs in two AZs, is accepted", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      const restored = await restoreCluster(h, clusterId, await azsOf(h, clusterId));
      expect(restored).not.toBe(clusterId);
      const out = await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: restored }),
      );
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect((await storeEntry(h, id)).CloudHsmClusterId).toBe(restored);
      const key = await h.clients.kms.send(new DescribeKeyCommand({ KeyId: "alias/payments-ledger" }));
      expect(key.KeyMetadata?.CloudHsmClusterId).toBe(restored);
      expect((await connectAndSettle(h, id, { connecting: true })).ConnectionState).toBe("CONNECTED");
      expect(await keyState(h, "alias/payments-ledger")).toBe("Enabled");
    });

    it.each([6, 33])("a KeyStorePassword of %i characters is a ValidationException", async (length) => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: "a".repeat(length) }),
        ),
        "ValidationException",
      );
    });

    it("after an operator sets a kmsuser password, updating the store to it lets the connect succeed", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id, clusterId } = await firstStore(h);
      changePassword(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: OPERATOR_PW }),
      );
      const after = await connectAndSettle(h, id, { connecting: true });
      expect(after.ConnectionState).toBe("CONNECTED");
      expect(after.ConnectionErrorCode).toBeUndefined();
    });

    it("updating the password fixes INVALID_CREDENTIALS: disconnect, operator sets it, update, connect", async () => {
      const h = await open(scenario("invalid-credentials"));
      const { id, clusterId } = await firstStore(h);
      await disconnectAndSettle(h, id);
      changePassword(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: OPERATOR_PW }),
      );
      expect((await connectAndSettle(h, id, { connecting: true })).ConnectionState).toBe("CONNECTED");
    });
  });

  describe("CreateCustomKeyStore", () => {
    it("a new store is DISCONNECTED, on the given cluster, created now", async () => {
      const h = await open(withSpareCluster());
      const cluster = unusedCluster(h);
      const input = createInput(h, "analytics-cks", cluster.ClusterId);
      const out = await h.clients.kms.send(new CreateCustomKeyStoreCommand(input));
      expect(out.CustomKeyStoreId).toMatch(/^cks-[0-9a-f]{17}$/);
      const s = await storeEntry(h, out.CustomKeyStoreId!);
      expect(s.ConnectionState).toBe("DISCONNECTED");
      expect(s.ConnectionErrorCode).toBeUndefined();
      expect(s.CustomKeyStoreName).toBe("analytics-cks");
      expect(s.CustomKeyStoreType).toBe("AWS_CLOUDHSM");
      expect(s.CloudHsmClusterId).toBe(cluster.ClusterId);
      expect(s.TrustAnchorCertificate).toBe(input.TrustAnchorCertificate);
      expect(s.CreationDate).toBeInstanceOf(Date);
      expect(s.CreationDate!.getTime()).toBe(h.clock.now());
    });

    it("a name already in use is CustomKeyStoreNameInUseException", async () => {
      const h = await open(withSpareCluster());
      await expectError(
        h.clients.kms.send(
          new CreateCustomKeyStoreCommand(createInput(h, "payments-cks", unusedCluster(h).ClusterId)),
        ),
        CustomKeyStoreNameInUseException,
      );
      expect(await allStores(h)).toHaveLength(1);
    });

    it("the 10th store is allowed and the 11th is LimitExceededException", async () => {
      const h = await open(manyStores(9, 2));
      const [tenth, eleventh] = h
        .world()
        .clusters.filter((c) => !h.world().stores.some((s) => s.CloudHsmClusterId === c.ClusterId));
      await h.clients.kms.send(new CreateCustomKeyStoreCommand(createInput(h, "store-09", tenth!.ClusterId)));
      expect(await allStores(h)).toHaveLength(10);
      await expectError(
        h.clients.kms.send(new CreateCustomKeyStoreCommand(createInput(h, "store-10", eleventh!.ClusterId))),
        LimitExceededException,
      );
      expect(await allStores(h)).toHaveLength(10);
    });

    it("an unknown cluster is CloudHsmClusterNotFoundException", async () => {
      const h = await open(withSpareCluster());
      await expectError(
        h.clients.kms.send(
          new CreateCustomKeyStoreCommand({
            CustomKeyStoreName: "ghost-cks",
            CloudHsmClusterId: "cluster-abcdefghijk",
            TrustAnchorCertificate: unusedCluster(h).trustAnchor,
            KeyStorePassword: BUILT_PW,
          }),
        ),
        CloudHsmClusterNotFoundException,
      );
    });

    it("a cluster that already backs a store is CloudHsmClusterInUseException", async () => {
      const h = await open(withSpareCluster());
      const { clusterId } = await firstStore(h);
      await expectError(
        h.clients.kms.send(new CreateCustomKeyStoreCommand(createInput(h, "second-cks", clusterId))),
        CloudHsmClusterInUseException,
      );
    });

    it("a cluster related to one that backs a store is CloudHsmClusterInUseException", async () => {
      const h = await open(scenario("healthy"));
      const { clusterId } = await firstStore(h);
      const restored = await restoreCluster(h, clusterId, await azsOf(h, clusterId));
      expect((await describeCluster(h, restored)).State).toBe("ACTIVE");
      await expectError(
        h.clients.kms.send(new CreateCustomKeyStoreCommand(createInput(h, "clone-cks", restored))),
        CloudHsmClusterInUseException,
      );
    });

    it("a trust anchor that is not the cluster's is IncorrectTrustAnchorException", async () => {
      const h = await open(withSpareCluster());
      const { clusterId } = await firstStore(h);
      await expectError(
        h.clients.kms.send(
          new CreateCustomKeyStoreCommand({
            ...createInput(h, "analytics-cks", unusedCluster(h).ClusterId),
            TrustAnchorCertificate: trustAnchorOf(h, clusterId),
          }),
        ),
        IncorrectTrustAnchorException,
      );
    });

    it("a cluster with fewer than two active HSMs is CloudHsmClusterInvalidConfigurationException", async () => {
      const h = await open(withSpareCluster());
      const cluster = unusedCluster(h);
      const [hsm] = (await describeCluster(h, cluster.ClusterId)).Hsms ?? [];
      await h.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: cluster.ClusterId, HsmId: hsm!.HsmId }),
      );
      h.clock.advance(DURATIONS.hsmDelete);
      await expectError(
        h.clients.kms.send(
          new CreateCustomKeyStoreCommand(createInput(h, "analytics-cks", cluster.ClusterId)),
        ),
        CloudHsmClusterInvalidConfigurationException,
      );
    });

    it("re-creating an identical DISCONNECTED store returns the same id and adds nothing", async () => {
      const h = await open(withSpareCluster());
      const input = createInput(h, "analytics-cks", unusedCluster(h).ClusterId);
      const first = await h.clients.kms.send(new CreateCustomKeyStoreCommand(input));
      const again = await h.clients.kms.send(new CreateCustomKeyStoreCommand(input));
      expect(again.CustomKeyStoreId).toBe(first.CustomKeyStoreId);
      expect(await allStores(h)).toHaveLength(2);
    });

    it("re-creating with a different password is not idempotent: CustomKeyStoreNameInUseException", async () => {
      const h = await open(withSpareCluster());
      const input = createInput(h, "analytics-cks", unusedCluster(h).ClusterId);
      await h.clients.kms.send(new CreateCustomKeyStoreCommand(input));
      await expectError(
        h.clients.kms.send(new CreateCustomKeyStoreCommand({ ...input, KeyStorePassword: OPERATOR_PW })),
        CustomKeyStoreNameInUseException,
      );
    });

    it("an EXTERNAL_KEY_STORE is created DISCONNECTED and described with XksProxyConfiguration, without a cluster", async () => {
      const h = await open(scenario("healthy"));
      const s = await storeEntry(h, await createXks(h));
      expect(s.CustomKeyStoreType).toBe("EXTERNAL_KEY_STORE");
      expect(s.ConnectionState).toBe("DISCONNECTED");
      expect(s.CloudHsmClusterId).toBeUndefined();
      expect(s.TrustAnchorCertificate).toBeUndefined();
      expect(s.XksProxyConfiguration).toEqual({
        Connectivity: "PUBLIC_ENDPOINT",
        AccessKeyId: "XKSACCESSKEYIDAAAAAB",
        UriEndpoint: "https://xks.partner.example.com",
        UriPath: "/kms/xks/v1",
      });
      const [cloudHsm] = await allStores(h);
      expect(cloudHsm!.XksProxyConfiguration).toBeUndefined();
    });
  });

  describe("DeleteCustomKeyStore", () => {
    it("a CONNECTED store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })),
        CustomKeyStoreInvalidStateException,
      );
    });

    it("a FAILED store is refused with CustomKeyStoreInvalidStateException", async () => {
      const h = await open(scenario("invalid-credentials"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })),
        CustomKeyStoreInvalidStateException,
      );
    });

    it("a DISCONNECTED store that has KMS keys is CustomKeyStoreHasCMKsException", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })),
        CustomKeyStoreHasCMKsException,
      );
      expect((await storeEntry(h, id)).CustomKeyStoreId).toBe(id);
    });

    it("keys pending deletion count until their waiting period ends; then the delete succeeds", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      const keys = (await h.clients.kms.send(new ListKeysCommand({}))).Keys ?? [];
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) {
        await h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
      }
      await disconnectAndSettle(h, id);
      await expectError(
        h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })),
        CustomKeyStoreHasCMKsException,
      );
      h.clock.advance(7 * DAY);
      expect((await h.clients.kms.send(new ListKeysCommand({}))).Keys ?? []).toHaveLength(0);
      await h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      await expectError(
        h.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id })),
        CustomKeyStoreNotFoundException,
      );
    });

    it("an empty DISCONNECTED store is deleted", async () => {
      const h = await open(withSpareCluster());
      const { CustomKeyStoreId } = await h.clients.kms.send(
        new CreateCustomKeyStoreCommand(createInput(h, "short-lived-cks", unusedCluster(h).ClusterId)),
      );
      expect(await allStores(h)).toHaveLength(2);
      const out = await h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect((await allStores(h)).map((s) => s.CustomKeyStoreName)).toEqual(["payments-cks"]);
      await expectError(
        h.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId })),
        CustomKeyStoreNotFoundException,
      );
    });

    it("an unknown store is CustomKeyStoreNotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: "cks-0123456789abcdef0" })),
        CustomKeyStoreNotFoundException,
      );
    });
  });
});
