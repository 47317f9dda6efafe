// KMS keys in external key stores through the real SDK v3 clients (in-process and HTTP): CreateKey's
// checks of the external key (GetKeyMetadata through the proxy), DescribeKey, and Encrypt, Decrypt,
// GenerateDataKey and ReEncrypt through the proxy, whose failures are KMSInvalidStateException with
// the messages of the developer guide's xks-troubleshooting page.

import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateKeyCommand,
  CustomKeyStoreInvalidStateException,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSInvalidStateException,
  ReEncryptCommand,
  XksKeyAlreadyInUseException,
  XksKeyInvalidConfigurationException,
  XksKeyNotFoundException,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import type { SimXksProxy } from "../../../src/sim/world.js";
import type { Harness } from "../../helpers/sim.js";
import {
  connectAndSettle,
  createXks,
  describeKey,
  disconnectAndSettle,
  ensurePartnerProxy,
  expectError,
  harnessPerTest,
  scenario,
  TRANSPORTS,
} from "./kms-support.js";

async function connectedXks(h: Harness): Promise<string> {
  const id = await createXks(h);
  await connectAndSettle(h, id, { settled: "CONNECTED" });
  return id;
}

const createKey = (h: Harness, storeId: string, xksKeyId?: string) =>
  h.clients.kms.send(
    new CreateKeyCommand({ CustomKeyStoreId: storeId, Origin: "EXTERNAL_KEY_STORE", XksKeyId: xksKeyId }),
  );

async function keyIn(h: Harness, xksKeyId = "partner-key-0") {
  const storeId = await connectedXks(h);
  const out = await createKey(h, storeId, xksKeyId);
  return { storeId, keyId: out.KeyMetadata!.KeyId!, arn: out.KeyMetadata!.Arn! };
}

const encrypt = (h: Harness, keyId: string) =>
  h.clients.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("attack at dawn") }));
const decrypt = (h: Harness, blob: Uint8Array) =>
  h.clients.kms.send(new DecryptCommand({ CiphertextBlob: blob }));
const proxyKey = (h: Harness, id = "partner-key-0") =>
  ensurePartnerProxy(h).keys.find((k) => k.keyId === id)!;

