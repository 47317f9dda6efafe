import { describe, expect, it } from "vitest";
import type { FindingCode } from "../../src/diagnose/catalog.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Finding } from "../../src/diagnose/finding.js";
import { keyProblem } from "../../src/diagnose/xks.js";
import type { Snapshot, StoreFacts, XksKeyProbe, XksProbe } from "../../src/gather/snapshot.js";
import { externalStore, key, snapshot } from "./fixtures.js";

const XKS_ID = "cks-00000000000000xks";
const PROXY = {
  connectivity: "PUBLIC_ENDPOINT",
  uriEndpoint: "https://xks.example.com",
  uriPath: "/example/kms/xks/v1",
  accessKeyId: "ABCDEFGHIJKLMNOPQRST",
};

function xksStore(over: Partial<StoreFacts> = {}): StoreFacts {
  return externalStore({ xksProxy: { ...PROXY }, ...over });
}

function world(store: StoreFacts, over: Partial<Snapshot> = {}): Snapshot {
  return snapshot({ stores: [store], clusters: {}, ...over });
}

const failed = (code?: string, over: Partial<StoreFacts> = {}) =>
  xksStore({ connectionState: "FAILED", ...(code ? { connectionErrorCode: code } : {}), ...over });

const codesOf = (findings: Finding[]) => findings.map((f) => f.code).sort();
const only = (s: Snapshot, code: FindingCode): Finding => {
  const found = diagnose(s).filter((f) => f.code === code);
  expect(found, `exactly one ${code}`).toHaveLength(1);
  return found[0]!;
};

const healthOk = (statuses: string[], latencyMs = 40): XksProbe["health"] => ({
  outcome: "ok",
  latencyMs,
  httpStatus: 200,
  keyManagers: statuses.map((healthStatus, i) => ({ id: `km-${i + 1}`, model: "M", healthStatus })),
});

const probed = (over: Partial<XksProbe> = {}): XksProbe => ({
  customKeyStoreId: XKS_ID,
  health: healthOk(["ACTIVE", "ACTIVE"]),
  keys: [],
  ...over,
});

function keyProbe(over: Partial<XksKeyProbe> = {}): XksKeyProbe {
  return {
    keyId: "1234abcd-12ab-34cd-56ef-000000000001",
    xksKeyId: "ext-key-1",
    outcome: "ok",
    latencyMs: 30,
    httpStatus: 200,
    keySpec: "AES_256",
    keyUsage: ["ENCRYPT", "DECRYPT"],
    keyStatus: "ENABLED",
    ...over,
  };
}

