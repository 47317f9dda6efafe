// Conformance of the simulator's KMS cryptographic operations on custom-key-store keys, driven through
// the real SDK v3 clients (in-process and over HTTP). Rules: the AWS KMS API Reference (Encrypt, Decrypt,
// GenerateDataKey, GenerateRandom) and its quotas for keys in CloudHSM key stores.
import {
  CreateClusterCommand,
  CreateHsmCommand,
  DeleteClusterCommand,
  DescribeBackupsCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import {
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNotFoundException,
  DecryptCommand,
  DisabledException,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateRandomCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSInvalidStateException,
  NotFoundException,
  ScheduleKeyDeletionCommand,
  UnsupportedOperationException,
  UpdateCustomKeyStoreCommand,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import { KMSUSER } from "../../../src/sim/cloudhsm/hsm-data.js";
import { changePassword, deleteKey, login, logout } from "../../../src/sim/cloudhsm/operator.js";
import type { Harness } from "../../helpers/sim.js";
import {
  connectAndSettle,
  createXks,
  deleteAllHsms,
  describeCluster,
  describeKey,
  disconnectAndSettle,
  expectError,
  firstStore,
  harnessPerTest,
  OPERATOR_PW,
  scenario,
  storeState,
  TRANSPORTS,
} from "./kms-support.js";

const PLAINTEXT = new TextEncoder().encode("card 4111-1111-1111-1111, exp 12/29");

const encrypt = (h: Harness, keyId: string, plaintext = PLAINTEXT) =>
  h.clients.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));

async function ciphertextUnder(h: Harness, keyId: string): Promise<Uint8Array> {
  const out = await encrypt(h, keyId);
  return out.CiphertextBlob!;
}

