/**
 * gather() reads an external key store's proxy configuration and its keys' external key ids, and a
 * FAILED external store reaches doctor's report and exit status, against mocked SDK clients.
 */
import {
  CloudHSMV2Client,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  GenerateRandomCommand,
  KMSClient,
  ListKeysCommand,
} from "@aws-sdk/client-kms";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClients } from "../../src/backend/clients.js";
import type { XksTransport } from "../../src/backend/xks-transport.js";
import { Secret } from "../../src/core/secret.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { gather } from "../../src/gather/gather.js";
import { buildReport, doctorExitCode } from "../../src/report/doctor-report.js";
import { keyArn } from "../diagnose/fixtures.js";
import { virtualTimer } from "../helpers/timer.js";

const NOW = new Date("2026-11-28T12:00:00Z");
const OPTS = {
  backend: "aws" as const,
  since: new Date(NOW.getTime() - 86_400_000),
  now: NOW,
  timer: virtualTimer(),
};
const XKS_ID = "cks-00000000000000xks";
const KEY_ID = "1234abcd-12ab-34cd-56ef-000000000042";

describe("gather and doctor on an external key store (mocked AWS)", () => {
  const stubs = () => ({
    kms: mockClient(KMSClient),
    ct: mockClient(CloudTrailClient),
    hsm: mockClient(CloudHSMV2Client),
  });
  let kms: ReturnType<typeof stubs>["kms"];
  let ct: ReturnType<typeof stubs>["ct"];
  let hsm: ReturnType<typeof stubs>["hsm"];
  beforeAll(() => {
    ({ kms, ct, hsm } = stubs());
    kms.on(DescribeCustomKeyStoresCommand).resolves({
      CustomKeyStores: [
        {
          CustomKeyStoreId: XKS_ID,
          CustomKeyStoreName: "partner-xks",
          CustomKeyStoreType: "EXTERNAL_KEY_STORE",
          ConnectionState: "FAILED",
          ConnectionErrorCode: "XKS_PROXY_NOT_REACHABLE",
          XksProxyConfiguration: {
            Connectivity: "VPC_ENDPOINT_SERVICE",
            AccessKeyId: "ABCDEFGHIJKLMNOPQRST",
            UriEndpoint: "https://xks.example.com",
            UriPath: "/example/kms/xks/v1",
            VpcEndpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
          },
        },
      ],
      Truncated: false,
    });
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: KEY_ID, KeyArn: keyArn(KEY_ID) }], Truncated: false });
    kms.on(DescribeKeyCommand).resolves({
      KeyMetadata: {
        KeyId: KEY_ID,
        Arn: keyArn(KEY_ID),
        KeyState: "Unavailable",
        CustomKeyStoreId: XKS_ID,
        Origin: "EXTERNAL_KEY_STORE",
        XksKeyConfiguration: { Id: "ext-key-1" },
      },
    });
    kms
      .on(GenerateRandomCommand)
      .rejects(new Error("GenerateRandom must not be called on an external store"));
    ct.on(LookupEventsCommand).resolves({ Events: [] });
    hsm.on(DescribeClustersCommand).resolves({ Clusters: [] });
    hsm.on(DescribeBackupsCommand).resolves({ Backups: [] });
  });
  afterAll(() => {
    kms.restore();
    ct.restore();
    hsm.restore();
  });
  const clients = () =>
    makeClients({ region: "eu-west-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });

  it("reads the proxy's coordinates and each key's external key id", async () => {
    const snap = await gather(clients(), OPTS);
    expect(snap.stores[0]!.xksProxy).toEqual({
      connectivity: "VPC_ENDPOINT_SERVICE",
      accessKeyId: "ABCDEFGHIJKLMNOPQRST",
      uriEndpoint: "https://xks.example.com",
      uriPath: "/example/kms/xks/v1",
      vpcEndpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
    });
    expect(snap.keys[0]!.xksKeyId).toBe("ext-key-1");
    expect(snap.xksProbes).toBeUndefined();
  });

  it("a store FAILED with XKS_PROXY_NOT_REACHABLE gets its finding and doctor exits 2", async () => {
    const snap = await gather(clients(), OPTS);
    const report = buildReport(snap, diagnose(snap));
    expect(report.findings.map((f) => f.code)).toEqual(["XKS_PROXY_NOT_REACHABLE"]);
    expect(report.findings[0]!.evidence).toMatchObject({
      xksProxyUriEndpoint: "https://xks.example.com",
      xksProxyUriPath: "/example/kms/xks/v1",
      xksProxyConnectivity: "VPC_ENDPOINT_SERVICE",
    });
    expect(doctorExitCode(report)).toBe(2);
    expect(kms.commandCalls(GenerateRandomCommand)).toEqual([]);
  });

  it("--probe calls the proxy through the given transport with the matching credential, or skips it saying why", async () => {
    const urls: string[] = [];
    const transport: XksTransport = {
      post: async (req) => {
        urls.push(req.url);
        return req.url.endsWith("/health")
          ? {
              status: 200,
              body: JSON.stringify({ ekmFleetDetails: [{ id: "km-1", healthStatus: "ACTIVE" }] }),
              latencyMs: 12,
            }
          : {
              status: 200,
              body: JSON.stringify({
                keySpec: "AES_256",
                keyUsage: ["ENCRYPT", "DECRYPT"],
                keyStatus: "ENABLED",
              }),
              latencyMs: 9,
            };
      },
    };
    const credential = { accessKeyId: "ABCDEFGHIJKLMNOPQRST", secretAccessKey: new Secret("s3cret-value") };
    const snap = await gather(clients(), {
      ...OPTS,
      probe: true,
      xksProbe: { transport, credentials: [credential] },
    });
    expect(urls).toEqual([
      "https://xks.example.com/example/kms/xks/v1/health",
      "https://xks.example.com/example/kms/xks/v1/keys/ext-key-1/metadata",
    ]);
    expect(snap.xksProbes?.[0]).toMatchObject({
      health: { outcome: "ok" },
      keys: [{ keyStatus: "ENABLED" }],
    });
    const skipped = await gather(clients(), {
      ...OPTS,
      probe: true,
      xksProbe: { transport, credentials: [] },
    });
    expect(skipped.xksProbes?.[0]?.skipped).toMatch(/no proxy credential/);
    expect(JSON.stringify(snap)).not.toContain("s3cret-value");
  });
});
