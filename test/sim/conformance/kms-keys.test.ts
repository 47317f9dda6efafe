// Conformance of the simulator's KMS key operations on custom-key-store keys, driven through the real
// SDK v3 clients (in-process and over HTTP). Rules: the AWS KMS API Reference (CreateKey, DescribeKey,
// ListKeys, ScheduleKeyDeletion) and the developer guide's key states for keys in custom key stores.
import { CreateHsmCommand, DeleteHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  CancelKeyDeletionCommand,
  CloudHsmClusterInvalidConfigurationException,
  CreateKeyCommand,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNotFoundException,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  InvalidArnException,
  InvalidMarkerException,
  KMSInvalidStateException,
  ListAliasesCommand,
  ListKeysCommand,
  NotFoundException,
  ScheduleKeyDeletionCommand,
  UnsupportedOperationException,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DAY, DURATIONS } from "../../../src/sim/clock.js";
import { KMSUSER } from "../../../src/sim/cloudhsm/hsm-data.js";
import type { HsmKey } from "../../../src/sim/world.js";
import type { Harness } from "../../helpers/sim.js";
import {
  connectAndSettle,
  describeCluster,
  describeKey,
  disconnectAndSettle,
  expectError,
  firstStore,
  harnessPerTest,
  keyState,
  scenario,
  TRANSPORTS,
} from "./kms-support.js";

async function createStoreKey(h: Harness, storeId: string) {
  const out = await h.clients.kms.send(
    new CreateKeyCommand({ CustomKeyStoreId: storeId, Origin: "AWS_CLOUDHSM", Description: "conformance" }),
  );
  return out.KeyMetadata!;
}

/** HSM key objects labelled with `arn` in any live cluster (no AWS API lists HSM keys). */
function hsmKeysLabelled(h: Harness, arn: string): HsmKey[] {
  return h
    .world()
    .clusters.filter((c) => c.State !== "DELETED")
    .flatMap((c) => c.hsm.keys.filter((k) => k.label === arn));
}

interface BackingKeyEntry {
  keyHandle?: string;
  backingKeyId: string;
  deletionStatus?: string;
}

/** The parts of a CloudTrail record these tests read (the record arrives as a JSON string). */
interface TrailRecord {
  eventName: string;
  eventType: string;
  eventSource: string;
  userIdentity: { invokedBy?: string; type?: string };
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  additionalEventData?: Record<string, string>;
  resources?: { ARN: string; type: string }[];
}

/** CloudTrail records of `eventName` about the key `arn`, newest first, read through LookupEvents. */
async function trailRecords(h: Harness, eventName: string, arn: string): Promise<TrailRecord[]> {
  // CloudTrail's event history shows a call only minutes later.
  h.clock.advance(DURATIONS.trailDelivery);
  const out = await h.clients.cloudtrail.send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: eventName }] }),
  );
  return (out.Events ?? [])
    .filter((e) => e.Resources?.some((r) => r.ResourceName === arn))
    .map((e) => JSON.parse(e.CloudTrailEvent!) as TrailRecord);
}