describe.each(TRANSPORTS)("KMS cryptographic operations over %s", (transport) => {
  const open = harnessPerTest(transport);

  describe("Encrypt and Decrypt", () => {
    it("a ciphertext decrypts back to the plaintext, with or without the KeyId", async () => {
      const h = await open(scenario("healthy"));
      const m = await describeKey(h, "alias/payments-ledger");
      const enc = await encrypt(h, "alias/payments-ledger");
      expect(enc.KeyId).toBe(m.Arn);
      expect(enc.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
      expect(Buffer.from(enc.CiphertextBlob!).includes(Buffer.from(PLAINTEXT))).toBe(false);
      const dec = await h.clients.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
      expect(dec.KeyId).toBe(m.Arn);
      expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(PLAINTEXT));
      const withKey = await h.clients.kms.send(
        new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: m.Arn }),
      );
      expect(Buffer.from(withKey.Plaintext!)).toEqual(Buffer.from(PLAINTEXT));
    });

    it("Decrypt with the KeyId of another key is IncorrectKeyException", async () => {
      const h = await open(scenario("healthy"));
      const blob = await ciphertextUnder(h, "alias/payments-ledger");
      await expectError(
        h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: "alias/customer-pii" })),
        IncorrectKeyException,
      );
    });

    it("garbage ciphertext is InvalidCiphertextException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(
          new DecryptCommand({ CiphertextBlob: new TextEncoder().encode("definitely not a KMS ciphertext") }),
        ),
        InvalidCiphertextException,
      );
    });

    it("a tampered ciphertext is InvalidCiphertextException", async () => {
      const h = await open(scenario("healthy"));
      const blob = Buffer.from(await ciphertextUnder(h, "alias/payments-ledger"));
      blob[blob.length - 1] = blob[blob.length - 1]! ^ 0xff;
      await expectError(
        h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob })),
        InvalidCiphertextException,
      );
    });

    it("an unknown key is NotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(encrypt(h, "alias/no-such-alias"), NotFoundException);
    });

    it("a Disabled key is DisabledException, for Encrypt and for Decrypt", async () => {
      const h = await open(scenario("healthy"));
      expect((await describeKey(h, "alias/partner-exchange")).KeyState).toBe("Disabled");
      await expectError(encrypt(h, "alias/partner-exchange"), DisabledException);
      const blob = await ciphertextUnder(h, "alias/payments-ledger");
      await h.clients.kms.send(new DisableKeyCommand({ KeyId: "alias/payments-ledger" }));
      await expectError(h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob })), DisabledException);
    });

    it("an Unavailable key (store DISCONNECTED) is KMSInvalidStateException, for Encrypt and for Decrypt", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      const blob = await ciphertextUnder(h, "alias/payments-ledger");
      await disconnectAndSettle(h, id, { settled: "DISCONNECTED" });
      expect((await describeKey(h, "alias/payments-ledger")).KeyState).toBe("Unavailable");
      const e = await expectError(encrypt(h, "alias/payments-ledger"), KMSInvalidStateException);
      expect(e.message).toMatch(/unavailable/);
      await expectError(
        h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob })),
        KMSInvalidStateException,
      );
    });

    it("an Unavailable key (store FAILED) is KMSInvalidStateException", async () => {
      const h = await open(scenario("invalid-credentials"));
      expect((await firstStore(h)).state).toBe("FAILED");
      await expectError(encrypt(h, "alias/payments-ledger"), KMSInvalidStateException);
    });

    it("a key pending deletion is KMSInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const blob = await ciphertextUnder(h, "alias/backup-archive");
      await h.clients.kms.send(new ScheduleKeyDeletionCommand({ KeyId: "alias/backup-archive" }));
      const e = await expectError(encrypt(h, "alias/backup-archive"), KMSInvalidStateException);
      expect(e.message).toMatch(/pending deletion/);
      await expectError(
        h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob })),
        KMSInvalidStateException,
      );
    });

    it("a CONNECTED store whose cluster lost every HSM fails with KMSInvalidStateException: cannot communicate", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      await deleteAllHsms(h, clusterId);
      expect(await storeState(h, id)).toBe("CONNECTED");
      expect((await describeKey(h, "alias/payments-ledger")).KeyState).toBe("Enabled");
      const e = await expectError(encrypt(h, "alias/payments-ledger"), KMSInvalidStateException);
      expect(e.message).toMatch(/cannot communicate/);
    });

    it("a key whose backing key was deleted reads Enabled but cannot encrypt, then reads Unavailable once KMS notices", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const victim = await describeKey(h, "alias/customer-pii");
      await disconnectAndSettle(h, id, { settled: "DISCONNECTED" });
      changePassword(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      login(h.world(), clusterId, KMSUSER, OPERATOR_PW);
      deleteKey(h.world(), clusterId, { label: victim.Arn! });
      logout(h.world(), clusterId);
      await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: OPERATOR_PW }),
      );
      await connectAndSettle(h, id, { settled: "CONNECTED" });
      // KMS shows the loss only "eventually": until then only a cryptographic call fails.
      expect((await describeKey(h, victim.KeyId!)).KeyState).toBe("Enabled");
      const err = await expectError(encrypt(h, victim.KeyId!), KMSInvalidStateException);
      expect((err as Error).message).toMatch(/backing key .* cannot be found/);
      h.clock.advance(DURATIONS.materialLossNotice);
      expect((await describeKey(h, victim.KeyId!)).KeyState).toBe("Unavailable");
      await expectError(encrypt(h, victim.KeyId!), KMSInvalidStateException);
      // The other keys of the store are untouched.
      expect((await describeKey(h, "alias/payments-ledger")).KeyState).toBe("Enabled");
      expect((await encrypt(h, "alias/payments-ledger")).CiphertextBlob).toBeDefined();
    });

    it("the world says how long KMS takes to notice (faults.materialLossNoticeMs)", async () => {
      const h = await open(scenario("healthy"));
      const { clusterId } = await firstStore(h);
      const victim = await describeKey(h, "alias/customer-pii");
      h.world().faults.materialLossNoticeMs = 60_000;
      const cluster = h.world().clusters.find((c) => c.ClusterId === clusterId)!;
      cluster.hsm.keys = cluster.hsm.keys.filter((k) => k.label !== victim.Arn);
      expect((await describeKey(h, victim.KeyId!)).KeyState).toBe("Enabled");
      h.clock.advance(59_999);
      expect((await describeKey(h, victim.KeyId!)).KeyState).toBe("Enabled");
      h.clock.advance(1);
      expect((await describeKey(h, victim.KeyId!)).KeyState).toBe("Unavailable");
    });

    it("a key restored into a cluster created from a backup still decrypts its old ciphertext", async () => {
      const h = await open(scenario("healthy"));
      const { id, clusterId } = await firstStore(h);
      const blob = await ciphertextUnder(h, "alias/payments-ledger");
      const original = await describeCluster(h, clusterId);
      const azs = Object.keys(original.SubnetMapping ?? {}).sort();
      // The cluster goes away entirely: the key cannot be used any more.
      await deleteAllHsms(h, clusterId);
      await h.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: clusterId }));
      h.clock.advance(DURATIONS.clusterDelete);
      await expectError(
        h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob })),
        KMSInvalidStateException,
      );
      // Restore the newest backup into a new cluster with HSMs in two AZs, and move the store to it.
      const backups = await h.clients.cloudhsm.send(
        new DescribeBackupsCommand({ Filters: { clusterIds: [clusterId], states: ["READY"] } }),
      );
      const created = await h.clients.cloudhsm.send(
        new CreateClusterCommand({
          HsmType: "hsm1.medium",
          SubnetIds: Object.values(original.SubnetMapping ?? {}),
          SourceBackupId: backups.Backups![0]!.BackupId,
        }),
      );
      const restored = created.Cluster!.ClusterId!;
      h.clock.advance(DURATIONS.clusterCreate);
      for (const az of azs) {
        await h.clients.cloudhsm.send(new CreateHsmCommand({ ClusterId: restored, AvailabilityZone: az }));
      }
      h.clock.advance(DURATIONS.hsmCreate);
      await disconnectAndSettle(h, id, { settled: "DISCONNECTED" });
      await h.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: restored }),
      );
      await connectAndSettle(h, id, { settled: "CONNECTED" });
      const dec = await h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob }));
      expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(PLAINTEXT));
      expect((await describeKey(h, "alias/payments-ledger")).CloudHsmClusterId).toBe(restored);
    });
  });

  describe("GenerateDataKey", () => {
    it.each([
      ["KeySpec AES_256", { KeySpec: "AES_256" as const }, 32],
      ["KeySpec AES_128", { KeySpec: "AES_128" as const }, 16],
      ["NumberOfBytes 64", { NumberOfBytes: 64 }, 64],
    ])(
      "with %s returns a data key of that size whose ciphertext decrypts to it",
      async (_what, spec, bytes) => {
        const h = await open(scenario("healthy"));
        const m = await describeKey(h, "alias/payments-ledger");
        const out = await h.clients.kms.send(
          new GenerateDataKeyCommand({ KeyId: "alias/payments-ledger", ...spec }),
        );
        expect(out.KeyId).toBe(m.Arn);
        expect(out.Plaintext).toHaveLength(bytes);
        const dec = await h.clients.kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
        expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(out.Plaintext!));
      },
    );

    it("with both KeySpec and NumberOfBytes is a ValidationException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(
          new GenerateDataKeyCommand({
            KeyId: "alias/payments-ledger",
            KeySpec: "AES_256",
            NumberOfBytes: 32,
          }),
        ),
        "ValidationException",
      );
    });

    it("with neither KeySpec nor NumberOfBytes is a ValidationException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(new GenerateDataKeyCommand({ KeyId: "alias/payments-ledger" })),
        "ValidationException",
      );
    });

    it("on an Unavailable key is KMSInvalidStateException", async () => {
      const h = await open(scenario("store-disconnected"));
      await expectError(
        h.clients.kms.send(
          new GenerateDataKeyCommand({ KeyId: "alias/payments-ledger", KeySpec: "AES_256" }),
        ),
        KMSInvalidStateException,
      );
    });

    it("on a Disabled key is DisabledException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(
          new GenerateDataKeyCommand({ KeyId: "alias/partner-exchange", KeySpec: "AES_256" }),
        ),
        DisabledException,
      );
    });
  });

  describe("GenerateRandom with a CustomKeyStoreId", () => {
    it("a CONNECTED CloudHSM store returns the bytes asked for", async () => {
      const h = await open(scenario("healthy"));
      const { id } = await firstStore(h);
      const out = await h.clients.kms.send(
        new GenerateRandomCommand({ CustomKeyStoreId: id, NumberOfBytes: 48 }),
      );
      expect(out.Plaintext).toHaveLength(48);
    });

    it.each([
      ["DISCONNECTED", "store-disconnected"],
      ["FAILED", "invalid-credentials"],
      ["CONNECTING", "connection-in-progress"],
    ])("a %s store is CustomKeyStoreInvalidStateException", async (state, name) => {
      const h = await open(scenario(name));
      const store = await firstStore(h);
      expect(store.state).toBe(state);
      await expectError(
        h.clients.kms.send(new GenerateRandomCommand({ CustomKeyStoreId: store.id, NumberOfBytes: 32 })),
        CustomKeyStoreInvalidStateException,
      );
    });

    it("an external key store is UnsupportedOperationException", async () => {
      const h = await open(scenario("healthy"));
      const xks = await createXks(h);
      await expectError(
        h.clients.kms.send(new GenerateRandomCommand({ CustomKeyStoreId: xks, NumberOfBytes: 32 })),
        UnsupportedOperationException,
      );
    });

    it("an unknown store is CustomKeyStoreNotFoundException", async () => {
      const h = await open(scenario("healthy"));
      await expectError(
        h.clients.kms.send(
          new GenerateRandomCommand({ CustomKeyStoreId: "cks-0123456789abcdef0", NumberOfBytes: 32 }),
        ),
        CustomKeyStoreNotFoundException,
      );
    });
  });
});