describe("external key stores: what KMS says", () => {
  it("a CONNECTED store without a probe has no finding", () => {
    expect(diagnose(world(xksStore()))).toEqual([]);
  });

  const EXPECTED: [string, FindingCode, RegExp][] = [
    ["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", /XksProxyAuthenticationCredential/],
    ["XKS_PROXY_ACCESS_DENIED", "XKS_PROXY_ACCESS_DENIED", /authorization rules/],
    ["XKS_PROXY_INVALID_CONFIGURATION", "XKS_PROXY_INVALID_CONFIGURATION", /XksProxyUriPath/],
    ["XKS_PROXY_INVALID_RESPONSE", "XKS_PROXY_INVALID_RESPONSE", /vendor/],
    ["XKS_PROXY_INVALID_TLS_CONFIGURATION", "XKS_PROXY_INVALID_TLS_CONFIGURATION", /TLS 1\.2 or 1\.3/],
    ["XKS_PROXY_NOT_REACHABLE", "XKS_PROXY_NOT_REACHABLE", /port 443/],
    ["XKS_PROXY_TIMED_OUT", "XKS_PROXY_TIMED_OUT", /250 ms/],
    [
      "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
      "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
      /two Availability Zones/,
    ],
    [
      "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
      "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
      /XksProxyVpcEndpointServiceName/,
    ],
    ["NETWORK_ERRORS", "NETWORK_ERRORS", /transient/],
    ["INTERNAL_ERROR", "INTERNAL_ERROR", /disconnect/],
  ];
  for (const [code, expected, cause] of EXPECTED) {
    it(`FAILED ${code} gives ${expected} with the proxy's coordinates and the documented cause`, () => {
      const k = key("Unavailable", { customKeyStoreId: XKS_ID });
      const s = world(failed(code), { keys: [k] });
      expect(codesOf(diagnose(s))).toEqual([expected]);
      const f = only(s, expected);
      expect(f).toMatchObject({ severity: "error", customKeyStoreId: XKS_ID, cloudHsmClusterId: null });
      expect(f.keyIds).toEqual([k.keyId]);
      expect(f.detail).toMatch(cause);
      expect(f.evidence).toMatchObject({
        connectionState: "FAILED",
        connectionErrorCode: code,
        xksProxyConnectivity: "PUBLIC_ENDPOINT",
        xksProxyUriEndpoint: "https://xks.example.com",
        xksProxyUriPath: "/example/kms/xks/v1",
      });
    });
  }

  it("INVALID_CREDENTIALS on an external store is about the proxy's credential, not kmsuser", () => {
    const f = only(world(failed("INVALID_CREDENTIALS")), "INVALID_CREDENTIALS");
    expect(f.title).toMatch(/XKS proxy rejected KMS's proxy authentication credential/);
    expect(`${f.title} ${f.detail}`).not.toMatch(/kmsuser/);
    // Never the kmsuser password runbook: the store has no cluster to reset it on.
    expect(f.runbook).not.toBe("rotate-kmsuser-password");
  });

  it("the VPC endpoint service name is evidence when the store has one", () => {
    const store = failed("XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND", {
      xksProxy: {
        ...PROXY,
        connectivity: "VPC_ENDPOINT_SERVICE",
        vpcEndpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
      },
    });
    const f = only(world(store), "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND");
    expect(f.evidence).toMatchObject({
      xksProxyConnectivity: "VPC_ENDPOINT_SERVICE",
      xksProxyVpcEndpointServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
    });
  });

  it("FAILED without a code, or with a CloudHSM-only code, is CONNECTION_FAILED", () => {
    expect(codesOf(diagnose(world(failed())))).toEqual(["CONNECTION_FAILED"]);
    expect(codesOf(diagnose(world(failed("USER_LOCKED_OUT"))))).toEqual(["CONNECTION_FAILED"]);
    expect(codesOf(diagnose(world(failed("CLUSTER_NOT_FOUND"))))).toEqual(["CONNECTION_FAILED"]);
  });

  it("DISCONNECTED is STORE_DISCONNECTED naming the Unavailable keys; CONNECTING is CONNECTION_IN_PROGRESS", () => {
    const k = key("Unavailable", { customKeyStoreId: XKS_ID });
    const f = only(world(xksStore({ connectionState: "DISCONNECTED" }), { keys: [k] }), "STORE_DISCONNECTED");
    expect(f.keyIds).toEqual([k.keyId]);
    expect(f.evidence).toMatchObject({ xksProxyUriEndpoint: "https://xks.example.com" });
    const c = only(world(xksStore({ connectionState: "CONNECTING" })), "CONNECTION_IN_PROGRESS");
    expect(c.severity).toBe("info");
  });

  it("keys pending deletion in a store that is not connected give PENDING_DELETION_KEYS", () => {
    const k = key("PendingDeletion", { customKeyStoreId: XKS_ID });
    const s = world(xksStore({ connectionState: "DISCONNECTED" }), { keys: [k] });
    expect(codesOf(diagnose(s))).toEqual(["PENDING_DELETION_KEYS", "STORE_DISCONNECTED"]);
    expect(only(s, "PENDING_DELETION_KEYS")).toMatchObject({ keyIds: [k.keyId], cloudHsmClusterId: null });
  });

  it("a state kcs does not know is CONNECTION_FAILED", () => {
    const s = world(xksStore({ connectionState: "UNKNOWN", reportedConnectionState: "HIBERNATING" }));
    expect(only(s, "CONNECTION_FAILED").detail).toMatch(/HIBERNATING/);
  });
});

describe("external key stores: what the probe saw", () => {
  it("a healthy, fast proxy with usable keys gives no finding", () => {
    const s = world(xksStore(), { xksProbes: [probed({ keys: [keyProbe()] })] });
    expect(diagnose(s)).toEqual([]);
  });

  it("a skipped probe gives no finding, and says so in the evidence of a KMS finding", () => {
    const s = world(failed("XKS_PROXY_NOT_REACHABLE"), {
      xksProbes: [{ customKeyStoreId: XKS_ID, skipped: "no credential given for access key id ABCD" }],
    });
    expect(codesOf(diagnose(s))).toEqual(["XKS_PROXY_NOT_REACHABLE"]);
    expect(only(s, "XKS_PROXY_NOT_REACHABLE").evidence.probe).toMatch(/^skipped: no credential/);
  });

  it("an unreachable proxy is XKS_PROXY_NOT_REACHABLE, found by the probe", () => {
    const s = world(xksStore(), {
      xksProbes: [
        probed({ health: { outcome: "unreachable", latencyMs: 3, message: "connect ECONNREFUSED" } }),
      ],
    });
    const f = only(s, "XKS_PROXY_NOT_REACHABLE");
    expect(f.detail).toMatch(/ECONNREFUSED/);
    expect(f.detail).not.toMatch(/inside the VPC/);
    expect(f.evidence).toMatchObject({
      foundBy: "probe",
      probeHealth: expect.stringMatching(/^unreachable 3 ms/),
      xksProxyUriEndpoint: "https://xks.example.com",
    });
  });

  it("an unreachable proxy behind a VPC endpoint service: the detail says a probe from outside the VPC cannot reach it", () => {
    const s = world(xksStore({ xksProxy: { ...PROXY, connectivity: "VPC_ENDPOINT_SERVICE" } }), {
      xksProbes: [
        probed({ health: { outcome: "unreachable", latencyMs: 3, message: "getaddrinfo ENOTFOUND" } }),
      ],
    });
    expect(only(s, "XKS_PROXY_NOT_REACHABLE").detail).toMatch(/answers only inside the VPC/);
  });

  it("a probe slower than 250 ms, or one that timed out, is XKS_PROXY_TIMED_OUT", () => {
    const slow = world(xksStore(), { xksProbes: [probed({ health: healthOk(["ACTIVE"], 420) })] });
    expect(codesOf(diagnose(slow))).toEqual(["XKS_PROXY_TIMED_OUT"]);
    expect(only(slow, "XKS_PROXY_TIMED_OUT").detail).toMatch(/took 420 ms/);
    const hung = world(xksStore(), {
      xksProbes: [probed({ health: { outcome: "timeout", latencyMs: 2000 } })],
    });
    expect(only(hung, "XKS_PROXY_TIMED_OUT").detail).toMatch(/no answer within 2000 ms/);
    const justUnder = world(xksStore(), { xksProbes: [probed({ health: healthOk(["ACTIVE"], 250) })] });
    expect(diagnose(justUnder)).toEqual([]);
  });

  it("a slow GetKeyMetadata is XKS_PROXY_TIMED_OUT too", () => {
    const s = world(xksStore(), { xksProbes: [probed({ keys: [keyProbe({ latencyMs: 300 })] })] });
    expect(only(s, "XKS_PROXY_TIMED_OUT").detail).toMatch(/GetKeyMetadata ext-key-1/);
  });

  it("every key manager UNAVAILABLE is XKS_PROXY_NOT_REACHABLE", () => {
    const s = world(xksStore(), {
      xksProbes: [probed({ health: healthOk(["UNAVAILABLE", "UNAVAILABLE"]) })],
    });
    expect(codesOf(diagnose(s))).toEqual(["XKS_PROXY_NOT_REACHABLE"]);
    expect(only(s, "XKS_PROXY_NOT_REACHABLE").evidence.keyManagers).toEqual([
      "km-1 UNAVAILABLE",
      "km-2 UNAVAILABLE",
    ]);
  });

  it("some key managers DEGRADED or UNAVAILABLE while others are ACTIVE is an XKS_PROXY_DEGRADED warning", () => {
    const s = world(xksStore(), {
      xksProbes: [probed({ health: healthOk(["ACTIVE", "DEGRADED", "UNAVAILABLE"]) })],
    });
    const f = only(s, "XKS_PROXY_DEGRADED");
    expect(f.severity).toBe("warning");
    expect(f.detail).toMatch(/2 of the 3 .*km-2, km-3/);
    expect(codesOf(diagnose(s))).toEqual(["XKS_PROXY_DEGRADED"]);
  });

  it("the probe's findings join KMS's own of the same code", () => {
    const s = world(failed("XKS_PROXY_NOT_REACHABLE"), {
      xksProbes: [probed({ health: { outcome: "unreachable", latencyMs: 1, message: "reset" } })],
    });
    const f = only(s, "XKS_PROXY_NOT_REACHABLE");
    expect(f.evidence).toMatchObject({ connectionErrorCode: "XKS_PROXY_NOT_REACHABLE", foundBy: "probe" });
  });

  it("external keys that are missing, disabled, not AES_256 or lacking a usage give XKS_KEY_UNUSABLE naming the KMS keys", () => {
    const probes = [
      keyProbe({ keyId: "k-fine" }),
      keyProbe({
        keyId: "k-gone",
        xksKeyId: "gone",
        outcome: "http-error",
        httpStatus: 404,
        errorName: "KeyNotFoundException",
        keySpec: undefined,
        keyUsage: undefined,
        keyStatus: undefined,
      }),
      keyProbe({ keyId: "k-off", xksKeyId: "off", keyStatus: "DISABLED" }),
      keyProbe({ keyId: "k-rsa", xksKeyId: "rsa", keySpec: "RSA_2048" }),
      keyProbe({ keyId: "k-enc", xksKeyId: "enc", keyUsage: ["ENCRYPT"] }),
    ];
    const s = world(xksStore(), { xksProbes: [probed({ keys: probes })] });
    expect(codesOf(diagnose(s))).toEqual(["XKS_KEY_UNUSABLE"]);
    const f = only(s, "XKS_KEY_UNUSABLE");
    expect(f.keyIds).toEqual(["k-gone", "k-off", "k-rsa", "k-enc"]);
    expect(f.detail).toMatch(/gone not found on the proxy/);
    expect(f.evidence.keys).toEqual([
      { keyId: "k-gone", xksKeyId: "gone", problem: "not found on the proxy" },
      { keyId: "k-off", xksKeyId: "off", problem: "is DISABLED, not ENABLED" },
      { keyId: "k-rsa", xksKeyId: "rsa", problem: "is RSA_2048, not AES_256" },
      { keyId: "k-enc", xksKeyId: "enc", problem: "cannot DECRYPT" },
    ]);
  });

  it("a key call the proxy refused for another reason is no key finding", () => {
    expect(keyProblem({ outcome: "http-error", errorName: "AuthenticationFailedException" })).toBeUndefined();
  });

  it("the CloudHSM diagnosers never see an external store, however it looks", () => {
    const s = world(xksStore(), {
      keys: [key("Unavailable", { customKeyStoreId: XKS_ID })],
      xksProbes: [probed()],
    });
    // A CONNECTED CloudHSM store with an Unavailable key is KEY_MATERIAL_MISSING; an external one is not.
    expect(diagnose(s)).toEqual([]);
  });
});