describe.each(TRANSPORTS)("KMS keys over %s", (transport) => {
  const open = harnessPerTest(transport);

  describe("ListKeys", () => {
    it("returns 100 keys per page by default, with Truncated and NextMarker", async () => {
      const h = await open(scenario("fleet"));
      expect(h.world().keys.length).toBeGreaterThan(200);
      const out = await h.clients.kms.send(new ListKeysCommand({}));
      expect(out.Keys).toHaveLength(100);
      expect(out.Truncated).toBe(true);
      expect(out.NextMarker).toBeTruthy();
      expect(out.Keys![0]!.KeyArn).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/);
    });

    it("Limit and Marker page through every key exactly once", async () => {
      const h = await open(scenario("fleet"));
      const ids: string[] = [];
      const sizes: number[] = [];
      let marker: string | undefined;
      do {
        const out = await h.clients.kms.send(new ListKeysCommand({ Limit: 90, Marker: marker }));
        ids.push(...(out.Keys ?? []).map((k) => k.KeyId!));
        sizes.push(out.Keys?.length ?? 0);
        marker = out.NextMarker;
        expect(out.Truncated).toBe(marker !== undefined);
      } while (marker && sizes.length < 20);
      const all = await h.clients.kms.send(new ListKeysCommand({ Limit: 1000 }));
      expect(all.Truncated).toBe(false);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(all.Keys!.map((k) => k.KeyId));
      expect(sizes.slice(0, -1).every((n) => n === 90)).toBe(true);
      expect(sizes.at(-1)).toBe(all.Keys!.length % 90 || 90);
    });

    it.each([0, 1001])("Limit %i is a ValidationException", async (limit) => {
      const h = await open(scenario("healthy"));
      await expectError(h.clients.kms.send(new ListKeysCommand({ Limit: limit })), "ValidationException");
    });

    it("an invalid Marker is InvalidMarkerException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(new ListKeysCommand({ Marker: "bm90LWEtbWFya2Vy" })),
        InvalidMarkerException,
      );
    });

    it("a DescribeCustomKeyStores marker is not a ListKeys marker: InvalidMarkerException", async () => {
      const h = await open(scenario("fleet"));
      const stores = await h.clients.kms.send(new DescribeCustomKeyStoresCommand({ Limit: 1 }));
      expect(stores.NextMarker).toBeTruthy();
      await expectError(
        h.clients.kms.send(new ListKeysCommand({ Marker: stores.NextMarker })),
        InvalidMarkerException,
      );
    });
  });

  describe("DescribeKey", () => {
    const forms: [string, (m: { KeyId: string; Arn: string; region: string; account: string }) => string][] =
      [
        ["key id", (m) => m.KeyId],
        ["key ARN", (m) => m.Arn],
        ["alias name", () => "alias/customer-pii"],
        ["alias ARN", (m) => `arn:aws:kms:${m.region}:${m.account}:alias/customer-pii`],
      ];
    it.each(forms)("finds the key by %s", async (_form, keyIdOf) => {
      const h = await open(scenario("healthy"));
      const aliases = await h.clients.kms.send(new ListAliasesCommand({}));
      const target = aliases.Aliases!.find((a) => a.AliasName === "alias/customer-pii")!.TargetKeyId!;
      const viaId = await describeKey(h, target);
      const keyId = keyIdOf({
        KeyId: viaId.KeyId!,
        Arn: viaId.Arn!,
        region: h.clients.region,
        account: viaId.AWSAccountId!,
      });
      const m = await describeKey(h, keyId);
      expect(m.KeyId).toBe(target);
      expect(m.Arn).toBe(viaId.Arn);
      expect(m.Description).toContain("customer-pii");
    });

    it.each([
      ["an unknown key id", "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b"],
      ["an unknown alias", "alias/no-such-alias"],
      [
        "a key ARN in another account",
        "arn:aws:kms:eu-west-1:999999999999:key/0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
      ],
    ])("%s is NotFoundException", async (_what, keyId) => {
      const h = await open(scenario("healthy"));
      await expectError(h.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId })), NotFoundException);
    });

    it.each(["arn:aws:kms:eu-west-1", "arn:aws:kms:eu-west-1:111122223333:keys/abc"])(
      "a malformed ARN (%s) is InvalidArnException",
      async (keyId) => {
        const h = await open(scenario("healthy"));
        await expectError(h.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId })), InvalidArnException);
      },
    );

    it.each([
      ["DISCONNECTED", "store-disconnected"],
      ["FAILED", "invalid-credentials"],
      ["CONNECTING", "connection-in-progress"],
    ])("a key reads Unavailable (Enabled false) while its store is %s", async (state, name) => {
      const h = await open(scenario(name));
      const out = await h.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(out.CustomKeyStores![0]!.ConnectionState).toBe(state);
      for (const alias of ["alias/payments-ledger", "alias/partner-exchange"]) {
        const m = await describeKey(h, alias);
        expect(m.KeyState, alias).toBe("Unavailable");
        expect(m.Enabled, alias).toBe(false);
      }
    });

    it("a store key shows Origin AWS_CLOUDHSM, its CustomKeyStoreId and CloudHsmClusterId", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const m = await describeKey(h, "alias/payments-ledger");
      expect(m).toMatchObject({
        Origin: "AWS_CLOUDHSM",
        CustomKeyStoreId: id,
        CloudHsmClusterId: clusterId,
        KeyState: "Enabled",
        Enabled: true,
        KeyManager: "CUSTOMER",
        KeySpec: "SYMMETRIC_DEFAULT",
        KeyUsage: "ENCRYPT_DECRYPT",
        MultiRegion: false,
      });
      expect(m.CreationDate).toBeInstanceOf(Date);
      expect(m.DeletionDate).toBeUndefined();
    });
  });

  describe("ListAliases", () => {
    it("lists every alias with its ARN and target key", async () => {
      const h = await open(scenario("healthy"));
      const out = await h.clients.kms.send(new ListAliasesCommand({}));
      const names = out.Aliases!.map((a) => a.AliasName).sort();
      expect(names).toEqual(
        [
          "alias/audit-log",
          "alias/backup-archive",
          "alias/customer-pii",
          "alias/partner-exchange",
          "alias/payments-ledger",
          "alias/session-tokens",
        ].sort(),
      );
      for (const a of out.Aliases!) {
        expect(a.AliasArn).toMatch(new RegExp(`^arn:aws:kms:${h.clients.region}:\\d{12}:${a.AliasName}$`));
        expect((await describeKey(h, a.AliasName!)).KeyId).toBe(a.TargetKeyId);
      }
    });

    it.each(["key id", "key ARN"])("KeyId (as a %s) keeps only that key's aliases", async (form) => {
      const h = await open(scenario("healthy"));
      const m = await describeKey(h, "alias/audit-log");
      const out = await h.clients.kms.send(
        new ListAliasesCommand({ KeyId: form === "key id" ? m.KeyId : m.Arn }),
      );
      expect(out.Aliases?.map((a) => a.AliasName)).toEqual(["alias/audit-log"]);
      expect(out.Aliases?.[0]?.TargetKeyId).toBe(m.KeyId);
    });

    it("an unknown KeyId is NotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(new ListAliasesCommand({ KeyId: "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b" })),
        NotFoundException,
      );
    });
  });

  describe("CreateKey in a custom key store", () => {
    it.each([
      ["DISCONNECTED", "store-disconnected"],
      ["FAILED", "invalid-credentials"],
      ["CONNECTING", "connection-in-progress"],
    ])("a %s store is refused with CustomKeyStoreInvalidStateException", async (_state, name) => {
      const h = await open(scenario(name));
      const { id } = await firstStore(h);
      const before = (await h.clients.kms.send(new ListKeysCommand({}))).Keys!.length;
      await expectError(
        h.clients.kms.send(new CreateKeyCommand({ CustomKeyStoreId: id, Origin: "AWS_CLOUDHSM" })),
        CustomKeyStoreInvalidStateException,
      );
      expect((await h.clients.kms.send(new ListKeysCommand({}))).Keys).toHaveLength(before);
    });

    it("an Origin other than AWS_CLOUDHSM is UnsupportedOperationException", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      await expectError(
        h.clients.kms.send(new CreateKeyCommand({ CustomKeyStoreId: id })),
        UnsupportedOperationException,
      );
      await expectError(
        h.clients.kms.send(new CreateKeyCommand({ CustomKeyStoreId: id, Origin: "AWS_KMS" })),
        UnsupportedOperationException,
      );
    });

    it("an unknown store is CustomKeyStoreNotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(
          new CreateKeyCommand({ CustomKeyStoreId: "cks-0123456789abcdef0", Origin: "AWS_CLOUDHSM" }),
        ),
        CustomKeyStoreNotFoundException,
      );
    });

    it("a cluster with one active HSM is CloudHsmClusterInvalidConfigurationException", async () => {
      const h = await open(scenario("insufficient-hsms"));
      const { id, clusterId } = await firstStore(h);
      const active = ((await describeCluster(h, clusterId)).Hsms ?? []).filter((x) => x.State === "ACTIVE");
      expect(active).toHaveLength(1);
      await expectError(
        h.clients.kms.send(new CreateKeyCommand({ CustomKeyStoreId: id, Origin: "AWS_CLOUDHSM" })),
        CloudHsmClusterInvalidConfigurationException,
      );
    });

    it("two active HSMs in the same AZ are CloudHsmClusterInvalidConfigurationException", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const [first, second] = (await describeCluster(h, clusterId)).Hsms ?? [];
      await h.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: clusterId, HsmId: second!.HsmId }));
      await h.clients.cloudhsm.send(
        new CreateHsmCommand({ ClusterId: clusterId, AvailabilityZone: first!.AvailabilityZone }),
      );
      h.clock.advance(Math.max(DURATIONS.hsmCreate, DURATIONS.hsmDelete));
      const hsms = (await describeCluster(h, clusterId)).Hsms ?? [];
      expect(hsms.filter((x) => x.State === "ACTIVE")).toHaveLength(2);
      expect(new Set(hsms.map((x) => x.AvailabilityZone)).size).toBe(1);
      await expectError(
        h.clients.kms.send(new CreateKeyCommand({ CustomKeyStoreId: id, Origin: "AWS_CLOUDHSM" })),
        CloudHsmClusterInvalidConfigurationException,
      );
    });

    it("creates an Enabled key whose HSM key material is labelled with the key ARN and owned by kmsuser", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const m = await createStoreKey(h, id);
      expect(m).toMatchObject({
        KeyState: "Enabled",
        Enabled: true,
        Origin: "AWS_CLOUDHSM",
        CustomKeyStoreId: id,
        CloudHsmClusterId: clusterId,
      });
      expect(m.Arn).toBe(`arn:aws:kms:${h.clients.region}:${m.AWSAccountId}:key/${m.KeyId}`);
      const material = hsmKeysLabelled(h, m.Arn!);
      expect(material).toHaveLength(1);
      expect(material[0]).toMatchObject({ owner: KMSUSER, keyType: "aes", class: "secret-key" });
      const cluster = h.world().clusters.find((c) => c.ClusterId === clusterId)!;
      expect(cluster.hsm.keys).toContain(material[0]);
      expect((await h.clients.kms.send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toContain(
        m.KeyId,
      );
    });

    it("records a CreateKey CloudTrail event with additionalEventData.backingKey", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const m = await createStoreKey(h, id);
      const [record] = await trailRecords(h, "CreateKey", m.Arn!);
      expect(record).toBeDefined();
      expect(record!.eventSource).toBe("kms.amazonaws.com");
      expect(record!.eventType).toBe("AwsApiCall");
      const backingKey = JSON.parse(record!.additionalEventData!.backingKey!) as BackingKeyEntry;
      const [material] = hsmKeysLabelled(h, m.Arn!);
      expect(backingKey.backingKeyId).toBe(material!.backingKeyId);
      expect(backingKey.keyHandle).toBe(material!.keyHandle);
      expect(record!.responseElements?.keyMetadata).toMatchObject({
        keyId: m.KeyId,
        origin: "AWS_CLOUDHSM",
        customKeyStoreId: id,
        cloudHsmClusterId: clusterId,
      });
    });
  });

  describe("ScheduleKeyDeletion", () => {
    it("defaults to a 30-day waiting period and shows PendingDeletion with its DeletionDate", async () => {
      const h = await open(scenario("healthy"));
      const m = await describeKey(h, "alias/backup-archive");
      const out = await h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: m.KeyId }));
      expect(out.KeyId).toBe(m.Arn);
      expect(out.KeyState).toBe("PendingDeletion");
      expect(out.PendingWindowInDays).toBe(30);
      expect(out.DeletionDate?.getTime()).toBe(h.clock.now() + 30 * DAY);
      const after = await describeKey(h, m.KeyId!);
      expect(after.KeyState).toBe("PendingDeletion");
      expect(after.Enabled).toBe(false);
      expect(after.DeletionDate?.getTime()).toBe(h.clock.now() + 30 * DAY);
      // Only multi-Region keys pending replica deletion carry PendingDeletionWindowInDays.
      expect(after.PendingDeletionWindowInDays).toBeUndefined();
    });

    it.each([7, 30])("accepts a waiting period of %i days", async (days) => {
      const h = await open(scenario("healthy"));
      const out = await h.clients.kms.send(
        new ScheduleKeyDeletionCommand({ KeyId: "alias/backup-archive", PendingWindowInDays: days }),
      );
      expect(out.PendingWindowInDays).toBe(days);
      expect(out.DeletionDate?.getTime()).toBe(h.clock.now() + days * DAY);
    });

    it.each([6, 31])("a waiting period of %i days is a ValidationException", async (days) => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(
          new ScheduleKeyDeletionCommand({ KeyId: "alias/backup-archive", PendingWindowInDays: days }),
        ),
        "ValidationException",
      );
      expect(await keyState(h, "alias/backup-archive")).toBe("Enabled");
    });

    it("a key already pending deletion is KMSInvalidStateException", async () => {
      const h = await open(scenario("pending-deletion-keys"));
      const before = await describeKey(h, "alias/session-tokens");
      expect(before.KeyState).toBe("PendingDeletion");
      await expectError(
        h.clients.kms.send(
          new ScheduleKeyDeletionCommand({ KeyId: "alias/session-tokens", PendingWindowInDays: 7 }),
        ),
        KMSInvalidStateException,
      );
      expect((await describeKey(h, "alias/session-tokens")).DeletionDate).toEqual(before.DeletionDate);
    });

    it("works while the key is Unavailable (store disconnected)", async () => {
      const h = await open(scenario("store-disconnected"));
      expect(await keyState(h, "alias/backup-archive")).toBe("Unavailable");
      const out = await h.clients.kms.send(
        new ScheduleKeyDeletionCommand({ KeyId: "alias/backup-archive", PendingWindowInDays: 7 }),
      );
      expect(out.KeyState).toBe("PendingDeletion");
      expect(await keyState(h, "alias/backup-archive")).toBe("PendingDeletion");
    });

    it("an unknown key is NotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b" })),
        NotFoundException,
      );
    });
  });

  describe("CancelKeyDeletion", () => {
    it("returns a pending key to Disabled, without a DeletionDate", async () => {
      const h = await open(scenario("healthy"));
      const m = await describeKey(h, "alias/backup-archive");
      await h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: m.KeyId, PendingWindowInDays: 7 }));
      const out = await h.clients.kms.send(new CancelKeyDeletionCommand({ KeyId: m.KeyId }));
      expect(out.KeyId).toBe(m.Arn);
      const after = await describeKey(h, m.KeyId!);
      expect(after.KeyState).toBe("Disabled");
      expect(after.DeletionDate).toBeUndefined();
      h.clock.advance(8 * DAY);
      expect(await keyState(h, m.KeyId!)).toBe("Disabled");
    });

    it("a key that is not pending deletion is KMSInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(new CancelKeyDeletionCommand({ KeyId: "alias/payments-ledger" })),
        KMSInvalidStateException,
      );
      expect(await keyState(h, "alias/payments-ledger")).toBe("Enabled");
    });

    it("works while the store is disconnected: the key reads Unavailable, then Disabled on reconnect", async () => {
      const h = await open(scenario("pending-deletion-keys"));
      const { id } = await firstStore(h);
      await h.clients.kms.send(new CancelKeyDeletionCommand({ KeyId: "alias/session-tokens" }));
      expect(await keyState(h, "alias/session-tokens")).toBe("Unavailable");
      await connectAndSettle(h, id, { settled: "CONNECTED" });
      expect(await keyState(h, "alias/session-tokens")).toBe("Disabled");
      expect(await keyState(h, "alias/audit-log")).toBe("PendingDeletion");
    });
  });

  describe("EnableKey and DisableKey", () => {
    it("DisableKey and EnableKey change a key of a CONNECTED store at once", async () => {
      const h = await open(scenario("healthy"));
      await h.clients.kms.send(new DisableKeyCommand({ KeyId: "alias/payments-ledger" }));
      expect(await keyState(h, "alias/payments-ledger")).toBe("Disabled");
      await h.clients.kms.send(new EnableKeyCommand({ KeyId: "alias/payments-ledger" }));
      expect(await keyState(h, "alias/payments-ledger")).toBe("Enabled");
    });

    it("DisableKey on an Unavailable key succeeds, the key stays Unavailable and reads Disabled after reconnect", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      const out = await h.clients.kms.send(new DisableKeyCommand({ KeyId: "alias/payments-ledger" }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(await keyState(h, "alias/payments-ledger")).toBe("Unavailable");
      await connectAndSettle(h, id, { settled: "CONNECTED" });
      expect(await keyState(h, "alias/payments-ledger")).toBe("Disabled");
    });

    it("EnableKey on an Unavailable key succeeds, the key stays Unavailable and reads Enabled after reconnect", async () => {
      const h = await open(scenario("store-disconnected"));
      const { id } = await firstStore(h);
      await h.clients.kms.send(new EnableKeyCommand({ KeyId: "alias/partner-exchange" }));
      expect(await keyState(h, "alias/partner-exchange")).toBe("Unavailable");
      await connectAndSettle(h, id, { settled: "CONNECTED" });
      expect(await keyState(h, "alias/partner-exchange")).toBe("Enabled");
    });

    it.each([
      ["EnableKey", EnableKeyCommand],
      ["DisableKey", DisableKeyCommand],
    ] as const)("%s on a key pending deletion is KMSInvalidStateException", async (_op, Command) => {
      const h = await open(scenario("pending-deletion-keys"));
      await expectError(
        h.clients.kms.send(new Command({ KeyId: "alias/audit-log" })),
        KMSInvalidStateException,
      );
      expect(await keyState(h, "alias/audit-log")).toBe("PendingDeletion");
    });
  });

  describe("deletion at the end of the waiting period", () => {
    it("nothing is deleted before the waiting period ends", async () => {
      const h = await open(scenario("healthy"));
      const m = await describeKey(h, "alias/backup-archive");
      await h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: m.KeyId, PendingWindowInDays: 7 }));
      h.clock.advance(7 * DAY - 1);
      expect(await keyState(h, m.KeyId!)).toBe("PendingDeletion");
      expect(hsmKeysLabelled(h, m.Arn!)).toHaveLength(1);
      expect(await trailRecords(h, "DeleteKey", m.Arn!)).toHaveLength(0);
    });

    it("with the store CONNECTED the key, its aliases and its HSM material go, and DeleteKey says SUCCESS", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const m = await describeKey(h, "alias/backup-archive");
      const [material] = hsmKeysLabelled(h, m.Arn!);
      await h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: m.KeyId, PendingWindowInDays: 7 }));
      h.clock.advance(7 * DAY);
      await expectError(h.clients.kms.send(new DescribeKeyCommand({ KeyId: m.KeyId })), NotFoundException);
      const aliases = await h.clients.kms.send(new ListAliasesCommand({}));
      expect(aliases.Aliases?.map((a) => a.AliasName)).not.toContain("alias/backup-archive");
      expect(hsmKeysLabelled(h, m.Arn!)).toHaveLength(0);
      const [record] = await trailRecords(h, "DeleteKey", m.Arn!);
      expect(record).toMatchObject({
        eventType: "AwsServiceEvent",
        userIdentity: { invokedBy: "AWS Internal" },
        requestParameters: null,
        responseElements: { keyId: m.Arn },
      });
      expect(record!.additionalEventData).toMatchObject({ customKeyStoreId: id, clusterId });
      const status = JSON.parse(record!.additionalEventData!.backingKeysDeletionStatus!) as BackingKeyEntry[];
      expect(status).toEqual([
        { keyHandle: material!.keyHandle, backingKeyId: material!.backingKeyId, deletionStatus: "SUCCESS" },
      ]);
      const backingKeys = JSON.parse(record!.additionalEventData!.backingKeys!) as BackingKeyEntry[];
      expect(backingKeys.map((b) => b.backingKeyId)).toEqual([material!.backingKeyId]);
    });

    it("with the store DISCONNECTED the HSM material stays behind (orphaned) and DeleteKey says FAILURE", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const m = await describeKey(h, "alias/backup-archive");
      await disconnectAndSettle(h, id, { settled: "DISCONNECTED" });
      await h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: m.KeyId, PendingWindowInDays: 7 }));
      h.clock.advance(7 * DAY);
      await expectError(h.clients.kms.send(new DescribeKeyCommand({ KeyId: m.KeyId })), NotFoundException);
      const orphan = hsmKeysLabelled(h, m.Arn!);
      expect(orphan).toHaveLength(1);
      const [record] = await trailRecords(h, "DeleteKey", m.Arn!);
      expect(record!.eventType).toBe("AwsServiceEvent");
      expect(record!.additionalEventData).toMatchObject({ customKeyStoreId: id, clusterId });
      const status = JSON.parse(record!.additionalEventData!.backingKeysDeletionStatus!) as BackingKeyEntry[];
      expect(status).toEqual([
        { keyHandle: orphan[0]!.keyHandle, backingKeyId: orphan[0]!.backingKeyId, deletionStatus: "FAILURE" },
      ]);
    });
  });
});
