// Conformance of ReEncrypt and GenerateDataKeyWithoutPlaintext, through the real SDK v3 clients on both
// transports. Rules: their API Reference pages and the key-state table (Disabled: DisabledException;
// pending deletion or Unavailable: KMSInvalidStateException).
import {
  CreateKeyCommand,
  DecryptCommand,
  DisabledException,
  DisableKeyCommand,
  DryRunOperationException,
  EncryptCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  IncorrectKeyException,
  KMSInvalidStateException,
  ReEncryptCommand,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import type { Harness } from "../../helpers/sim.js";
import {
  disconnectAndSettle,
  expectError,
  firstStore,
  harnessPerTest,
  scenario,
  TRANSPORTS,
} from "./kms-support.js";

const PLAINTEXT = new TextEncoder().encode("ledger row 42");

const storeKeys = (h: Harness) =>
  h.world().keys.filter((k) => k.Origin === "AWS_CLOUDHSM" && k.baseState === "Enabled");

async function kmsKey(h: Harness) {
  return (await h.clients.kms.send(new CreateKeyCommand({ Description: "destination" }))).KeyMetadata!;
}

const encrypt = async (h: Harness, keyId: string) =>
  (await h.clients.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: PLAINTEXT }))).CiphertextBlob!;

describe.each(TRANSPORTS)("ReEncrypt and GenerateDataKeyWithoutPlaintext over %s", (transport) => {
  const open = harnessPerTest(transport);

  describe("ReEncrypt", () => {
    it("moves a ciphertext from a key in a CloudHSM key store to a KMS key; the new one decrypts under it", async () => {
      const h = await open(scenario("healthy"));
      const source = storeKeys(h)[0]!;
      const destination = await kmsKey(h);
      const blob = await encrypt(h, source.KeyId);
      const out = await h.clients.kms.send(
        new ReEncryptCommand({
          CiphertextBlob: blob,
          SourceKeyId: source.Arn,
          DestinationKeyId: destination.KeyId,
        }),
      );
      expect(out.SourceKeyId).toBe(source.Arn);
      expect(out.KeyId).toBe(destination.Arn);
      expect(out.SourceEncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
      expect(out.DestinationEncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
      const back = await h.clients.kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
      expect(back.KeyId).toBe(destination.Arn);
      expect(Buffer.from(back.Plaintext!).toString()).toBe("ledger row 42");
    });

    it("a SourceKeyId other than the ciphertext's key is IncorrectKeyException", async () => {
      const h = await open(scenario("healthy"));
      const [a, b] = storeKeys(h);
      const blob = await encrypt(h, a!.KeyId);
      await expectError(
        h.clients.kms.send(
          new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: b!.KeyId, DestinationKeyId: b!.KeyId }),
        ),
        IncorrectKeyException,
      );
    });

    it("a source key whose store is disconnected is unavailable: KMSInvalidStateException", async () => {
      const h = await open(scenario("healthy"));
      const source = storeKeys(h)[0]!;
      const destination = await kmsKey(h);
      const blob = await encrypt(h, source.KeyId);
      await disconnectAndSettle(h, (await firstStore(h)).id, { settled: "DISCONNECTED" });
      await expectError(
        h.clients.kms.send(
          new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: destination.KeyId }),
        ),
        KMSInvalidStateException,
      );
    });

    it("a disabled destination is DisabledException", async () => {
      const h = await open(scenario("healthy"));
      const [a, b] = storeKeys(h);
      const blob = await encrypt(h, a!.KeyId);
      await h.clients.kms.send(new DisableKeyCommand({ KeyId: b!.KeyId }));
      await expectError(
        h.clients.kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: b!.KeyId })),
        DisabledException,
      );
    });

    it("DryRun answers DryRunOperationException once every check has passed, and a failing check first", async () => {
      const h = await open(scenario("healthy"));
      const [a, b] = storeKeys(h);
      const blob = await encrypt(h, a!.KeyId);
      await expectError(
        h.clients.kms.send(
          new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: b!.KeyId, DryRun: true }),
        ),
        DryRunOperationException,
      );
      await h.clients.kms.send(new DisableKeyCommand({ KeyId: b!.KeyId }));
      await expectError(
        h.clients.kms.send(
          new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: b!.KeyId, DryRun: true }),
        ),
        DisabledException,
      );
    });
  });

  describe("GenerateDataKeyWithoutPlaintext", () => {
    it.each([
      [{ KeySpec: "AES_256" as const }, 32],
      [{ KeySpec: "AES_128" as const }, 16],
      [{ NumberOfBytes: 24 }, 24],
    ])("%o: only the encrypted data key, which Decrypt opens to that many bytes", async (spec, bytes) => {
      const h = await open(scenario("healthy"));
      const key = storeKeys(h)[0]!;
      const out = await h.clients.kms.send(
        new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, ...spec }),
      );
      expect(out.KeyId).toBe(key.Arn);
      expect(out).not.toHaveProperty("Plaintext");
      const opened = await h.clients.kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
      expect(opened.Plaintext).toHaveLength(bytes);
    });

    it("needs exactly one of KeySpec and NumberOfBytes (ValidationException)", async () => {
      const h = await open(scenario("healthy"));
      const key = storeKeys(h)[0]!;
      await expectError(
        h.clients.kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId })),
        "ValidationException",
      );
      await expectError(
        h.clients.kms.send(
          new GenerateDataKeyWithoutPlaintextCommand({
            KeyId: key.KeyId,
            KeySpec: "AES_256",
            NumberOfBytes: 32,
          }),
        ),
        "ValidationException",
      );
    });

    it("a disabled key is DisabledException, an unavailable one KMSInvalidStateException; DryRun is DryRunOperationException", async () => {
      const h = await open(scenario("healthy"));
      const [a, b] = storeKeys(h);
      await expectError(
        h.clients.kms.send(
          new GenerateDataKeyWithoutPlaintextCommand({ KeyId: a!.KeyId, KeySpec: "AES_256", DryRun: true }),
        ),
        DryRunOperationException,
      );
      await h.clients.kms.send(new DisableKeyCommand({ KeyId: a!.KeyId }));
      await expectError(
        h.clients.kms.send(
          new GenerateDataKeyWithoutPlaintextCommand({ KeyId: a!.KeyId, KeySpec: "AES_256" }),
        ),
        DisabledException,
      );
      await disconnectAndSettle(h, (await firstStore(h)).id, { settled: "DISCONNECTED" });
      await expectError(
        h.clients.kms.send(
          new GenerateDataKeyWithoutPlaintextCommand({ KeyId: b!.KeyId, KeySpec: "AES_256" }),
        ),
        KMSInvalidStateException,
      );
    });
  });
});