for (const transport of TRANSPORTS) {
  describe(`KMS keys in external key stores (${transport})`, () => {
    const open = harnessPerTest(transport);

    describe("CreateKey", () => {
      it("makes an EXTERNAL_KEY_STORE key that DescribeKey shows with XksKeyConfiguration", async () => {
        const h = await open(scenario("healthy"));
        const { storeId, keyId } = await keyIn(h);
        const meta = await describeKey(h, keyId);
        expect(meta).toMatchObject({
          Origin: "EXTERNAL_KEY_STORE",
          CustomKeyStoreId: storeId,
          XksKeyConfiguration: { Id: "partner-key-0" },
          KeyState: "Enabled",
        });
        expect(meta.CloudHsmClusterId).toBeUndefined();
      });

      it("without XksKeyId is a ValidationException; XksKeyId without an external store too", async () => {
        const h = await open(scenario("healthy"));
        const storeId = await connectedXks(h);
        await expectError(createKey(h, storeId), "ValidationException");
        await expectError(
          h.clients.kms.send(new CreateKeyCommand({ XksKeyId: "partner-key-0" })),
          "ValidationException",
        );
      });

      it("a store that is not CONNECTED is CustomKeyStoreInvalidStateException", async () => {
        const h = await open(scenario("healthy"));
        const storeId = await createXks(h);
        await expectError(createKey(h, storeId, "partner-key-0"), CustomKeyStoreInvalidStateException);
      });

      it("an external key the proxy does not know is XksKeyNotFoundException", async () => {
        const h = await open(scenario("healthy"));
        const storeId = await connectedXks(h);
        const e = await expectError(createKey(h, storeId, "no-such-key"), XksKeyNotFoundException);
        expect(e.message).toBe(
          "The external key store proxy rejected the request because it could not find the external key.",
        );
      });

      it.each<[string, (p: SimXksProxy) => void, RegExp]>([
        [
          "disabled",
          (p) => (p.keys[0]!.keyStatus = "DISABLED"),
          /status of specified external key is DISABLED/,
        ],
        [
          "not AES_256",
          (p) => (p.keys[0]!.keySpec = "AES_128"),
          /key spec of specified external key is AES_128/,
        ],
        [
          "encrypt-only",
          (p) => (p.keys[0]!.keyUsage = ["ENCRYPT"]),
          /key use of specified external key is ENCRYPT\./,
        ],
      ])("an external key that is %s is XksKeyInvalidConfigurationException", async (_, breakIt, message) => {
        const h = await open(scenario("healthy"));
        const storeId = await connectedXks(h);
        breakIt(ensurePartnerProxy(h));
        const e = await expectError(
          createKey(h, storeId, "partner-key-0"),
          XksKeyInvalidConfigurationException,
        );
        expect(e.message).toMatch(message);
      });

      it("an external key already behind a KMS key in the store is XksKeyAlreadyInUseException", async () => {
        const h = await open(scenario("healthy"));
        const { storeId } = await keyIn(h);
        await expectError(createKey(h, storeId, "partner-key-0"), XksKeyAlreadyInUseException);
      });

      it("a proxy that now refuses KMS's credential is CustomKeyStoreInvalidStateException, and no key is made", async () => {
        const h = await open(scenario("healthy"));
        const storeId = await connectedXks(h);
        ensurePartnerProxy(h).faults.rejectCredentials = true;
        const before = h.world().keys.length;
        const e = await expectError(
          createKey(h, storeId, "partner-key-1"),
          CustomKeyStoreInvalidStateException,
        );
        expect(e.message).toMatch(/could not authenticate AWS KMS/);
        expect(h.world().keys).toHaveLength(before);
      });
    });

    describe("cryptographic operations go through the proxy", () => {
      it("Encrypt then Decrypt gives the plaintext back; GenerateDataKey's blob decrypts to its key", async () => {
        const h = await open(scenario("healthy"));
        const { keyId, arn } = await keyIn(h);
        const enc = await encrypt(h, keyId);
        const dec = await decrypt(h, enc.CiphertextBlob!);
        expect(Buffer.from(dec.Plaintext!).toString()).toBe("attack at dawn");
        expect(dec.KeyId).toBe(arn);
        const dk = await h.clients.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256" }));
        expect(Buffer.from((await decrypt(h, dk.CiphertextBlob!)).Plaintext!)).toEqual(
          Buffer.from(dk.Plaintext!),
        );
      });

      it("the external key really takes part: with other material at the proxy, Decrypt fails", async () => {
        const h = await open(scenario("healthy"));
        const { keyId } = await keyIn(h);
        const enc = await encrypt(h, keyId);
        proxyKey(h).material = "ab".repeat(32);
        const e = await expectError(decrypt(h, enc.CiphertextBlob!), KMSInvalidStateException);
        expect(e.message).toMatch(/ciphertext or additional authenticated data is corrupted/);
      });

      it("ReEncrypt moves a ciphertext from an external key to a KMS key", async () => {
        const h = await open(scenario("healthy"));
        const { keyId } = await keyIn(h);
        const other = await h.clients.kms.send(new CreateKeyCommand({}));
        const enc = await encrypt(h, keyId);
        const re = await h.clients.kms.send(
          new ReEncryptCommand({
            CiphertextBlob: enc.CiphertextBlob,
            DestinationKeyId: other.KeyMetadata!.KeyId,
          }),
        );
        expect(Buffer.from((await decrypt(h, re.CiphertextBlob!)).Plaintext!).toString()).toBe(
          "attack at dawn",
        );
      });

      it.each<[string, (h: Harness) => void, RegExp]>([
        [
          "the external key is disabled",
          (h) => (proxyKey(h).keyStatus = "DISABLED"),
          /external key is not enabled in the external key manager/,
        ],
        [
          "the external key is gone",
          (h) => (ensurePartnerProxy(h).keys = []),
          /could not find the external key/,
        ],
        [
          "the proxy is down",
          (h) => (ensurePartnerProxy(h).faults.unreachable = true),
          /cannot communicate with the external key store proxy/,
        ],
        [
          "the proxy is slow",
          (h) => (ensurePartnerProxy(h).faults.latencyMs = 1000),
          /did not respond in time/,
        ],
        [
          "the proxy rotated its credential",
          (h) => (ensurePartnerProxy(h).credential.accessKeyId = "ZZZZZZZZZZZZZZZZZZZZ"),
          /could not authenticate AWS KMS/,
        ],
        [
          "the proxy denies KMS",
          (h) => (ensurePartnerProxy(h).faults.accessDenied = true),
          /denied access to the operation/,
        ],
        [
          "the proxy's TLS broke",
          (h) => (ensurePartnerProxy(h).faults.tls = { failed: true, reason: "expired" }),
          /TLS connection/,
        ],
        [
          "the proxy answers garbage",
          (h) => (ensurePartnerProxy(h).faults.invalidResponse = "malformed-json"),
          /cannot interpret the response/,
        ],
        [
          "every key manager is UNAVAILABLE",
          (h) =>
            ensurePartnerProxy(h).keyManagers.forEach((m) => {
              m.healthStatus = "UNAVAILABLE";
            }),
          /unhealthy state/,
        ],
      ])(
        "when %s, Encrypt and Decrypt are KMSInvalidStateException with AWS's message",
        async (_, breakIt, message) => {
          const h = await open(scenario("healthy"));
          const { keyId } = await keyIn(h);
          const enc = await encrypt(h, keyId);
          breakIt(h);
          expect((await expectError(encrypt(h, keyId), KMSInvalidStateException)).message).toMatch(message);
          expect(
            (await expectError(decrypt(h, enc.CiphertextBlob!), KMSInvalidStateException)).message,
          ).toMatch(message);
          // The key's own state says nothing about the external key (xks-troubleshooting).
          expect((await describeKey(h, keyId)).KeyState).toBe("Enabled");
        },
      );

      it("CloudTrail's Encrypt and CreateKey events name the store and the external key", async () => {
        const h = await open(scenario("healthy"));
        const { storeId, keyId } = await keyIn(h);
        await encrypt(h, keyId);
        h.clock.advance(DURATIONS.trailDelivery);
        const recordOf = async (name: string) => {
          const out = await h.clients.cloudtrail.send(
            new LookupEventsCommand({
              LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: name }],
            }),
          );
          return JSON.parse(out.Events!.at(0)!.CloudTrailEvent!);
        };
        expect((await recordOf("Encrypt")).additionalEventData).toEqual({
          customKeyStoreId: storeId,
          xksKeyId: "partner-key-0",
        });
        expect((await recordOf("CreateKey")).requestParameters).toMatchObject({
          customKeyStoreId: storeId,
          xksKeyId: "partner-key-0",
          origin: "EXTERNAL_KEY_STORE",
        });
      });

      it("a disconnected store makes its keys Unavailable, and crypto KMSInvalidStateException", async () => {
        const h = await open(scenario("healthy"));
        const { storeId, keyId } = await keyIn(h);
        await disconnectAndSettle(h, storeId);
        expect((await describeKey(h, keyId)).KeyState).toBe("Unavailable");
        await expectError(encrypt(h, keyId), KMSInvalidStateException);
      });
    });
  });
}
