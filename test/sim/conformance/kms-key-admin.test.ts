// Conformance of the KMS operations a troubleshooter uses to read and tidy a key (policy, tags,
// grants, aliases, description, rotation status), through the real SDK v3 clients on both transports.
// Rules: the AWS KMS API Reference of each operation, the key-state table, and KMS's quotas.
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeCustomKeyStoresCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  InvalidAliasNameException,
  InvalidGrantIdException,
  InvalidMarkerException,
  KMSInvalidStateException,
  LimitExceededException,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  MalformedPolicyDocumentException,
  NotFoundException,
  ScheduleKeyDeletionCommand,
  TagException,
  TagResourceCommand,
  UnsupportedOperationException,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import type { Grant, KmsKey } from "../../../src/sim/world.js";
import type { Harness } from "../../helpers/sim.js";
import { describeKey, expectError, firstStore, harnessPerTest, scenario, TRANSPORTS } from "./kms-support.js";

const kms = (h: Harness) => h.clients.kms;

/** A key in the default (AWS_KMS) key store. */
async function kmsKey(
  h: Harness,
  input: Partial<{ Policy: string; Tags: { TagKey: string; TagValue: string }[] }> = {},
) {
  const out = await kms(h).send(new CreateKeyCommand({ Description: "admin conformance", ...input }));
  return out.KeyMetadata!;
}

/** The first key of the scenario's CloudHSM key store (healthy: Enabled). */
const storeKey = (h: Harness): KmsKey => h.world().keys.find((k) => k.Origin === "AWS_CLOUDHSM")!;

const pendingDeletion = async (h: Harness, keyId: string) =>
  kms(h).send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));

async function trailRecord(h: Harness, eventName: string) {
  // CloudTrail's event history shows a call minutes after it was made.
  h.clock.advance(DURATIONS.trailDelivery);
  const out = await h.clients.cloudtrail.send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: eventName }] }),
  );
  const e = out.Events?.[0];
  return e ? (JSON.parse(e.CloudTrailEvent!) as Record<string, unknown>) : undefined;
}

const keyCount = async (h: Harness) => (await kms(h).send(new ListKeysCommand({ Limit: 1000 }))).Keys!.length;

