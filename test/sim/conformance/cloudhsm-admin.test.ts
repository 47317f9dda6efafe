// Conformance of the CloudHSM v2 operations that set a cluster up and label it (CreateCluster's
// retention, mode and network type; ModifyCluster; InitializeCluster; TagResource, UntagResource,
// ListTags), through the real (old, 3.332.0) SDK client on both transports. That client predates Mode
// and NetworkType, so those go as raw AWS JSON 1.1 requests, in process or over HTTP alike.
import {
  CloudHsmResourceNotFoundException,
  CreateClusterCommand,
  type CreateClusterCommandInput,
  CreateHsmCommand,
  DescribeBackupsCommand,
  DescribeClustersCommand,
  InitializeClusterCommand,
  ListTagsCommand,
  ModifyClusterCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import type { Cluster } from "../../../src/sim/world.js";
import { caught, freshWorld, json, rawCall, TARGET } from "../../helpers/conformance.js";
import type { Harness } from "../../helpers/sim.js";
import { harnessPerTest } from "./kms-support.js";

const hsm = (h: Harness) => h.clients.cloudhsm;

async function rejects(p: Promise<unknown>, name: string) {
  const err = await caught(() => p);
  expect(err).toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
  return err as Error;
}

const mainCluster = (h: Harness): Cluster => h.world().clusters[0]!;
const spareSubnetIds = (h: Harness) => {
  const c = mainCluster(h);
  return h
    .world()
    .subnets.filter((s) => s.VpcId === c.VpcId && !Object.values(c.SubnetMapping).includes(s.SubnetId))
    .map((s) => s.SubnetId);
};

async function newCluster(h: Harness, input: Partial<CreateClusterCommandInput> = {}) {
  const out = await hsm(h).send(
    new CreateClusterCommand({ HsmType: "hsm1.medium", SubnetIds: spareSubnetIds(h), ...input }),
  );
  return out.Cluster!;
}

async function describe1(h: Harness, id: string) {
  const out = await hsm(h).send(new DescribeClustersCommand({ Filters: { clusterIds: [id] } }));
  return out.Clusters![0]!;
}

async function trailRecord(h: Harness, eventName: string) {
  // CloudTrail's event history shows a call minutes after it was made.
  h.clock.advance(DURATIONS.trailDelivery);
  const out = await h.clients.cloudtrail.send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: eventName }] }),
  );
  const e = out.Events?.[0];
  return e ? (JSON.parse(e.CloudTrailEvent!) as { requestParameters: Record<string, unknown> }) : undefined;
}

/** An UNINITIALIZED cluster with one active HSM: what InitializeCluster needs. */
async function uninitialized(h: Harness, withHsm = true) {
  const c = await newCluster(h);
  h.clock.advance(DURATIONS.clusterCreate);
  if (withHsm) {
    const az = Object.keys(c.SubnetMapping!)[0]!;
    await hsm(h).send(new CreateHsmCommand({ ClusterId: c.ClusterId, AvailabilityZone: az }));
    h.clock.advance(DURATIONS.hsmCreate);
  }
  expect((await describe1(h, c.ClusterId!)).State).toBe("UNINITIALIZED");
  return c.ClusterId!;
}

const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
const SIGNED = pem("MIIDhDCCAmygAwIBAgIJAKclustercertificate");
const ANCHOR = pem("MIIDazCCAlOgAwIBAgIUcissuingcaroot");

