// Conformance of external key stores (EXTERNAL_KEY_STORE) through the real SDK v3 clients, in-process
// and over HTTP: CreateCustomKeyStore's validation and proxy checks, connect outcomes decided by the
// simulated proxy's GetHealthStatus, UpdateCustomKeyStore's state rules and checks, and Delete.
// Rules: the KMS API Reference (service-2.json) and the developer guide's xks-troubleshooting page.
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
  CustomKeyStoreInvalidStateException,
  DeleteCustomKeyStoreCommand,
  UpdateCustomKeyStoreCommand,
  XksProxyIncorrectAuthenticationCredentialException,
  XksProxyInvalidConfigurationException,
  XksProxyInvalidResponseException,
  XksProxyUriEndpointInUseException,
  XksProxyUriInUseException,
  XksProxyUriUnreachableException,
  XksProxyVpcEndpointServiceInUseException,
  XksProxyVpcEndpointServiceInvalidConfigurationException,
  XksProxyVpcEndpointServiceNotFoundException,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import { addEndpointService, addProxy } from "../../../src/sim/scenarios/xks-world.js";
import type { SimXksProxy, VpcEndpointService } from "../../../src/sim/world.js";
import type { Harness } from "../../helpers/sim.js";
import {
  connectAndSettle,
  createXks,
  disconnectAndSettle,
  ensurePartnerProxy,
  expectError,
  harnessPerTest,
  scenario,
  storeEntry,
  TRANSPORTS,
  XKS_CREDENTIAL,
} from "./kms-support.js";

const PUBLIC: CreateCustomKeyStoreCommandInput = {
  CustomKeyStoreName: "partner-xks",
  CustomKeyStoreType: "EXTERNAL_KEY_STORE",
  XksProxyConnectivity: "PUBLIC_ENDPOINT",
  XksProxyUriEndpoint: "https://xks.partner.example.com",
  XksProxyUriPath: "/kms/xks/v1",
  XksProxyAuthenticationCredential: XKS_CREDENTIAL,
};

const PRIVATE_DNS = "xks-private.partner.example.com";

/** A proxy behind a conformant VPC endpoint service; returns both. */
function vpcProxy(h: Harness): { proxy: SimXksProxy; service: VpcEndpointService } {
  const w = h.world();
  const proxy = addProxy(w, {
    uriEndpoint: `https://${PRIVATE_DNS}`,
    uriPath: "/tenant-a",
    accessKeyId: XKS_CREDENTIAL.AccessKeyId,
    secretAccessKey: XKS_CREDENTIAL.RawSecretAccessKey,
    keyIds: ["vpc-key-0"],
  });
  return { proxy, service: addEndpointService(w, PRIVATE_DNS) };
}

function vpcInput(service: VpcEndpointService): CreateCustomKeyStoreCommandInput {
  return {
    ...PUBLIC,
    CustomKeyStoreName: "private-xks",
    XksProxyConnectivity: "VPC_ENDPOINT_SERVICE",
    XksProxyUriEndpoint: `https://${PRIVATE_DNS}`,
    XksProxyUriPath: "/tenant-a/kms/xks/v1",
    XksProxyVpcEndpointServiceName: service.ServiceName,
  };
}

const create = (h: Harness, input: CreateCustomKeyStoreCommandInput) =>
  h.clients.kms.send(new CreateCustomKeyStoreCommand(input));
const update = (h: Harness, input: Omit<ConstructorParameters<typeof UpdateCustomKeyStoreCommand>[0], "">) =>
  h.clients.kms.send(new UpdateCustomKeyStoreCommand(input));