describe.each(TRANSPORTS)("KMS key administration over %s", (transport) => {
  const open = harnessPerTest(transport);

  describe("GetKeyPolicy and CreateKey's Policy", () => {
    it("a key created without a policy has the default key policy, naming the account's root", async () => {
      const h = await open(scenario("healthy"));
      const key = await kmsKey(h);
      const out = await kms(h).send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
      expect(out.PolicyName).toBe("default");
      const policy = JSON.parse(out.Policy!) as { Version: string; Statement: Record<string, unknown>[] };
      expect(policy.Version).toBe("2012-10-17");
      expect(policy.Statement).toEqual([
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${h.world().accountId}:root` },
          Action: "kms:*",
          Resource: "*",
        },
      ]);
      // Keys the scenario made before policies were kept read the same default.
      const old = await kms(h).send(new GetKeyPolicyCommand({ KeyId: storeKey(h).Arn }));
      expect(old.Policy).toBe(out.Policy);
    });

    it("returns the policy CreateKey was given, as given", async () => {
      const h = await open(scenario("healthy"));
      const policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:role/ops" },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      });
      const key = await kmsKey(h, { Policy: policy });
      const out = await kms(h).send(new GetKeyPolicyCommand({ KeyId: key.Arn, PolicyName: "default" }));
      expect(out.Policy).toBe(policy);
    });

    it.each([
      ["not JSON", "{ not json"],
      ["a JSON array", "[]"],
      [
        "a statement without a principal",
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}',
      ],
      ["no statement", '{"Version":"2012-10-17"}'],
    ])("CreateKey refuses %s with MalformedPolicyDocumentException, creating no key", async (_n, policy) => {
      const h = await open(scenario("healthy"));
      const before = await keyCount(h);
      await expectError(kmsKey(h, { Policy: policy }), MalformedPolicyDocumentException);
      expect(await keyCount(h)).toBe(before);
    });

    it("refuses a policy over the 32 KB quota with LimitExceededException", async () => {
      const h = await open(scenario("healthy"));
      const big = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "x".repeat(33_000), Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" },
        ],
      });
      await expectError(kmsKey(h, { Policy: big }), LimitExceededException);
    });

    it("reads the policy of a key pending deletion; a policy name other than default is NotFoundException", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await pendingDeletion(h, key.KeyId);
      expect((await kms(h).send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toContain("kms:*");
      await expectError(
        kms(h).send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: "other" })),
        NotFoundException,
      );
    });

    it("takes a key id or key ARN, not an alias: NotFoundException", async () => {
      const h = await open(scenario("healthy"));
      const alias = h.world().aliases[0]!.AliasName;
      await expectError(kms(h).send(new GetKeyPolicyCommand({ KeyId: alias })), NotFoundException);
    });
  });

  describe("TagResource, UntagResource, ListResourceTags", () => {
    it("adds, overwrites and removes tags, and CloudTrail records the changes", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await kms(h).send(
        new TagResourceCommand({
          KeyId: key.KeyId,
          Tags: [
            { TagKey: "team", TagValue: "payments" },
            { TagKey: "env", TagValue: "" },
          ],
        }),
      );
      h.clock.advance(1000);
      await kms(h).send(
        new TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: "team", TagValue: "risk" }] }),
      );
      let out = await kms(h).send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
      expect(out.Tags).toEqual([
        { TagKey: "team", TagValue: "risk" },
        { TagKey: "env", TagValue: "" },
      ]);
      expect(out.Truncated).toBe(false);
      await kms(h).send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ["env", "never-there"] }));
      out = await kms(h).send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
      expect(out.Tags).toEqual([{ TagKey: "team", TagValue: "risk" }]);
      const tagged = await trailRecord(h, "TagResource");
      expect(tagged?.requestParameters).toEqual({
        keyId: key.KeyId,
        tags: [{ tagKey: "team", tagValue: "risk" }],
      });
      expect(tagged?.resources).toEqual([
        { accountId: h.world().accountId, type: "AWS::KMS::Key", ARN: key.Arn },
      ]);
      expect((await trailRecord(h, "UntagResource"))?.requestParameters).toEqual({
        keyId: key.KeyId,
        tagKeys: ["env", "never-there"],
      });
    });

    it("a key without tags lists none", async () => {
      const h = await open(scenario("healthy"));
      const out = await kms(h).send(new ListResourceTagsCommand({ KeyId: storeKey(h).KeyId }));
      expect(out.Tags).toEqual([]);
      expect(out.Truncated).toBe(false);
      expect(out.NextMarker).toBeUndefined();
    });

    it.each([
      ["the aws: prefix", [{ TagKey: "aws:owner", TagValue: "x" }]],
      [
        "a key twice",
        [
          { TagKey: "a", TagValue: "1" },
          { TagKey: "a", TagValue: "2" },
        ],
      ],
    ])("refuses %s with TagException, changing nothing", async (_n, Tags) => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await expectError(kms(h).send(new TagResourceCommand({ KeyId: key.KeyId, Tags })), TagException);
      expect(h.world().keys.find((k) => k.KeyId === key.KeyId)!.tags).toBeUndefined();
    });

    it("50 tags fit on a key; the 51st is LimitExceededException", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      const fifty = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k${i}`, TagValue: `v${i}` }));
      await kms(h).send(new TagResourceCommand({ KeyId: key.KeyId, Tags: fifty }));
      // Overwriting a tag the key has adds none.
      await kms(h).send(
        new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "k0", TagValue: "new" }] }),
      );
      await expectError(
        kms(h).send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "k50", TagValue: "x" }] })),
        LimitExceededException,
      );
    });

    it("a key pending deletion keeps its tags: TagResource and UntagResource are KMSInvalidStateException, ListResourceTags works", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await kms(h).send(
        new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "team", TagValue: "a" }] }),
      );
      await pendingDeletion(h, key.KeyId);
      await expectError(
        kms(h).send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "b", TagValue: "c" }] })),
        KMSInvalidStateException,
      );
      await expectError(
        kms(h).send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ["team"] })),
        KMSInvalidStateException,
      );
      expect((await kms(h).send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toHaveLength(1);
    });

    it("pages with Limit and Marker; a foreign marker is InvalidMarkerException; Limit over 50 is a ValidationException", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      const tags = Array.from({ length: 5 }, (_, i) => ({ TagKey: `k${i}`, TagValue: `v${i}` }));
      await kms(h).send(new TagResourceCommand({ KeyId: key.KeyId, Tags: tags }));
      const seen: string[] = [];
      let marker: string | undefined;
      do {
        const out = await kms(h).send(
          new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 2, Marker: marker }),
        );
        seen.push(...out.Tags!.map((t) => t.TagKey!));
        marker = out.NextMarker;
        expect(out.Truncated).toBe(marker !== undefined);
      } while (marker);
      expect(seen).toEqual(tags.map((t) => t.TagKey));
      const aliases = await kms(h).send(new ListAliasesCommand({ Limit: 1 }));
      await expectError(
        kms(h).send(new ListResourceTagsCommand({ KeyId: key.KeyId, Marker: aliases.NextMarker })),
        InvalidMarkerException,
      );
      await expectError(
        kms(h).send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 51 })),
        "ValidationException",
      );
    });

    it("CreateKey keeps its Tags, and refuses reserved ones with TagException, creating no key", async () => {
      const h = await open(scenario("healthy"));
      const key = await kmsKey(h, { Tags: [{ TagKey: "team", TagValue: "payments" }] });
      expect((await kms(h).send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([
        { TagKey: "team", TagValue: "payments" },
      ]);
      const before = await keyCount(h);
      await expectError(kmsKey(h, { Tags: [{ TagKey: "aws:x", TagValue: "y" }] }), TagException);
      expect(await keyCount(h)).toBe(before);
    });
  });

  describe("CreateAlias, UpdateAlias, DeleteAlias", () => {
    it("creates an alias ListAliases shows and KMS resolves, recorded in CloudTrail for the alias and the key", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await kms(h).send(new CreateAliasCommand({ AliasName: "alias/troubleshooting", TargetKeyId: key.Arn }));
      const listed = await kms(h).send(new ListAliasesCommand({ KeyId: key.KeyId }));
      expect(listed.Aliases!.map((a) => a.AliasName)).toContain("alias/troubleshooting");
      expect((await describeKey(h, "alias/troubleshooting")).KeyId).toBe(key.KeyId);
      const rec = await trailRecord(h, "CreateAlias");
      expect(rec?.requestParameters).toEqual({ aliasName: "alias/troubleshooting", targetKeyId: key.KeyId });
      expect((rec!.resources as { ARN: string }[]).map((r) => r.ARN)).toEqual([
        `arn:aws:kms:${h.world().region}:${h.world().accountId}:alias/troubleshooting`,
        key.Arn,
      ]);
    });

    it.each([
      ["an existing alias name", "alias/payments-ledger", AlreadyExistsException],
      ["the reserved alias/aws/ prefix", "alias/aws/ebs", InvalidAliasNameException],
      ["a name without the alias/ prefix", "payments", "ValidationException"],
    ] as const)("refuses %s", async (_n, AliasName, error) => {
      const h = await open(scenario("healthy"));
      const before = h.world().aliases.length;
      await expectError(
        kms(h).send(new CreateAliasCommand({ AliasName, TargetKeyId: storeKey(h).KeyId })),
        error,
      );
      expect(h.world().aliases).toHaveLength(before);
    });

    it("needs a key id or ARN of a key not pending deletion", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await expectError(
        kms(h).send(new CreateAliasCommand({ AliasName: "alias/a", TargetKeyId: "alias/payments-ledger" })),
        NotFoundException,
      );
      await expectError(
        kms(h).send(
          new CreateAliasCommand({
            AliasName: "alias/a",
            TargetKeyId: "00000000-0000-4000-8000-000000000000",
          }),
        ),
        NotFoundException,
      );
      await pendingDeletion(h, key.KeyId);
      await expectError(
        kms(h).send(new CreateAliasCommand({ AliasName: "alias/a", TargetKeyId: key.KeyId })),
        KMSInvalidStateException,
      );
    });

    it("a key can have many aliases, up to 50: the 51st is LimitExceededException", async () => {
      const h = await open(scenario("healthy"));
      const key = await kmsKey(h);
      for (let i = 0; i < 50; i++)
        await kms(h).send(new CreateAliasCommand({ AliasName: `alias/many-${i}`, TargetKeyId: key.KeyId }));
      expect(h.world().aliases.filter((a) => a.TargetKeyId === key.KeyId)).toHaveLength(50);
      await expectError(
        kms(h).send(new CreateAliasCommand({ AliasName: "alias/many-50", TargetKeyId: key.KeyId })),
        LimitExceededException,
      );
    });

    it("UpdateAlias points an alias at another key, even away from a key pending deletion", async () => {
      const h = await open(scenario("healthy"));
      const [a, b] = h.world().keys.filter((k) => k.Origin === "AWS_CLOUDHSM");
      const alias = h.world().aliases.find((x) => x.TargetKeyId === a!.KeyId)!;
      h.clock.advance(60_000);
      await pendingDeletion(h, a!.KeyId);
      await kms(h).send(new UpdateAliasCommand({ AliasName: alias.AliasName, TargetKeyId: b!.Arn }));
      const out = await kms(h).send(new ListAliasesCommand({ KeyId: b!.KeyId }));
      const moved = out.Aliases!.find((x) => x.AliasName === alias.AliasName)!;
      expect(moved.TargetKeyId).toBe(b!.KeyId);
      expect(moved.LastUpdatedDate!.getTime()).toBeGreaterThan(moved.CreationDate!.getTime());
      expect((await trailRecord(h, "UpdateAlias"))?.requestParameters).toEqual({
        aliasName: alias.AliasName,
        targetKeyId: b!.KeyId,
      });
    });

    it("UpdateAlias: an unknown alias is NotFoundException; a destination pending deletion is KMSInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const [a, b] = h.world().keys.filter((k) => k.Origin === "AWS_CLOUDHSM");
      await expectError(
        kms(h).send(new UpdateAliasCommand({ AliasName: "alias/nope", TargetKeyId: a!.KeyId })),
        NotFoundException,
      );
      await pendingDeletion(h, b!.KeyId);
      const alias = h.world().aliases.find((x) => x.TargetKeyId === a!.KeyId)!;
      await expectError(
        kms(h).send(new UpdateAliasCommand({ AliasName: alias.AliasName, TargetKeyId: b!.KeyId })),
        KMSInvalidStateException,
      );
      expect(h.world().aliases.find((x) => x.AliasName === alias.AliasName)!.TargetKeyId).toBe(a!.KeyId);
    });

    it("UpdateAlias refuses a key of another key spec (ValidationException)", async () => {
      const h = await open(scenario("healthy"));
      const [a, b] = h.world().keys.filter((k) => k.Origin === "AWS_CLOUDHSM");
      // An HMAC key, as a world file may hold one (the simulator's CreateKey makes only symmetric keys).
      (b as { KeySpec: string }).KeySpec = "HMAC_256";
      const alias = h.world().aliases.find((x) => x.TargetKeyId === a!.KeyId)!;
      await expectError(
        kms(h).send(new UpdateAliasCommand({ AliasName: alias.AliasName, TargetKeyId: b!.KeyId })),
        "ValidationException",
      );
    });

    it("DeleteAlias removes the alias (not the key); a second delete is NotFoundException", async () => {
      const h = await open(scenario("healthy"));
      const alias = h.world().aliases[0]!;
      await kms(h).send(new DeleteAliasCommand({ AliasName: alias.AliasName }));
      expect(h.world().aliases.some((a) => a.AliasName === alias.AliasName)).toBe(false);
      expect((await describeKey(h, alias.TargetKeyId)).KeyId).toBe(alias.TargetKeyId);
      expect((await trailRecord(h, "DeleteAlias"))?.requestParameters).toEqual({
        aliasName: alias.AliasName,
      });
      await expectError(
        kms(h).send(new DeleteAliasCommand({ AliasName: alias.AliasName })),
        NotFoundException,
      );
    });
  });

  describe("ListGrants", () => {
    const grant = (i: number, grantee = "arn:aws:iam::111122223333:role/app"): Grant => ({
      GrantId: i.toString(16).padStart(64, "0"),
      Name: `grant-${i}`,
      CreationDate: Date.parse("2026-11-01T00:00:00Z") + i * 1000,
      GranteePrincipal: grantee,
      IssuingAccount: "arn:aws:iam::111122223333:root",
      Operations: ["Encrypt", "Decrypt"],
    });

    it("a key without grants lists none", async () => {
      const h = await open(scenario("healthy"));
      const out = await kms(h).send(new ListGrantsCommand({ KeyId: storeKey(h).KeyId }));
      expect(out.Grants).toEqual([]);
      expect(out.Truncated).toBe(false);
    });

    it("lists a key's grants page by page, filtered by GrantId or GranteePrincipal, even while it is pending deletion", async () => {
      const h = await open(scenario("healthy"));
      const key = h.world().keys.find((k) => k.Origin === "AWS_CLOUDHSM")!;
      key.grants = [grant(1), grant(2), grant(3, "arn:aws:iam::111122223333:role/other")];
      await pendingDeletion(h, key.KeyId);
      const first = await kms(h).send(new ListGrantsCommand({ KeyId: key.Arn, Limit: 2 }));
      expect(first.Grants).toHaveLength(2);
      expect(first.Truncated).toBe(true);
      expect(first.Grants![0]).toMatchObject({
        KeyId: key.Arn,
        GrantId: grant(1).GrantId,
        Name: "grant-1",
        Operations: ["Encrypt", "Decrypt"],
      });
      const second = await kms(h).send(
        new ListGrantsCommand({ KeyId: key.Arn, Limit: 2, Marker: first.NextMarker }),
      );
      expect(second.Grants!.map((g) => g.Name)).toEqual(["grant-3"]);
      expect(second.Truncated).toBe(false);
      const byId = await kms(h).send(new ListGrantsCommand({ KeyId: key.KeyId, GrantId: grant(2).GrantId }));
      expect(byId.Grants!.map((g) => g.Name)).toEqual(["grant-2"]);
      const byGrantee = await kms(h).send(
        new ListGrantsCommand({ KeyId: key.KeyId, GranteePrincipal: "arn:aws:iam::111122223333:role/other" }),
      );
      expect(byGrantee.Grants!.map((g) => g.Name)).toEqual(["grant-3"]);
    });

    it("a malformed GrantId is InvalidGrantIdException; a foreign marker is InvalidMarkerException; Limit 101 is a ValidationException", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await expectError(
        kms(h).send(new ListGrantsCommand({ KeyId: key.KeyId, GrantId: "not-a-grant" })),
        InvalidGrantIdException,
      );
      const aliases = await kms(h).send(new ListAliasesCommand({ Limit: 1 }));
      await expectError(
        kms(h).send(new ListGrantsCommand({ KeyId: key.KeyId, Marker: aliases.NextMarker })),
        InvalidMarkerException,
      );
      await expectError(
        kms(h).send(new ListGrantsCommand({ KeyId: key.KeyId, Limit: 101 })),
        "ValidationException",
      );
    });
  });

  describe("UpdateKeyDescription", () => {
    it("changes what DescribeKey shows, recorded in CloudTrail; a key pending deletion is KMSInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKey(h);
      await kms(h).send(new UpdateKeyDescriptionCommand({ KeyId: key.Arn, Description: "retired 2026-11" }));
      expect((await describeKey(h, key.KeyId)).Description).toBe("retired 2026-11");
      expect((await trailRecord(h, "UpdateKeyDescription"))?.requestParameters).toEqual({
        keyId: key.KeyId,
        description: "retired 2026-11",
      });
      await pendingDeletion(h, key.KeyId);
      await expectError(
        kms(h).send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: "x" })),
        KMSInvalidStateException,
      );
      expect((await describeKey(h, key.KeyId)).Description).toBe("retired 2026-11");
    });
  });

  describe("GetKeyRotationStatus", () => {
    it("a key in a CloudHSM key store has no rotation: UnsupportedOperationException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        kms(h).send(new GetKeyRotationStatusCommand({ KeyId: storeKey(h).KeyId })),
        UnsupportedOperationException,
      );
    });

    it("a KMS key reads not rotating, by key id or ARN; an alias is NotFoundException", async () => {
      const h = await open(scenario("healthy"));
      const key = await kmsKey(h);
      const out = await kms(h).send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      expect(out.KeyRotationEnabled).toBe(false);
      expect(out.KeyId).toBe(key.Arn);
      await kms(h).send(new CreateAliasCommand({ AliasName: "alias/rot", TargetKeyId: key.KeyId }));
      await expectError(
        kms(h).send(new GetKeyRotationStatusCommand({ KeyId: "alias/rot" })),
        NotFoundException,
      );
    });
  });

  describe("CreateCustomKeyStore of an external key store", () => {
    it("without XksProxyAuthenticationCredential is a ValidationException, creating nothing", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        kms(h).send(
          new CreateCustomKeyStoreCommand({
            CustomKeyStoreName: "partner-xks",
            CustomKeyStoreType: "EXTERNAL_KEY_STORE",
            XksProxyConnectivity: "PUBLIC_ENDPOINT",
            XksProxyUriEndpoint: "https://xks.partner.example.com",
            XksProxyUriPath: "/kms/xks/v1",
          }),
        ),
        "ValidationException",
      );
      const stores = await kms(h).send(new DescribeCustomKeyStoresCommand({}));
      expect(stores.CustomKeyStores!.map((s) => s.CustomKeyStoreId)).toEqual([(await firstStore(h)).id]);
    });
  });
});
