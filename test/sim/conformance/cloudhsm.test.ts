// CloudHSM v2 conformance: the simulator as seen through the real (old, 3.332.0) SDK client.
import {
  CloudHSMV2ServiceException,
  CloudHsmInvalidRequestException,
  CloudHsmResourceNotFoundException,
  type Cluster as ClusterView,
  CreateClusterCommand,
  CreateHsmCommand,
  DeleteClusterCommand,
  DeleteHsmCommand,
  DescribeBackupsCommand,
  type DescribeBackupsCommandInput,
  DescribeClustersCommand,
  type DescribeClustersCommandInput,
} from "@aws-sdk/client-cloudhsm-v2";
import { afterEach, describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import type { Backup, Cluster, Subnet } from "../../../src/sim/world.js";
import { caught, freshWorld, json, rawCall, TARGET } from "../../helpers/conformance.js";
import { type Harness, harness } from "../../helpers/sim.js";

const CLUSTER_ID = /^cluster-[2-7a-zA-Z]{11,16}$/;
const HSM_ID = /^hsm-[2-7a-zA-Z]{11,16}$/;

type ErrorClass = abstract new (...args: never[]) => Error;

/** Awaits a rejected call and checks the exception name, its class and HTTP 400. */
async function rejects(p: Promise<unknown>, name: string, cls: ErrorClass = CloudHSMV2ServiceException) {
  const err = await caught(() => p);
  expect(err).toBeInstanceOf(cls);
  expect(err).toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
  expect((err as Error).message.length).toBeGreaterThan(0);
  return err as Error;
}

describe.each(["in-process", "http"] as const)("CloudHSM v2 over %s", (transport) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function open(scenario = "healthy"): Promise<Harness> {
    h = await harness(freshWorld(scenario), transport);
    return h;
  }

  const send = {
    clusters: (hh: Harness, input: DescribeClustersCommandInput = {}) =>
      hh.clients.cloudhsm.send(new DescribeClustersCommand(input)),
    backups: (hh: Harness, input: DescribeBackupsCommandInput = {}) =>
      hh.clients.cloudhsm.send(new DescribeBackupsCommand(input)),
  };

  /** Every page of DescribeBackups: a cluster backed up daily has more than one. */
  async function allBackups(hh: Harness, input: DescribeBackupsCommandInput = {}) {
    const out = [];
    let token: string | undefined;
    do {
      const page = await send.backups(hh, { ...input, ...(token ? { NextToken: token } : {}) });
      out.push(...(page.Backups ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  async function clusterById(hh: Harness, id: string): Promise<ClusterView | undefined> {
    const out = await send.clusters(hh, { Filters: { clusterIds: [id] } });
    return out.Clusters?.[0];
  }

  const mainCluster = (hh: Harness): Cluster => hh.world().clusters[0]!;

  /** The subnets of a cluster's VPC that the cluster does not use (the healthy world has one per AZ). */
  const spareSubnets = (hh: Harness, c: Cluster): Subnet[] =>
    hh
      .world()
      .subnets.filter((s) => s.VpcId === c.VpcId && !Object.values(c.SubnetMapping).includes(s.SubnetId));

  const newestReadyBackup = (hh: Harness, clusterId: string): Backup =>
    hh
      .world()
      .backups.filter((b) => b.ClusterId === clusterId && b.BackupState === "READY")
      .sort((a, b) => b.CreateTimestamp - a.CreateTimestamp)[0]!;

  async function restore(hh: Harness) {
    const src = mainCluster(hh);
    const backup = newestReadyBackup(hh, src.ClusterId);
    const out = await hh.clients.cloudhsm.send(
      new CreateClusterCommand({
        HsmType: "hsm1.medium",
        SubnetIds: spareSubnets(hh, src).map((s) => s.SubnetId),
        SourceBackupId: backup.BackupId,
      }),
    );
    return { src, backup, cluster: out.Cluster! };
  }

  async function backupIdsOf(hh: Harness, clusterId: string): Promise<string[]> {
    const out = await allBackups(hh, { Filters: { clusterIds: [clusterId] } });
    return out.map((b) => b.BackupId!);
  }

  describe("DescribeClusters", () => {
    it("returns each visible cluster with its HSMs, subnets and epoch-second timestamps", async () => {
      const hh = await open("healthy");
      const out = await send.clusters(hh);
      const c = mainCluster(hh);
      expect(out.Clusters).toHaveLength(1);
      const view = out.Clusters![0]!;
      expect(view).toMatchObject({
        ClusterId: c.ClusterId,
        State: "ACTIVE",
        HsmType: "hsm1.medium",
        VpcId: c.VpcId,
        SecurityGroup: c.SecurityGroup,
        SubnetMapping: c.SubnetMapping,
        BackupPolicy: "DEFAULT",
        BackupRetentionPolicy: { Type: "DAYS", Value: "90" },
        Certificates: { ClusterCertificate: c.ClusterCertificate },
      });
      expect(view.ClusterId).toMatch(CLUSTER_ID);
      expect(view.CreateTimestamp?.getTime()).toBe(c.CreateTimestamp);
      expect(view.Hsms?.map((x) => x.HsmId)).toEqual(c.Hsms.map((x) => x.HsmId));
      for (const hsm of view.Hsms ?? []) {
        expect(hsm.HsmId).toMatch(HSM_ID);
        expect(hsm).toMatchObject({ ClusterId: c.ClusterId, State: "ACTIVE" });
        expect(hsm.SubnetId).toBe(c.SubnetMapping[hsm.AvailabilityZone!]);
      }
    });

    it("filters by clusterIds", async () => {
      const hh = await open("fleet");
      const ids = hh.world().clusters.map((c) => c.ClusterId);
      expect(ids.length).toBeGreaterThan(2);
      const out = await send.clusters(hh, { Filters: { clusterIds: [ids[1]!, ids[2]!] } });
      expect(out.Clusters?.map((c) => c.ClusterId).sort()).toEqual([ids[1]!, ids[2]!].sort());
      const none = await send.clusters(hh, { Filters: { clusterIds: ["cluster-doesnotexist"] } });
      expect(none.Clusters).toEqual([]);
    });

    it("filters by vpcIds", async () => {
      const hh = await open("fleet");
      const target = hh.world().clusters[1]!;
      const expected = hh
        .world()
        .clusters.filter((c) => c.VpcId === target.VpcId)
        .map((c) => c.ClusterId);
      expect(expected.length).toBeLessThan(hh.world().clusters.length);
      const out = await send.clusters(hh, { Filters: { vpcIds: [target.VpcId] } });
      expect(out.Clusters?.map((c) => c.ClusterId)).toEqual(expected);
      expect(out.Clusters?.every((c) => c.VpcId === target.VpcId)).toBe(true);
    });

    it("filters by states", async () => {
      const hh = await open("fleet");
      const deleted = hh.world().clusters.filter((c) => c.State === "DELETED");
      expect(deleted.length).toBeGreaterThan(0);
      const out = await send.clusters(hh, { Filters: { states: ["DELETED"] } });
      expect(out.Clusters?.map((c) => c.ClusterId)).toEqual(deleted.map((c) => c.ClusterId));
      const active = await send.clusters(hh, { Filters: { states: ["ACTIVE"] } });
      expect(active.Clusters?.length).toBe(hh.world().clusters.filter((c) => c.State === "ACTIVE").length);
      expect(active.Clusters?.length).toBeGreaterThan(0);
      expect(active.Clusters?.every((c) => c.State === "ACTIVE")).toBe(true);
    });

    it("rejects an unknown filter key with CloudHsmInvalidRequestException", async () => {
      const hh = await open("healthy");
      await rejects(
        send.clusters(hh, { Filters: { clusterId: ["cluster-abc"] } }),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
    });

    it("pages with MaxResults and NextToken", async () => {
      const hh = await open("fleet");
      const all = (await send.clusters(hh)).Clusters!.map((c) => c.ClusterId);
      expect(all.length).toBeGreaterThan(2);
      expect(all.length).toBeLessThanOrEqual(25);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await send.clusters(hh, { MaxResults: 2, ...(token ? { NextToken: token } : {}) });
        expect(page.Clusters!.length).toBeLessThanOrEqual(2);
        seen.push(...page.Clusters!.map((c) => c.ClusterId!));
        token = page.NextToken;
        pages++;
      } while (token);
      expect(pages).toBe(Math.ceil(all.length / 2));
      expect(seen).toEqual(all);
      const one = await send.clusters(hh, { MaxResults: 25 });
      expect(one.Clusters).toHaveLength(all.length);
      expect(one.NextToken).toBeUndefined();
    });

    it("rejects MaxResults outside 1..25", async () => {
      const hh = await open("healthy");
      for (const MaxResults of [0, 26]) {
        await rejects(
          send.clusters(hh, { MaxResults }),
          "CloudHsmInvalidRequestException",
          CloudHsmInvalidRequestException,
        );
      }
      expect((await send.clusters(hh, { MaxResults: 1 })).Clusters).toHaveLength(1);
    });

    it("rejects an invalid NextToken, and one issued for other filters", async () => {
      const hh = await open("fleet");
      await rejects(
        send.clusters(hh, { NextToken: "not-a-token" }),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
      const page = await send.clusters(hh, { MaxResults: 1 });
      expect(page.NextToken).toBeDefined();
      await rejects(
        send.clusters(hh, { NextToken: page.NextToken, Filters: { states: ["ACTIVE"] } }),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
    });

    it("shows a deleted cluster as DELETED for deletedClusterVisible, then drops it", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      for (const hsm of [...c.Hsms])
        await hh.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: hsm.HsmId }));
      hh.clock.advance(DURATIONS.hsmDelete);
      await hh.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: c.ClusterId }));
      hh.clock.advance(DURATIONS.clusterDelete);
      expect((await clusterById(hh, c.ClusterId))?.State).toBe("DELETED");
      hh.clock.advance(DURATIONS.deletedClusterVisible - 1);
      expect((await clusterById(hh, c.ClusterId))?.State).toBe("DELETED");
      hh.clock.advance(1);
      expect(await clusterById(hh, c.ClusterId)).toBeUndefined();
      expect((await send.clusters(hh)).Clusters).toEqual([]);
    });
  });

  describe("DescribeBackups", () => {
    it("returns backups newest first by default", async () => {
      const hh = await open("fleet");
      const out = await send.backups(hh);
      const times = out.Backups!.map((b) => b.CreateTimestamp!.getTime());
      expect(times.length).toBe(50);
      const newest = Math.max(...hh.world().backups.map((b) => b.CreateTimestamp));
      expect(times[0]).toBe(newest);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1]!);
    });

    it("returns backups oldest first with SortAscending", async () => {
      const hh = await open("fleet");
      const out = await send.backups(hh, { SortAscending: true });
      const times = out.Backups!.map((b) => b.CreateTimestamp!.getTime());
      expect(times[0]).toBe(Math.min(...hh.world().backups.map((b) => b.CreateTimestamp)));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    });

    it("filters by clusterIds", async () => {
      const hh = await open("fleet");
      const id = hh.world().clusters[1]!.ClusterId;
      const expected = hh.world().backups.filter((b) => b.ClusterId === id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(hh.world().backups.length);
      const out = await allBackups(hh, { Filters: { clusterIds: [id] } });
      expect(out.map((b) => b.BackupId).sort()).toEqual(expected.map((b) => b.BackupId).sort());
      expect(out.every((b) => b.ClusterId === id)).toBe(true);
    });

    it("filters by states", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: c.Hsms[0]!.HsmId }),
      );
      const creating = await send.backups(hh, { Filters: { states: ["CREATE_IN_PROGRESS"] } });
      expect(creating.Backups).toHaveLength(1);
      expect(creating.Backups![0]!.BackupState).toBe("CREATE_IN_PROGRESS");
      const ready = await allBackups(hh, { Filters: { states: ["READY"] } });
      const expired = hh.world().backups.filter((b) => b.BackupState === "PENDING_DELETION");
      expect(expired.length).toBeGreaterThan(0);
      expect(ready.length).toBe(hh.world().backups.length - 1 - expired.length);
      expect(ready.every((b) => b.BackupState === "READY")).toBe(true);
      const pending = await allBackups(hh, { Filters: { states: ["PENDING_DELETION"] } });
      expect(pending.map((b) => b.BackupId).sort()).toEqual(expired.map((b) => b.BackupId).sort());
    });

    it("filters by backupIds", async () => {
      const hh = await open("fleet");
      const ids = [hh.world().backups[3]!.BackupId, hh.world().backups[40]!.BackupId];
      const out = await send.backups(hh, { Filters: { backupIds: ids } });
      expect(out.Backups?.map((b) => b.BackupId).sort()).toEqual([...ids].sort());
    });

    it("filters by sourceBackupIds (backups copied from another Region)", async () => {
      const hh = await open("healthy");
      const original = hh.world().backups[0]!;
      hh.world().backups.push({
        ...structuredClone(original),
        BackupId: "backup-copiedfromfra",
        SourceBackup: "backup-originalinfra",
        SourceCluster: "cluster-originalinfra",
        SourceRegion: "eu-central-1",
      });
      const out = await send.backups(hh, { Filters: { sourceBackupIds: ["backup-originalinfra"] } });
      expect(out.Backups).toHaveLength(1);
      expect(out.Backups![0]).toMatchObject({
        BackupId: "backup-copiedfromfra",
        SourceBackup: "backup-originalinfra",
        SourceCluster: "cluster-originalinfra",
        SourceRegion: "eu-central-1",
      });
      const none = await send.backups(hh, { Filters: { sourceBackupIds: [original.BackupId] } });
      expect(none.Backups).toEqual([]);
    });

    it("filters by neverExpires", async () => {
      const hh = await open("healthy");
      // The scenario keeps its activation backup for good; this test keeps one more.
      const kept = hh.world().backups.filter((b) => !b.NeverExpires)[2]!;
      kept.NeverExpires = true;
      const forGood = hh.world().backups.filter((b) => b.NeverExpires);
      expect(forGood).toHaveLength(2);
      const yes = await send.backups(hh, { Filters: { neverExpires: ["true"] } });
      expect(yes.Backups?.map((b) => b.BackupId).sort()).toEqual(forGood.map((b) => b.BackupId).sort());
      expect(yes.Backups!.every((b) => b.NeverExpires)).toBe(true);
      const no = await allBackups(hh, { Filters: { neverExpires: ["false"] } });
      expect(no.length).toBe(hh.world().backups.length - 2);
      expect(no.some((b) => b.BackupId === kept.BackupId)).toBe(false);
    });

    it("rejects an unknown filter key with CloudHsmInvalidRequestException", async () => {
      const hh = await open("healthy");
      await rejects(
        send.backups(hh, { Filters: { backupId: ["backup-abc"] } }),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
    });

    it("pages with MaxResults and NextToken (50 by default)", async () => {
      const hh = await open("fleet");
      const total = hh.world().backups.length;
      expect(total).toBeGreaterThan(50);
      const first = await send.backups(hh);
      expect(first.Backups).toHaveLength(50);
      expect(first.NextToken).toBeDefined();
      const rest = await allBackups(hh, { NextToken: first.NextToken! });
      expect(rest).toHaveLength(total - 50);
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await send.backups(hh, { MaxResults: 7, ...(token ? { NextToken: token } : {}) });
        expect(page.Backups!.length).toBeLessThanOrEqual(7);
        seen.push(...page.Backups!.map((b) => b.BackupId!));
        token = page.NextToken;
      } while (token);
      expect(seen).toEqual([...first.Backups!, ...rest].map((b) => b.BackupId));
      expect(new Set(seen).size).toBe(total);
    });

    it("rejects MaxResults outside 1..50", async () => {
      const hh = await open("healthy");
      for (const MaxResults of [0, 51]) {
        await rejects(
          send.backups(hh, { MaxResults }),
          "CloudHsmInvalidRequestException",
          CloudHsmInvalidRequestException,
        );
      }
      expect((await send.backups(hh, { MaxResults: 1 })).Backups).toHaveLength(1);
    });
  });

  describe("CreateCluster", () => {
    it("rejects an unknown HsmType", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateClusterCommand({
            HsmType: "hsm9.huge",
            SubnetIds: spareSubnets(hh, c).map((s) => s.SubnetId),
          }),
        ),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
    });

    it("rejects an unknown subnet", async () => {
      const hh = await open("healthy");
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateClusterCommand({ HsmType: "hsm1.medium", SubnetIds: ["subnet-0123456789abcdef0"] }),
        ),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
    });

    it("rejects subnets in two VPCs", async () => {
      const hh = await open("healthy");
      const [a] = spareSubnets(hh, mainCluster(hh));
      hh.world().subnets.push({
        SubnetId: "subnet-0ffeeeeeeeeeeeee1",
        AvailabilityZone: "eu-west-1c",
        VpcId: "vpc-0another00000000",
        CidrBlock: "10.9.0.0/24",
        freeAddresses: 200,
      });
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateClusterCommand({
            HsmType: "hsm1.medium",
            SubnetIds: [a!.SubnetId, "subnet-0ffeeeeeeeeeeeee1"],
          }),
        ),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
      expect(hh.world().clusters).toHaveLength(1);
    });

    it("rejects two subnets in one Availability Zone", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const az = Object.keys(c.SubnetMapping)[0]!;
      const spare = spareSubnets(hh, c).find((s) => s.AvailabilityZone === az)!;
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateClusterCommand({
            HsmType: "hsm1.medium",
            SubnetIds: [c.SubnetMapping[az]!, spare.SubnetId],
          }),
        ),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
    });

    it("from a READY backup goes CREATE_IN_PROGRESS, then ACTIVE after DURATIONS.clusterCreate", async () => {
      const hh = await open("healthy");
      const { backup, cluster } = await restore(hh);
      expect(cluster.ClusterId).toMatch(CLUSTER_ID);
      expect(cluster).toMatchObject({ State: "CREATE_IN_PROGRESS", SourceBackupId: backup.BackupId });
      expect(cluster.Hsms).toEqual([]);
      hh.clock.advance(DURATIONS.clusterCreate - 1);
      expect((await clusterById(hh, cluster.ClusterId!))?.State).toBe("CREATE_IN_PROGRESS");
      hh.clock.advance(1);
      const done = await clusterById(hh, cluster.ClusterId!);
      expect(done).toMatchObject({ State: "ACTIVE", SourceBackupId: backup.BackupId });
    });

    it("keeps the TagList given at creation and shows it in DescribeClusters", async () => {
      const hh = await open("healthy");
      const src = mainCluster(hh);
      const tags = [
        { Key: "kcs:run-id", Value: "2f0c1d9e-run" },
        { Key: "team", Value: "" },
      ];
      const out = await hh.clients.cloudhsm.send(
        new CreateClusterCommand({
          HsmType: "hsm1.medium",
          SubnetIds: spareSubnets(hh, src).map((x) => x.SubnetId),
          SourceBackupId: newestReadyBackup(hh, src.ClusterId).BackupId,
          TagList: tags,
        }),
      );
      expect(out.Cluster?.TagList).toEqual(tags);
      expect((await clusterById(hh, out.Cluster!.ClusterId!))?.TagList).toEqual(tags);
      // The model allows no empty TagList: a cluster without tags has none.
      expect((await clusterById(hh, src.ClusterId))?.TagList).toBeUndefined();
    });

    it.each([
      ["an empty TagList", []],
      ["51 tags", Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }))],
      ["an empty key", [{ Key: "", Value: "v" }]],
      ["a key of 129 characters", [{ Key: "k".repeat(129), Value: "v" }]],
      ["a value of 257 characters", [{ Key: "k", Value: "v".repeat(257) }]],
      ["a key outside the pattern", [{ Key: "semi;colon", Value: "v" }]],
      [
        "a repeated key",
        [
          { Key: "k", Value: "1" },
          { Key: "k", Value: "2" },
        ],
      ],
      ["an aws: key", [{ Key: "aws:owner", Value: "v" }]],
    ])("rejects %s with CloudHsmInvalidRequestException, creating nothing", async (_name, TagList) => {
      const hh = await open("healthy");
      const src = mainCluster(hh);
      const clusters = hh.world().clusters.length;
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateClusterCommand({
            HsmType: "hsm1.medium",
            SubnetIds: spareSubnets(hh, src).map((x) => x.SubnetId),
            SourceBackupId: newestReadyBackup(hh, src.ClusterId).BackupId,
            TagList,
          }),
        ),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
      expect(hh.world().clusters).toHaveLength(clusters);
    });

    it("gives a cluster restored from a backup the source cluster's ClusterCertificate", async () => {
      const hh = await open("healthy");
      const { src, cluster } = await restore(hh);
      hh.clock.advance(DURATIONS.clusterCreate);
      const view = await clusterById(hh, cluster.ClusterId!);
      const original = await clusterById(hh, src.ClusterId);
      expect(view?.Certificates?.ClusterCertificate).toBeDefined();
      expect(view?.Certificates?.ClusterCertificate).toBe(original?.Certificates?.ClusterCertificate);
    });

    it("carries the backup's users and key material into the restored cluster", async () => {
      const hh = await open("healthy");
      const { backup, cluster } = await restore(hh);
      const restored = hh.world().clusters.find((c) => c.ClusterId === cluster.ClusterId)!;
      const held = () => hh.world().hsmImages[backup.hsmImage]!;
      expect(held().users.map((u) => u.username)).toContain("kmsuser");
      expect(held().keys.length).toBeGreaterThan(0);
      expect(restored.hsm.users).toEqual(held().users);
      expect(restored.hsm.keys).toEqual(held().keys);
      // A copy, not a shared object: changing the cluster leaves the backup alone.
      restored.hsm.keys.pop();
      expect(restored.hsm.keys.length).toBe(held().keys.length - 1);
    });

    it("without a backup ends UNINITIALIZED, with a CSR and no cluster certificate", async () => {
      const hh = await open("healthy");
      const subnets = spareSubnets(hh, mainCluster(hh));
      const out = await hh.clients.cloudhsm.send(
        new CreateClusterCommand({ HsmType: "hsm2m.medium", SubnetIds: subnets.map((s) => s.SubnetId) }),
      );
      const id = out.Cluster!.ClusterId!;
      expect(out.Cluster).toMatchObject({ State: "CREATE_IN_PROGRESS", HsmType: "hsm2m.medium" });
      expect(out.Cluster!.SourceBackupId).toBeUndefined();
      expect(out.Cluster!.Certificates?.ClusterCertificate).toBeUndefined();
      expect(out.Cluster!.SubnetMapping).toEqual(
        Object.fromEntries(subnets.map((s) => [s.AvailabilityZone, s.SubnetId])),
      );
      hh.clock.advance(DURATIONS.clusterCreate);
      const view = await clusterById(hh, id);
      expect(view?.State).toBe("UNINITIALIZED");
      expect(view?.Certificates?.ClusterCsr).toContain("BEGIN CERTIFICATE REQUEST");
      expect(view?.Certificates?.ClusterCertificate).toBeUndefined();
    });

    it("rejects an unknown backup with CloudHsmResourceNotFoundException", async () => {
      const hh = await open("healthy");
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateClusterCommand({
            HsmType: "hsm1.medium",
            SubnetIds: spareSubnets(hh, mainCluster(hh)).map((s) => s.SubnetId),
            SourceBackupId: "backup-doesnotexist",
          }),
        ),
        "CloudHsmResourceNotFoundException",
        CloudHsmResourceNotFoundException,
      );
    });

    it("refuses a backup that is not READY yet", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: c.Hsms[0]!.HsmId }),
      );
      const pending = hh.world().backups.find((b) => b.BackupState === "CREATE_IN_PROGRESS")!;
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateClusterCommand({
            HsmType: "hsm1.medium",
            SubnetIds: spareSubnets(hh, c).map((s) => s.SubnetId),
            SourceBackupId: pending.BackupId,
          }),
        ),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
    });

    it("stops at the cluster limit with CloudHsmServiceException (CreateCluster's model lists no limit error)", async () => {
      const hh = await open("healthy");
      hh.world().clusterLimit = 2;
      const subnetIds = spareSubnets(hh, mainCluster(hh)).map((s) => s.SubnetId);
      await hh.clients.cloudhsm.send(
        new CreateClusterCommand({ HsmType: "hsm1.medium", SubnetIds: subnetIds }),
      );
      await rejects(
        hh.clients.cloudhsm.send(new CreateClusterCommand({ HsmType: "hsm1.medium", SubnetIds: subnetIds })),
        "CloudHsmServiceException",
      );
      expect(hh.world().clusters).toHaveLength(2);
    });
  });

  describe("CreateHsm", () => {
    it("rejects an Availability Zone that is not in the cluster's SubnetMapping", async () => {
      const hh = await open("healthy");
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateHsmCommand({ ClusterId: mainCluster(hh).ClusterId, AvailabilityZone: "eu-west-1c" }),
        ),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
      expect(mainCluster(hh).Hsms).toHaveLength(2);
    });

    it("goes CREATE_IN_PROGRESS, then ACTIVE after DURATIONS.hsmCreate", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const az = Object.keys(c.SubnetMapping)[0]!;
      const out = await hh.clients.cloudhsm.send(
        new CreateHsmCommand({ ClusterId: c.ClusterId, AvailabilityZone: az }),
      );
      expect(out.Hsm).toMatchObject({
        ClusterId: c.ClusterId,
        AvailabilityZone: az,
        SubnetId: c.SubnetMapping[az],
        State: "CREATE_IN_PROGRESS",
      });
      expect(out.Hsm!.HsmId).toMatch(HSM_ID);
      expect(out.Hsm!.EniId).toMatch(/^eni-[0-9a-f]+$/);
      const state = async () =>
        (await clusterById(hh, c.ClusterId))?.Hsms?.find((x) => x.HsmId === out.Hsm!.HsmId)?.State;
      expect(await state()).toBe("CREATE_IN_PROGRESS");
      hh.clock.advance(DURATIONS.hsmCreate - 1);
      expect(await state()).toBe("CREATE_IN_PROGRESS");
      hh.clock.advance(1);
      expect(await state()).toBe("ACTIVE");
    });

    it("takes a backup when an HSM joins an ACTIVE cluster that has an active HSM", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const before = await backupIdsOf(hh, c.ClusterId);
      await hh.clients.cloudhsm.send(
        new CreateHsmCommand({ ClusterId: c.ClusterId, AvailabilityZone: Object.keys(c.SubnetMapping)[1]! }),
      );
      const joinedAt = hh.clock.now() + DURATIONS.hsmCreate;
      expect(await backupIdsOf(hh, c.ClusterId)).toEqual(before);
      hh.clock.advance(DURATIONS.hsmCreate);
      const out = await allBackups(hh, { Filters: { clusterIds: [c.ClusterId] } });
      expect(out).toHaveLength(before.length + 1);
      const fresh = out[0]!;
      expect(before).not.toContain(fresh.BackupId);
      expect(fresh.CreateTimestamp?.getTime()).toBe(joinedAt);
      expect(fresh.BackupState).toBe("CREATE_IN_PROGRESS");
      hh.clock.advance(DURATIONS.backup);
      const ready = await send.backups(hh, { Filters: { backupIds: [fresh.BackupId!] } });
      expect(ready.Backups?.[0]?.BackupState).toBe("READY");
    });

    it("rejects an unknown cluster with CloudHsmResourceNotFoundException", async () => {
      const hh = await open("healthy");
      await rejects(
        hh.clients.cloudhsm.send(
          new CreateHsmCommand({ ClusterId: "cluster-doesnotexist", AvailabilityZone: "eu-west-1a" }),
        ),
        "CloudHsmResourceNotFoundException",
        CloudHsmResourceNotFoundException,
      );
    });
  });

  describe("DeleteHsm", () => {
    it("deletes an HSM named by HsmId (DELETE_IN_PROGRESS)", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const target = c.Hsms[1]!;
      const out = await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: target.HsmId }),
      );
      expect(out.HsmId).toBe(target.HsmId);
      const view = await clusterById(hh, c.ClusterId);
      expect(view?.Hsms?.find((x) => x.HsmId === target.HsmId)?.State).toBe("DELETE_IN_PROGRESS");
      expect(view?.Hsms?.find((x) => x.HsmId === c.Hsms[0]!.HsmId)?.State).toBe("ACTIVE");
    });

    it("deletes an HSM named by EniId", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const target = c.Hsms[0]!;
      const out = await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, EniId: target.EniId }),
      );
      expect(out.HsmId).toBe(target.HsmId);
      expect(mainCluster(hh).Hsms.find((x) => x.HsmId === target.HsmId)?.State).toBe("DELETE_IN_PROGRESS");
    });

    it("deletes an HSM named by EniIp", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const target = c.Hsms[1]!;
      const out = await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, EniIp: target.EniIp }),
      );
      expect(out.HsmId).toBe(target.HsmId);
      expect(mainCluster(hh).Hsms.find((x) => x.HsmId === target.HsmId)?.State).toBe("DELETE_IN_PROGRESS");
    });

    it("requires exactly one of HsmId, EniId and EniIp", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const target = c.Hsms[0]!;
      for (const input of [
        { ClusterId: c.ClusterId },
        { ClusterId: c.ClusterId, HsmId: target.HsmId, EniId: target.EniId },
        { ClusterId: c.ClusterId, HsmId: target.HsmId, EniId: target.EniId, EniIp: target.EniIp },
      ]) {
        await rejects(
          hh.clients.cloudhsm.send(new DeleteHsmCommand(input)),
          "CloudHsmInvalidRequestException",
          CloudHsmInvalidRequestException,
        );
      }
      expect(mainCluster(hh).Hsms.every((x) => x.State === "ACTIVE")).toBe(true);
    });

    it("drops the HSM from the cluster after DURATIONS.hsmDelete", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const target = c.Hsms[0]!.HsmId;
      await hh.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: target }));
      hh.clock.advance(DURATIONS.hsmDelete - 1);
      expect((await clusterById(hh, c.ClusterId))?.Hsms?.map((x) => x.HsmId)).toContain(target);
      hh.clock.advance(1);
      const view = await clusterById(hh, c.ClusterId);
      expect(view?.Hsms?.map((x) => x.HsmId)).toEqual([c.Hsms[0]!.HsmId]);
      expect(view?.Hsms?.map((x) => x.HsmId)).not.toContain(target);
    });

    it("takes a backup when an HSM leaves an active cluster", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      const before = await backupIdsOf(hh, c.ClusterId);
      await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: c.Hsms[0]!.HsmId }),
      );
      const out = await allBackups(hh, { Filters: { clusterIds: [c.ClusterId] } });
      expect(out).toHaveLength(before.length + 1);
      expect(before).not.toContain(out[0]!.BackupId);
      expect(out[0]!.CreateTimestamp?.getTime()).toBe(hh.clock.now());
    });

    it("rejects an unknown HSM with CloudHsmResourceNotFoundException", async () => {
      const hh = await open("healthy");
      await rejects(
        hh.clients.cloudhsm.send(
          new DeleteHsmCommand({ ClusterId: mainCluster(hh).ClusterId, HsmId: "hsm-doesnotexist" }),
        ),
        "CloudHsmResourceNotFoundException",
        CloudHsmResourceNotFoundException,
      );
    });
  });

  describe("DeleteCluster", () => {
    it("is refused while the cluster has HSMs", async () => {
      const hh = await open("healthy");
      const c = mainCluster(hh);
      await rejects(
        hh.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: c.ClusterId })),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
      // An HSM still being deleted counts too.
      await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: c.Hsms[0]!.HsmId }),
      );
      await hh.clients.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: c.ClusterId, HsmId: c.Hsms[1]!.HsmId }),
      );
      await rejects(
        hh.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: c.ClusterId })),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
      expect((await clusterById(hh, c.ClusterId))?.State).toBe("ACTIVE");
    });

    it("goes DELETE_IN_PROGRESS, then DELETED after DURATIONS.clusterDelete", async () => {
      const hh = await open("healthy");
      const { cluster } = await restore(hh);
      hh.clock.advance(DURATIONS.clusterCreate);
      const id = cluster.ClusterId!;
      const out = await hh.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: id }));
      expect(out.Cluster).toMatchObject({ ClusterId: id, State: "DELETE_IN_PROGRESS" });
      hh.clock.advance(DURATIONS.clusterDelete - 1);
      expect((await clusterById(hh, id))?.State).toBe("DELETE_IN_PROGRESS");
      hh.clock.advance(1);
      expect((await clusterById(hh, id))?.State).toBe("DELETED");
    });

    it("rejects an unknown cluster with CloudHsmResourceNotFoundException", async () => {
      const hh = await open("healthy");
      await rejects(
        hh.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: "cluster-doesnotexist" })),
        "CloudHsmResourceNotFoundException",
        CloudHsmResourceNotFoundException,
      );
    });
  });

  it("shows each HSM's type, as the current model has it (the pinned SDK predates the member)", async () => {
    const hh = await open("healthy");
    const raw = await rawCall(hh.sim, transport, TARGET.cloudhsm("DescribeClusters"), {});
    const clusters = json(raw).Clusters as { HsmType: string; Hsms: { HsmType?: string }[] }[];
    expect(clusters[0]!.Hsms.length).toBeGreaterThan(0);
    for (const c of clusters) for (const hsm of c.Hsms) expect(hsm.HsmType).toBe(c.HsmType);
  });

  describe("error bodies", () => {
    it("carry the message in `Message`, which the SDK exposes as the error message", async () => {
      const hh = await open("healthy");
      const input = { Filters: { bogus: ["x"] } };
      const raw = await rawCall(hh.sim, transport, TARGET.cloudhsm("DescribeClusters"), input);
      expect(raw.status).toBe(400);
      const body = json(raw);
      expect(body.__type).toBe("CloudHsmInvalidRequestException");
      expect(typeof body.Message).toBe("string");
      expect(body.message).toBeUndefined();
      expect(raw.headers["x-amzn-errortype"]).toBe("CloudHsmInvalidRequestException");
      const err = await rejects(
        send.clusters(hh, input),
        "CloudHsmInvalidRequestException",
        CloudHsmInvalidRequestException,
      );
      expect(err.message).toBe(body.Message);
    });
  });
});