for (const transport of TRANSPORTS) {
  describe(`external key stores (${transport})`, () => {
    const open = harnessPerTest(transport);

    describe("CreateCustomKeyStore", () => {
      it.each<[string, Partial<CreateCustomKeyStoreCommandInput>]>([
        ["an endpoint with a port", { XksProxyUriEndpoint: "https://xks.partner.example.com:8443" }],
        ["an http endpoint", { XksProxyUriEndpoint: "http://xks.partner.example.com" }],
        ["a path not ending in /kms/xks/v1", { XksProxyUriPath: "/kms/xks/v1/extra" }],
        ["no connectivity", { XksProxyConnectivity: undefined }],
        [
          "a short secret",
          { XksProxyAuthenticationCredential: { ...XKS_CREDENTIAL, RawSecretAccessKey: "short" } },
        ],
        [
          "a lower-case access key id",
          { XksProxyAuthenticationCredential: { ...XKS_CREDENTIAL, AccessKeyId: "xksaccesskeyidaaaaab" } },
        ],
        [
          "a VPC endpoint service name with PUBLIC_ENDPOINT",
          { XksProxyVpcEndpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0" },
        ],
        ["VPC_ENDPOINT_SERVICE without a service name", { XksProxyConnectivity: "VPC_ENDPOINT_SERVICE" }],
      ])("%s is a ValidationException and creates nothing", async (_, change) => {
        const h = await open(scenario("healthy"));
        ensurePartnerProxy(h);
        const before = h.world().stores.length;
        await expectError(create(h, { ...PUBLIC, ...change }), "ValidationException");
        expect(h.world().stores).toHaveLength(before);
      });

      it("never repeats the secret in a validation error", async () => {
        const h = await open(scenario("healthy"));
        const secret = "bad secret with spaces that is long enough to pass length checks!";
        const e = await expectError(
          create(h, {
            ...PUBLIC,
            XksProxyAuthenticationCredential: { ...XKS_CREDENTIAL, RawSecretAccessKey: secret },
          }),
          "ValidationException",
        );
        expect(e.message).not.toContain(secret);
      });

      it.each<[string, (p: SimXksProxy) => void, abstract new (...a: never[]) => Error]>([
        ["no proxy answers", (p) => (p.faults.unreachable = true), XksProxyUriUnreachableException],
        ["the proxy is too slow", (p) => (p.faults.latencyMs = 400), XksProxyUriUnreachableException],
        [
          "every key manager is UNAVAILABLE",
          (p) => {
            for (const m of p.keyManagers) m.healthStatus = "UNAVAILABLE";
          },
          XksProxyUriUnreachableException,
        ],
        [
          "the proxy refuses the credential",
          (p) => (p.faults.rejectCredentials = true),
          XksProxyIncorrectAuthenticationCredentialException,
        ],
        [
          "the proxy serves another path",
          (p) => (p.uriPath = "/other"),
          XksProxyInvalidConfigurationException,
        ],
        [
          "the TLS handshake fails",
          (p) => (p.faults.tls = { failed: true, reason: "expired" }),
          XksProxyInvalidConfigurationException,
        ],
        [
          "the proxy answers garbage",
          (p) => (p.faults.invalidResponse = "malformed-json"),
          XksProxyInvalidResponseException,
        ],
      ])("a public endpoint is checked at create: %s", async (_, breakIt, expected) => {
        const h = await open(scenario("healthy"));
        breakIt(ensurePartnerProxy(h));
        const before = h.world().stores.length;
        await expectError(create(h, PUBLIC), expected);
        expect(h.world().stores).toHaveLength(before);
      });

      it("keeps the secret for signing but never shows it (Describe, CloudTrail)", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        expect(h.world().stores.find((s) => s.CustomKeyStoreId === id)!.xksSecretAccessKey).toBe(
          XKS_CREDENTIAL.RawSecretAccessKey,
        );
        const entry = await storeEntry(h, id);
        expect(JSON.stringify(entry)).not.toContain(XKS_CREDENTIAL.RawSecretAccessKey);
        h.clock.advance(DURATIONS.trailDelivery);
        const events = await h.clients.cloudtrail.send(
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "CreateCustomKeyStore" }],
          }),
        );
        const record = JSON.parse(events.Events!.at(0)!.CloudTrailEvent!);
        expect(record.requestParameters).toMatchObject({
          customKeyStoreType: "EXTERNAL_KEY_STORE",
          xksProxyUriEndpoint: PUBLIC.XksProxyUriEndpoint,
          xksProxyAuthenticationCredential: "HIDDEN_DUE_TO_SECURITY_REASONS",
        });
        expect(JSON.stringify(record)).not.toContain(XKS_CREDENTIAL.RawSecretAccessKey);
      });

      it("the same endpoint and path twice is XksProxyUriInUseException", async () => {
        const h = await open(scenario("healthy"));
        await createXks(h);
        await expectError(create(h, { ...PUBLIC, CustomKeyStoreName: "second" }), XksProxyUriInUseException);
      });

      it("a public store may share an endpoint with another public store at another path", async () => {
        const h = await open(scenario("healthy"));
        await createXks(h);
        addProxy(h.world(), {
          uriEndpoint: "https://xks.partner.example.com",
          uriPath: "/b",
          accessKeyId: XKS_CREDENTIAL.AccessKeyId,
          secretAccessKey: XKS_CREDENTIAL.RawSecretAccessKey,
          keyIds: [],
        });
        // KMS finds the first proxy at that endpoint, which serves no /b prefix: the check refuses.
        await expectError(
          create(h, { ...PUBLIC, CustomKeyStoreName: "second", XksProxyUriPath: "/b/kms/xks/v1" }),
          XksProxyInvalidConfigurationException,
        );
      });

      it("a VPC store checks its endpoint service at create, not the proxy", async () => {
        const h = await open(scenario("healthy"));
        const { proxy, service } = vpcProxy(h);
        proxy.faults.unreachable = true;
        const out = await create(h, vpcInput(service));
        const entry = await storeEntry(h, out.CustomKeyStoreId!);
        expect(entry.XksProxyConfiguration).toEqual({
          Connectivity: "VPC_ENDPOINT_SERVICE",
          AccessKeyId: XKS_CREDENTIAL.AccessKeyId,
          UriEndpoint: `https://${PRIVATE_DNS}`,
          UriPath: "/tenant-a/kms/xks/v1",
          VpcEndpointServiceName: service.ServiceName,
          VpcEndpointServiceOwner: h.world().accountId,
        });
      });

      it.each<[string, (s: VpcEndpointService) => void, abstract new (...a: never[]) => Error]>([
        [
          "a service that does not exist",
          (s) => (s.ServiceName = `${s.ServiceName}0`),
          XksProxyVpcEndpointServiceNotFoundException,
        ],
        [
          "a service that does not allow KMS",
          (s) => (s.AllowedPrincipals = []),
          XksProxyVpcEndpointServiceNotFoundException,
        ],
        [
          "a service that requires acceptance",
          (s) => (s.AcceptanceRequired = true),
          XksProxyVpcEndpointServiceInvalidConfigurationException,
        ],
        [
          "a service in one AZ",
          (s) => (s.AvailabilityZones = ["eu-west-1a"]),
          XksProxyVpcEndpointServiceInvalidConfigurationException,
        ],
        [
          "an unverified private DNS name",
          (s) => (s.PrivateDnsNameVerificationState = "pendingVerification"),
          XksProxyVpcEndpointServiceInvalidConfigurationException,
        ],
        [
          "an endpoint that is not its private DNS name",
          (s) => (s.PrivateDnsName = "other.example.com"),
          XksProxyVpcEndpointServiceInvalidConfigurationException,
        ],
      ])("a VPC store with %s is refused", async (_, breakIt, expected) => {
        const h = await open(scenario("healthy"));
        const { service } = vpcProxy(h);
        const input = vpcInput(service);
        breakIt(service);
        await expectError(create(h, input), expected);
      });

      it("a second store on the same VPC endpoint service or private DNS name is refused", async () => {
        const h = await open(scenario("healthy"));
        const { service } = vpcProxy(h);
        await create(h, vpcInput(service));
        await expectError(
          create(h, { ...vpcInput(service), CustomKeyStoreName: "b", XksProxyUriPath: "/other/kms/xks/v1" }),
          XksProxyUriEndpointInUseException,
        );
        const other = addEndpointService(h.world(), "xks-other.partner.example.com");
        await expectError(
          create(h, {
            ...vpcInput(other),
            CustomKeyStoreName: "c",
            XksProxyUriEndpoint: "https://xks-other.partner.example.com",
            XksProxyVpcEndpointServiceName: service.ServiceName,
          }),
          XksProxyVpcEndpointServiceInUseException,
        );
      });
    });

    describe("ConnectCustomKeyStore settles through the proxy's health check", () => {
      it("a healthy proxy: CONNECTING, then CONNECTED", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        await connectAndSettle(h, id, { connecting: true, settled: "CONNECTED" });
      });

      it.each<[string, (p: SimXksProxy) => void, string]>([
        ["the proxy went down", (p) => (p.faults.unreachable = true), "XKS_PROXY_NOT_REACHABLE"],
        [
          "every key manager UNAVAILABLE",
          (p) =>
            p.keyManagers.forEach((m) => {
              m.healthStatus = "UNAVAILABLE";
            }),
          "XKS_PROXY_NOT_REACHABLE",
        ],
        [
          "its certificate expired",
          (p) => (p.faults.tls = { failed: true, reason: "certificate expired" }),
          "XKS_PROXY_INVALID_TLS_CONFIGURATION",
        ],
        ["it answers in 300 ms", (p) => (p.faults.latencyMs = 300), "XKS_PROXY_TIMED_OUT"],
        ["its path prefix changed", (p) => (p.uriPath = "/v2"), "XKS_PROXY_INVALID_CONFIGURATION"],
        [
          "its credential was rotated",
          (p) => (p.credential.secretAccessKey = `${XKS_CREDENTIAL.RawSecretAccessKey}x`),
          "INVALID_CREDENTIALS",
        ],
        ["its authorization refuses KMS", (p) => (p.faults.accessDenied = true), "XKS_PROXY_ACCESS_DENIED"],
        [
          "it answers without the required fields",
          (p) => (p.faults.invalidResponse = "missing-fields"),
          "XKS_PROXY_INVALID_RESPONSE",
        ],
      ])("%s: FAILED with %s", async (_, breakIt, code) => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        breakIt(ensurePartnerProxy(h));
        const entry = await connectAndSettle(h, id, { settled: "FAILED" });
        expect(entry.ConnectionErrorCode).toBe(code);
      });

      it("a DEGRADED key manager still connects", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        ensurePartnerProxy(h).keyManagers[0]!.healthStatus = "DEGRADED";
        await connectAndSettle(h, id, { settled: "CONNECTED" });
      });

      it("the world's injected connect failure still wins", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        h.world().faults.connectFailure = "XKS_PROXY_TIMED_OUT";
        const entry = await connectAndSettle(h, id, { settled: "FAILED" });
        expect(entry.ConnectionErrorCode).toBe("XKS_PROXY_TIMED_OUT");
      });

      it.each<[string, (s: VpcEndpointService) => void, string]>([
        ["a healthy VPC endpoint service", () => {}, ""],
        ["a deleted endpoint service", (s) => (s.ServiceName = "gone"), "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND"],
        [
          "an endpoint service that now requires acceptance",
          (s) => (s.AcceptanceRequired = true),
          "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
        ],
      ])("a VPC store with %s", async (_, breakIt, code) => {
        const h = await open(scenario("healthy"));
        const { service } = vpcProxy(h);
        const id = (await create(h, vpcInput(service))).CustomKeyStoreId!;
        breakIt(service);
        const entry = await connectAndSettle(h, id);
        expect(entry.ConnectionState).toBe(code ? "FAILED" : "CONNECTED");
        expect(entry.ConnectionErrorCode).toBe(code || undefined);
      });

      it("a FAILED store must be disconnected before it connects again; then it connects once fixed", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        ensurePartnerProxy(h).faults.unreachable = true;
        await connectAndSettle(h, id, { settled: "FAILED" });
        await expectError(connectAndSettle(h, id), CustomKeyStoreInvalidStateException);
        await disconnectAndSettle(h, id, { settled: "DISCONNECTED" });
        // The refused call rolled the world back to a copy: fetch the proxy again.
        ensurePartnerProxy(h).faults.unreachable = false;
        await connectAndSettle(h, id, { settled: "CONNECTED" });
      });
    });

    describe("UpdateCustomKeyStore", () => {
      const rotated = {
        ...XKS_CREDENTIAL,
        RawSecretAccessKey: "cm90YXRlZC1yb3RhdGVkLXJvdGF0ZWQtcm90YXRlZC0wMTI",
      };

      it("a new credential while CONNECTED is checked with the proxy: refused until the proxy has it", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        await connectAndSettle(h, id, { settled: "CONNECTED" });
        await expectError(
          update(h, { CustomKeyStoreId: id, XksProxyAuthenticationCredential: rotated }),
          XksProxyIncorrectAuthenticationCredentialException,
        );
        expect(h.world().stores.find((s) => s.CustomKeyStoreId === id)!.xksSecretAccessKey).toBe(
          XKS_CREDENTIAL.RawSecretAccessKey,
        );
        ensurePartnerProxy(h).credential.secretAccessKey = rotated.RawSecretAccessKey;
        await update(h, { CustomKeyStoreId: id, XksProxyAuthenticationCredential: rotated });
        expect((await storeEntry(h, id)).ConnectionState).toBe("CONNECTED");
      });

      it("a new path while CONNECTED must be one the proxy serves", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        await connectAndSettle(h, id, { settled: "CONNECTED" });
        await expectError(
          update(h, { CustomKeyStoreId: id, XksProxyUriPath: "/nope/kms/xks/v1" }),
          XksProxyInvalidConfigurationException,
        );
        ensurePartnerProxy(h).uriPath = "/v2";
        await update(h, { CustomKeyStoreId: id, XksProxyUriPath: "/v2/kms/xks/v1" });
        expect((await storeEntry(h, id)).XksProxyConfiguration?.UriPath).toBe("/v2/kms/xks/v1");
      });

      it("the endpoint, connectivity or service name need DISCONNECTED", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        await connectAndSettle(h, id, { settled: "CONNECTED" });
        await expectError(
          update(h, { CustomKeyStoreId: id, XksProxyUriEndpoint: "https://xks2.partner.example.com" }),
          CustomKeyStoreInvalidStateException,
        );
      });

      it("a FAILED store cannot even be renamed until it is disconnected", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        ensurePartnerProxy(h).faults.unreachable = true;
        await connectAndSettle(h, id, { settled: "FAILED" });
        await expectError(
          update(h, { CustomKeyStoreId: id, NewCustomKeyStoreName: "renamed" }),
          CustomKeyStoreInvalidStateException,
        );
        await disconnectAndSettle(h, id);
        await update(h, { CustomKeyStoreId: id, NewCustomKeyStoreName: "renamed" });
        expect((await storeEntry(h, id)).CustomKeyStoreName).toBe("renamed");
      });

      it("switching connectivity needs a new endpoint; switching to a VPC service checks it", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        const { service } = vpcProxy(h);
        await expectError(
          update(h, {
            CustomKeyStoreId: id,
            XksProxyConnectivity: "VPC_ENDPOINT_SERVICE",
            XksProxyVpcEndpointServiceName: service.ServiceName,
          }),
          "ValidationException",
        );
        await update(h, {
          CustomKeyStoreId: id,
          XksProxyConnectivity: "VPC_ENDPOINT_SERVICE",
          XksProxyUriEndpoint: `https://${PRIVATE_DNS}`,
          XksProxyUriPath: "/tenant-a/kms/xks/v1",
          XksProxyVpcEndpointServiceName: service.ServiceName,
        });
        await connectAndSettle(h, id, { settled: "CONNECTED" });
      });

      it("CloudHSM-only members are refused for an external store", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        await expectError(
          update(h, { CustomKeyStoreId: id, KeyStorePassword: "Password123" }),
          "ValidationException",
        );
      });
    });

    describe("DeleteCustomKeyStore", () => {
      it("a CONNECTED external store is refused; a disconnected one is deleted", async () => {
        const h = await open(scenario("healthy"));
        const id = await createXks(h);
        await connectAndSettle(h, id, { settled: "CONNECTED" });
        await expectError(
          h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })),
          CustomKeyStoreInvalidStateException,
        );
        await disconnectAndSettle(h, id);
        await h.clients.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
        expect(h.world().stores.some((s) => s.CustomKeyStoreId === id)).toBe(false);
      });
    });
  });
}