describe.each(["in-process", "http"] as const)("CloudHSM v2 cluster administration over %s", (transport) => {
  const open = harnessPerTest(transport);
  const raw = async (h: Harness, op: string, body: Record<string, unknown>) =>
    rawCall(h.sim, transport, TARGET.cloudhsm(op), body);

  describe("CreateCluster's BackupRetentionPolicy, Mode and NetworkType", () => {
    it("keeps the retention policy it is given, and CloudTrail records it", async () => {
      const h = await open(freshWorld("healthy"));
      const c = await newCluster(h, { BackupRetentionPolicy: { Type: "DAYS", Value: "30" } });
      expect(c.BackupRetentionPolicy).toEqual({ Type: "DAYS", Value: "30" });
      expect((await describe1(h, c.ClusterId!)).BackupRetentionPolicy).toEqual({ Type: "DAYS", Value: "30" });
      expect((await trailRecord(h, "CreateCluster"))?.requestParameters.backupRetentionPolicy).toEqual({
        type: "DAYS",
        value: "30",
      });
    });

    it.each(["6", "380", "0"])("refuses %s days (7 to 379), creating nothing", async (Value) => {
      const h = await open(freshWorld("healthy"));
      const before = h.world().clusters.length;
      await rejects(
        newCluster(h, { BackupRetentionPolicy: { Type: "DAYS", Value } }),
        "CloudHsmInvalidRequestException",
      );
      expect(h.world().clusters).toHaveLength(before);
    });

    it("shows Mode FIPS and NetworkType IPV4 by default, and keeps NON_FIPS and DUALSTACK on an hsm2m.medium cluster", async () => {
      const h = await open(freshWorld("healthy"));
      const plain = json(
        await raw(h, "CreateCluster", { HsmType: "hsm1.medium", SubnetIds: spareSubnetIds(h) }),
      );
      expect(plain.Cluster).toMatchObject({ Mode: "FIPS", NetworkType: "IPV4" });
      const res = await raw(h, "CreateCluster", {
        HsmType: "hsm2m.medium",
        SubnetIds: spareSubnetIds(h),
        Mode: "NON_FIPS",
        NetworkType: "DUALSTACK",
      });
      expect(res.status).toBe(200);
      const id = (json(res).Cluster as { ClusterId: string }).ClusterId;
      const listed = json(await raw(h, "DescribeClusters", { Filters: { clusterIds: [id] } }));
      expect((listed.Clusters as unknown[])[0]).toMatchObject({ Mode: "NON_FIPS", NetworkType: "DUALSTACK" });
    });

    it("refuses NON_FIPS on hsm1.medium and a mode outside the model's enum", async () => {
      const h = await open(freshWorld("healthy"));
      for (const body of [
        { HsmType: "hsm1.medium", SubnetIds: spareSubnetIds(h), Mode: "NON_FIPS" },
        { HsmType: "hsm2m.medium", SubnetIds: spareSubnetIds(h), Mode: "FIPS_140_3" },
        { HsmType: "hsm2m.medium", SubnetIds: spareSubnetIds(h), NetworkType: "IPV6" },
      ]) {
        const res = await raw(h, "CreateCluster", body);
        expect(res.status).toBe(400);
        expect(json(res).__type).toContain("CloudHsmInvalidRequestException");
      }
      expect(h.world().clusters).toHaveLength(1);
    });
  });

  describe("ModifyCluster", () => {
    it("changes the backup retention policy, recorded in CloudTrail", async () => {
      const h = await open(freshWorld("healthy"));
      const id = mainCluster(h).ClusterId;
      const out = await hsm(h).send(
        new ModifyClusterCommand({ ClusterId: id, BackupRetentionPolicy: { Type: "DAYS", Value: "379" } }),
      );
      expect(out.Cluster).toMatchObject({
        ClusterId: id,
        State: "ACTIVE",
        BackupRetentionPolicy: { Value: "379" },
      });
      expect((await describe1(h, id)).BackupRetentionPolicy).toEqual({ Type: "DAYS", Value: "379" });
      expect((await trailRecord(h, "ModifyCluster"))?.requestParameters).toEqual({
        clusterId: id,
        backupRetentionPolicy: { type: "DAYS", value: "379" },
      });
    });

    it("the HSM type the cluster has changes nothing; another one (a migration) is refused", async () => {
      const h = await open(freshWorld("healthy"));
      const id = mainCluster(h).ClusterId;
      // The 3.332.0 client knows no ModifyCluster HsmType: raw requests, as a newer client sends them.
      expect((await raw(h, "ModifyCluster", { ClusterId: id, HsmType: "hsm1.medium" })).status).toBe(200);
      const res = await raw(h, "ModifyCluster", { ClusterId: id, HsmType: "hsm2m.medium" });
      expect(res.status).toBe(400);
      expect(json(res).__type).toContain("CloudHsmInvalidRequestException");
      expect(mainCluster(h).HsmType).toBe("hsm1.medium");
    });

    it("refuses a request with nothing to change, a value out of range, a cluster being created, an unknown cluster", async () => {
      const h = await open(freshWorld("healthy"));
      const id = mainCluster(h).ClusterId;
      // Nothing to change: the 3.332.0 client would not send this (its model required the policy then).
      const nothing = await raw(h, "ModifyCluster", { ClusterId: id });
      expect(nothing.status).toBe(400);
      expect(json(nothing).__type).toContain("CloudHsmInvalidRequestException");
      await rejects(
        hsm(h).send(
          new ModifyClusterCommand({ ClusterId: id, BackupRetentionPolicy: { Type: "DAYS", Value: "400" } }),
        ),
        "CloudHsmInvalidRequestException",
      );
      const creating = await newCluster(h);
      await rejects(
        hsm(h).send(
          new ModifyClusterCommand({
            ClusterId: creating.ClusterId,
            BackupRetentionPolicy: { Type: "DAYS", Value: "30" },
          }),
        ),
        "CloudHsmInvalidRequestException",
      );
      const err = await rejects(
        hsm(h).send(
          new ModifyClusterCommand({
            ClusterId: "cluster-aaaaaaaaaaa",
            BackupRetentionPolicy: { Type: "DAYS", Value: "30" },
          }),
        ),
        "CloudHsmResourceNotFoundException",
      );
      expect(err).toBeInstanceOf(CloudHsmResourceNotFoundException);
      expect(mainCluster(h).BackupRetentionPolicy.Value).toBe("90");
    });
  });

  describe("InitializeCluster", () => {
    it("takes an UNINITIALIZED cluster through INITIALIZE_IN_PROGRESS to INITIALIZED with the signed certificate", async () => {
      const h = await open(freshWorld("healthy"));
      const id = await uninitialized(h);
      const out = await hsm(h).send(
        new InitializeClusterCommand({ ClusterId: id, SignedCert: SIGNED, TrustAnchor: ANCHOR }),
      );
      expect(out.State).toBe("INITIALIZE_IN_PROGRESS");
      expect(out.StateMessage).toBeTruthy();
      expect((await describe1(h, id)).State).toBe("INITIALIZE_IN_PROGRESS");
      h.clock.advance(DURATIONS.clusterInitialize);
      const done = await describe1(h, id);
      expect(done.State).toBe("INITIALIZED");
      expect(done.StateMessage).toBeUndefined();
      expect(done.Certificates?.ClusterCertificate).toBe(SIGNED);
      expect((await trailRecord(h, "InitializeCluster"))?.requestParameters).toMatchObject({ clusterId: id });
    });

    it("refuses a cluster that is not UNINITIALIZED, or has no HSM yet", async () => {
      const h = await open(freshWorld("healthy"));
      await rejects(
        hsm(h).send(
          new InitializeClusterCommand({
            ClusterId: mainCluster(h).ClusterId,
            SignedCert: SIGNED,
            TrustAnchor: ANCHOR,
          }),
        ),
        "CloudHsmInvalidRequestException",
      );
      const bare = await uninitialized(h, false);
      await rejects(
        hsm(h).send(
          new InitializeClusterCommand({ ClusterId: bare, SignedCert: SIGNED, TrustAnchor: ANCHOR }),
        ),
        "CloudHsmInvalidRequestException",
      );
      expect((await describe1(h, bare)).State).toBe("UNINITIALIZED");
    });

    it.each([
      ["a SignedCert that is not PEM", "MIIDhDCCAmygAwIBAgIJ", ANCHOR],
      ["the trust anchor as the signed certificate", ANCHOR, ANCHOR],
      ["a certificate over 5000 characters", pem("A".repeat(5000)), ANCHOR],
    ])("refuses %s", async (_n, SignedCert, TrustAnchor) => {
      const h = await open(freshWorld("healthy"));
      const id = await uninitialized(h);
      await rejects(
        hsm(h).send(new InitializeClusterCommand({ ClusterId: id, SignedCert, TrustAnchor })),
        "CloudHsmInvalidRequestException",
      );
      expect((await describe1(h, id)).State).toBe("UNINITIALIZED");
    });
  });

  describe("TagResource, UntagResource, ListTags", () => {
    it("tags a cluster (overwriting a key's value), lists and removes tags; DescribeClusters shows them; CloudTrail records both", async () => {
      const h = await open(freshWorld("healthy"));
      const id = mainCluster(h).ClusterId;
      await hsm(h).send(
        new TagResourceCommand({
          ResourceId: id,
          TagList: [
            { Key: "team", Value: "kms" },
            { Key: "env", Value: "prod" },
          ],
        }),
      );
      h.clock.advance(1000);
      await hsm(h).send(
        new TagResourceCommand({ ResourceId: id, TagList: [{ Key: "env", Value: "staging" }] }),
      );
      expect((await hsm(h).send(new ListTagsCommand({ ResourceId: id }))).TagList).toEqual([
        { Key: "team", Value: "kms" },
        { Key: "env", Value: "staging" },
      ]);
      expect((await describe1(h, id)).TagList).toHaveLength(2);
      expect((await trailRecord(h, "TagResource"))?.requestParameters).toEqual({
        resourceId: id,
        tagList: [{ key: "env", value: "staging" }],
      });
      await hsm(h).send(new UntagResourceCommand({ ResourceId: id, TagKeyList: ["team", "env"] }));
      expect((await hsm(h).send(new ListTagsCommand({ ResourceId: id }))).TagList).toEqual([]);
      expect((await describe1(h, id)).TagList).toBeUndefined();
      expect((await trailRecord(h, "UntagResource"))?.requestParameters).toEqual({
        resourceId: id,
        tagKeyList: ["team", "env"],
      });
    });

    it("tags a backup, which DescribeBackups then shows", async () => {
      const h = await open(freshWorld("healthy"));
      const backup = h.world().backups.find((b) => b.BackupState === "READY")!;
      await hsm(h).send(
        new TagResourceCommand({ ResourceId: backup.BackupId, TagList: [{ Key: "keep", Value: "yes" }] }),
      );
      const out = await hsm(h).send(
        new DescribeBackupsCommand({ Filters: { backupIds: [backup.BackupId] } }),
      );
      expect(out.Backups![0]!.TagList).toEqual([{ Key: "keep", Value: "yes" }]);
      expect((await hsm(h).send(new ListTagsCommand({ ResourceId: backup.BackupId }))).TagList).toEqual([
        { Key: "keep", Value: "yes" },
      ]);
    });

    it("pages ListTags with MaxResults and NextToken; a token of another resource is refused", async () => {
      const h = await open(freshWorld("healthy"));
      const id = mainCluster(h).ClusterId;
      const tags = Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
      await hsm(h).send(new TagResourceCommand({ ResourceId: id, TagList: tags }));
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await hsm(h).send(
          new ListTagsCommand({ ResourceId: id, MaxResults: 2, NextToken: token }),
        );
        seen.push(...out.TagList!.map((t) => t.Key!));
        token = out.NextToken;
        pages++;
      } while (token && pages < 10);
      expect(seen).toEqual(tags.map((t) => t.Key));
      expect(pages).toBe(3);
      const backup = h.world().backups[0]!;
      await hsm(h).send(new TagResourceCommand({ ResourceId: backup.BackupId, TagList: tags }));
      const first = await hsm(h).send(new ListTagsCommand({ ResourceId: backup.BackupId, MaxResults: 1 }));
      await rejects(
        hsm(h).send(new ListTagsCommand({ ResourceId: id, NextToken: first.NextToken })),
        "CloudHsmInvalidRequestException",
      );
    });

    it("50 tags fit; a 51st is CloudHsmResourceLimitExceededException; aws: keys and unknown resources are refused", async () => {
      const h = await open(freshWorld("healthy"));
      const id = mainCluster(h).ClusterId;
      await hsm(h).send(
        new TagResourceCommand({
          ResourceId: id,
          TagList: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" })),
        }),
      );
      // The 3.332.0 client has no class for this exception: its name is what tells it apart.
      await rejects(
        hsm(h).send(new TagResourceCommand({ ResourceId: id, TagList: [{ Key: "k50", Value: "v" }] })),
        "CloudHsmResourceLimitExceededException",
      );
      await rejects(
        hsm(h).send(new TagResourceCommand({ ResourceId: id, TagList: [{ Key: "aws:owner", Value: "v" }] })),
        "CloudHsmInvalidRequestException",
      );
      await rejects(
        hsm(h).send(new UntagResourceCommand({ ResourceId: id, TagKeyList: ["aws:owner"] })),
        "CloudHsmInvalidRequestException",
      );
      await rejects(
        hsm(h).send(new ListTagsCommand({ ResourceId: "backup-aaaaaaaaaaa" })),
        "CloudHsmResourceNotFoundException",
      );
      expect(mainCluster(h).TagList).toHaveLength(50);
      expect(
        await caught(() => hsm(h).send(new ListTagsCommand({ ResourceId: "cluster-aaaaaaaaaaa" }))),
      ).toBeInstanceOf(CloudHsmResourceNotFoundException);
    });
  });
});
