import { describe, expect, it } from "vitest";
import { viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { UsageError } from "../../src/core/errors.js";
import type { FindingCode } from "../../src/diagnose/catalog.js";
import { type Finding, finding } from "../../src/diagnose/finding.js";
import type { Snapshot, StoreFacts, XksProxyFacts } from "../../src/gather/snapshot.js";
import { ACTIONS } from "../../src/remediate/actions/index.js";
import { fingerprint } from "../../src/remediate/fingerprint.js";
import type { Plan, PlanAction, PlanStep } from "../../src/remediate/plan.js";
import { buildPlan } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { externalStore, key, REGION, snapshot, storeIn } from "../diagnose/fixtures.js";

/**
 * Planning the repair of each external key store finding, from hand-made snapshots: pure, so each
 * test states the store it plans for and the plan it expects.
 */
const RUNBOOKS = loadRunbooks();
const MASK = "********";
const XKS_ID = "cks-00000000000000xks";
const HOST = "xks.example.com";
const ENDPOINT = `https://${HOST}`;
const PATH = "/example/kms/xks/v1";
const VPCE = `com.amazonaws.vpce.${REGION}.vpce-svc-0123456789abcdef0`;

function xks(
  state: StoreFacts["connectionState"],
  code?: string,
  proxy: Partial<XksProxyFacts> = {},
): StoreFacts {
  return externalStore({
    connectionState: state,
    ...(code ? { connectionErrorCode: code } : {}),
    xksProxy: {
      connectivity: "PUBLIC_ENDPOINT",
      uriEndpoint: ENDPOINT,
      uriPath: PATH,
      accessKeyId: "AKIA4EXAMPLEEXAMPLE2",
      ...proxy,
    },
  });
}

const snap = (store: StoreFacts, over: Partial<Snapshot> = {}) =>
  snapshot({ stores: [store], clusters: {}, ...over });

/** A finding as doctor makes it (its runbook is the catalog's CloudHSM one until the planner looks at the store). */
const found = (code: FindingCode, keyIds: string[] = []) =>
  finding(code, { customKeyStoreId: XKS_ID }, `${code} (by hand)`, {}, keyIds);

function plan(s: Snapshot, findings: Finding[], params: Record<string, string> = {}): Plan {
  return buildPlan({
    snapshot: s,
    findings,
    runbooks: RUNBOOKS,
    params,
    passwordSource: "prompt",
    xksCredentialSource: "stdin",
    createdAt: "2026-11-30T20:00:00.000Z",
  });
}

function only(p: Plan): PlanAction {
  expect(p.actions).toHaveLength(1);
  return p.actions[0]!;
}
const ids = (a: PlanAction) => a.steps.map((s) => s.id);
const step = (a: PlanAction, id: string): PlanStep => {
  const s = a.steps.find((x) => x.id === id);
  expect(s, id).toBeDefined();
  return s!;
};
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("update-xks-proxy-credential", () => {
  it("repairs INVALID_CREDENTIALS on a FAILED external store: disconnect, tell KMS the credential, connect, wait, verify", () => {
    const a = only(plan(snap(xks("FAILED", "INVALID_CREDENTIALS")), [found("INVALID_CREDENTIALS")]));
    expect(a.runbook).toBe("update-xks-proxy-credential");
    expect(ids(a)).toEqual([
      "disconnect",
      "wait-disconnected",
      "update-proxy-credential",
      "connect",
      "wait-connected",
      "verify",
    ]);
    const update = step(a, "update-proxy-credential");
    expect(update).toMatchObject({ kind: "api", service: "kms", operation: "UpdateCustomKeyStore" });
    expect(update.input).toEqual({
      CustomKeyStoreId: XKS_ID,
      XksProxyAuthenticationCredential: { AccessKeyId: MASK, RawSecretAccessKey: MASK },
    });
    // The credential's source is shown, its value never; no kmsuser password is asked for.
    expect(a.parameters).toEqual([{ name: "XksProxyCredential", value: MASK, source: "stdin" }]);
  });

  it("keeps rotate-kmsuser-password for INVALID_CREDENTIALS on a CloudHSM store", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] });
    const f = finding("INVALID_CREDENTIALS", { customKeyStoreId: s.stores[0]!.customKeyStoreId }, "x", {});
    const a = only(plan(s, [f]));
    expect(a.runbook).toBe("rotate-kmsuser-password");
    expect(a.parameters.map((p) => p.name)).toEqual(["KmsUserPassword"]);
  });

  it("does not disconnect a CONNECTED store to change its credential (AWS takes it while CONNECTED)", () => {
    const a = only(plan(snap(xks("CONNECTED")), [found("INVALID_CREDENTIALS")]));
    expect(ids(a)).toEqual(["update-proxy-credential", "connect", "wait-connected", "verify"]);
    expect(a.impact?.storesTakenOffline).toEqual([]);
  });
});

describe("correct-xks-proxy-uri", () => {
  const failed = () => snap(xks("FAILED", "XKS_PROXY_INVALID_CONFIGURATION"));
  const f = () => [found("XKS_PROXY_INVALID_CONFIGURATION")];

  it("tells KMS the path given with --param, after a disconnect, then connects", () => {
    const a = only(plan(failed(), f(), { XksProxyUriPath: "/other/kms/xks/v1" }));
    expect(a.runbook).toBe("correct-xks-proxy-uri");
    expect(ids(a)).toEqual([
      "disconnect",
      "wait-disconnected",
      "update-proxy-uri",
      "connect",
      "wait-connected",
      "verify",
    ]);
    expect(step(a, "update-proxy-uri").input).toEqual({
      CustomKeyStoreId: XKS_ID,
      XksProxyUriPath: "/other/kms/xks/v1",
    });
    expect(a.parameters).toEqual([
      { name: "XksProxyUriPath", value: "/other/kms/xks/v1", source: "--param" },
    ]);
  });

  it("changes the endpoint too when it is given, and only what differs from the store's", () => {
    const a = only(
      plan(failed(), f(), { XksProxyUriPath: PATH, XksProxyUriEndpoint: "https://xks2.example.com" }),
    );
    expect(step(a, "update-proxy-uri").input).toEqual({
      CustomKeyStoreId: XKS_ID,
      XksProxyUriEndpoint: "https://xks2.example.com",
    });
  });

  it("refuses without a --param: kcs cannot learn where the proxy listens", () => {
    expect(refusal(() => plan(failed(), f()))).toMatch(/--param XksProxyUriPath=/);
  });

  it("refuses a --param that names the URI the store already has", () => {
    expect(refusal(() => plan(failed(), f(), { XksProxyUriPath: PATH }))).toMatch(
      /already uses that proxy URI/,
    );
  });

  it("notes that a VPC endpoint service store's endpoint is its private DNS name", () => {
    const s = snap(
      xks("FAILED", "XKS_PROXY_INVALID_CONFIGURATION", {
        connectivity: "VPC_ENDPOINT_SERVICE",
        vpcEndpointServiceName: VPCE,
      }),
    );
    const p = plan(s, f(), { XksProxyUriEndpoint: "https://xks2.example.com" });
    expect(p.notes?.join("\n")).toMatch(/private DNS name of com\.amazonaws\.vpce/);
  });
});

describe("manual XKS runbooks", () => {
  const manual = (a: PlanAction) => a.steps.filter((s) => s.kind === "manual");

  it.each([
    ["XKS_PROXY_INVALID_TLS_CONFIGURATION", "check-xks-proxy-tls"],
    ["XKS_PROXY_ACCESS_DENIED", "check-xks-proxy-authorization"],
    ["XKS_PROXY_NOT_REACHABLE", "check-xks-proxy-health"],
    ["XKS_PROXY_TIMED_OUT", "check-xks-proxy-health"],
    ["XKS_PROXY_INVALID_RESPONSE", "check-xks-proxy-health"],
  ] as const)(
    "%s on a FAILED store: %s's manual check, then disconnect, connect, wait, verify",
    (code, runbook) => {
      const a = only(plan(snap(xks("FAILED", code)), [found(code)]));
      expect(a.runbook).toBe(runbook);
      expect(a.steps.map((s) => s.kind)).toEqual(["manual", "api", "wait", "api", "wait", "verify"]);
      expect(a.steps.slice(1, 5).map((s) => s.action)).toEqual([
        "kms.disconnect",
        "wait.store-disconnected",
        "kms.connect",
        "wait.store-connected",
      ]);
      expect(manual(a)[0]!.commands!.join("\n")).toContain(HOST);
      expect(manual(a)[0]!.legacyCommands).toEqual([]);
      expect(a.impact?.storesTakenOffline).toEqual([XKS_ID]);
    },
  );

  it("gives the TLS check the exact openssl commands for the proxy's host", () => {
    const a = only(
      plan(snap(xks("FAILED", "XKS_PROXY_INVALID_TLS_CONFIGURATION")), [
        found("XKS_PROXY_INVALID_TLS_CONFIGURATION"),
      ]),
    );
    const commands = manual(a)[0]!.commands!;
    expect(commands).toContain(
      `openssl s_client -connect ${HOST}:443 -servername ${HOST} -tls1_2 </dev/null`,
    );
    expect(commands).toContain(
      `openssl s_client -connect ${HOST}:443 -servername ${HOST} -showcerts </dev/null 2>/dev/null | openssl x509 -noout -dates -subject -issuer -ext subjectAltName`,
    );
  });

  it("signs the health check as KMS does, with the credential named from the environment and never written out", () => {
    const a = only(plan(snap(xks("FAILED", "XKS_PROXY_NOT_REACHABLE")), [found("XKS_PROXY_NOT_REACHABLE")]));
    const curl = manual(a)[0]!.commands!.find((c) => c.startsWith("curl"))!;
    expect(curl).toContain(`--aws-sigv4 aws:amz:${REGION}:kms-xks-proxy`);
    expect(curl).toContain('--user "$KCS_XKS_ACCESS_KEY_ID:$KCS_XKS_SECRET_ACCESS_KEY"');
    expect(curl).toContain(`${ENDPOINT}${PATH}/health`);
    expect(curl).toContain("KmsHealthCheck");
  });

  it("gives the VPC endpoint service check the exact aws ec2 and elbv2 commands, for both of its codes", () => {
    for (const code of [
      "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
      "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
    ] as const) {
      const s = snap(
        xks("FAILED", code, {
          connectivity: "VPC_ENDPOINT_SERVICE",
          vpcEndpointServiceName: VPCE,
        }),
      );
      const a = only(plan(s, [found(code)]));
      expect(a.runbook).toBe("check-xks-vpc-endpoint-service");
      const commands = manual(a)[0]!.commands!;
      expect(commands).toContain(
        `aws ec2 describe-vpc-endpoint-service-configurations --region ${REGION} --filters Name=service-name,Values=${VPCE}`,
      );
      expect(commands).toContain(
        `aws ec2 describe-vpc-endpoint-service-permissions --region ${REGION} --service-id vpce-svc-0123456789abcdef0`,
      );
      expect(commands.find((c) => c.startsWith("aws elbv2 describe-load-balancers"))).toContain(
        "LoadBalancers[0].AvailabilityZones[].ZoneName",
      );
      expect(commands.join("\n")).toContain(`cks.kms.${REGION}.amazonaws.com`);
    }
  });

  it("refuses the VPC endpoint service check on a store that names no endpoint service", () => {
    const s = snap(xks("FAILED", "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND"));
    expect(refusal(() => plan(s, [found("XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND")]))).toMatch(
      /VpcEndpointServiceName/,
    );
  });

  it("leaves a CONNECTED store with degraded key managers connected: the check and a verify only", () => {
    const a = only(plan(snap(xks("CONNECTED")), [found("XKS_PROXY_DEGRADED")]));
    expect(a.runbook).toBe("check-xks-proxy-health");
    expect(ids(a)).toEqual(["check-proxy-health", "verify"]);
    expect(a.impact?.storesTakenOffline).toEqual([]);
  });

  it("checks each unusable external key at the proxy, and never reconnects the store", () => {
    const k = key("Enabled", { customKeyStoreId: XKS_ID, xksKeyId: "ext-key-1" });
    const other = key("Enabled", { customKeyStoreId: XKS_ID, xksKeyId: "ext-key-2" });
    const a = only(
      plan(snap(xks("CONNECTED"), { keys: [k, other] }), [found("XKS_KEY_UNUSABLE", [k.keyId])]),
    );
    expect(a.runbook).toBe("check-xks-key");
    expect(ids(a)).toEqual(["check-key", "verify"]);
    expect(step(a, "check-key").input.Keys).toEqual([{ KeyId: k.keyId, XksKeyId: "ext-key-1" }]);
    expect(step(a, "check-key").commands!.join("\n")).toContain(`${ENDPOINT}${PATH}/keys/ext-key-1/metadata`);
  });

  it.each([
    ["an endpoint with a newline and a command", { uriEndpoint: "https://x.example.com\nrm -rf ~" }],
    ["an endpoint with a terminal escape", { uriEndpoint: "https://x.example.com\u001b]0;owned\u0007" }],
    ["a path with shell syntax", { uriPath: "/$(id)/kms/xks/v1" }],
  ])("refuses, in one line, a store whose proxy configuration holds %s", (_what, over) => {
    const s = snap(xks("FAILED", "XKS_PROXY_NOT_REACHABLE", over));
    const message = refusal(() => plan(s, [found("XKS_PROXY_NOT_REACHABLE")]));
    expect(message).not.toContain("\n");
    expect(message).not.toContain("\u001b");
    expect(message).toMatch(/step check-proxy-health would have/);
  });
});

describe("the codes external stores share with CloudHSM stores", () => {
  it.each(["STORE_DISCONNECTED", "INTERNAL_ERROR", "CONNECTION_FAILED", "NETWORK_ERRORS"] as const)(
    "%s on an external store plans a reconnect with no CloudHSM step",
    (code) => {
      const state = code === "STORE_DISCONNECTED" ? "DISCONNECTED" : "FAILED";
      const a = only(plan(snap(xks(state, code === "STORE_DISCONNECTED" ? undefined : code)), [found(code)]));
      expect(a.runbook).toBe("reconnect");
      for (const s of a.steps)
        expect(ACTIONS[s.action].storeTypes ?? ["EXTERNAL_KEY_STORE"]).toContain("EXTERNAL_KEY_STORE");
    },
  );

  it.each(["USER_LOGGED_IN", "USER_NOT_FOUND", "USER_LOCKED_OUT"] as const)(
    "refuses to plan %s's CloudHSM steps on an external store",
    (code) => {
      const s = snap(xks("FAILED", code));
      expect(refusal(() => plan(s, [found(code)]))).toMatch(
        /is for AWS_CLOUDHSM stores, and this one is EXTERNAL_KEY_STORE/,
      );
    },
  );

  it.each(["NO_ACTIVE_HSMS", "KEY_MATERIAL_MISSING"] as const)(
    "plans no step for %s on an external store (it has no cluster to act on)",
    (code) => {
      expect(() => plan(snap(xks("FAILED", "INTERNAL_ERROR")), [found(code)])).toThrow(UsageError);
    },
  );
});

describe("the fingerprint of an external store", () => {
  const base = xks("FAILED", "XKS_PROXY_INVALID_CONFIGURATION");
  const print = (over: Partial<XksProxyFacts>) =>
    fingerprint(snap({ ...base, xksProxy: { ...base.xksProxy, ...over } }), XKS_ID);

  it.each([
    ["connectivity", { connectivity: "VPC_ENDPOINT_SERVICE" }],
    ["endpoint", { uriEndpoint: "https://xks2.example.com" }],
    ["path", { uriPath: "/other/kms/xks/v1" }],
    ["VPC endpoint service name", { vpcEndpointServiceName: VPCE }],
    ["access key id", { accessKeyId: "AKIA4EXAMPLEEXAMPLE3" }],
  ] as const)("changes when its %s changes, so a saved plan made before refuses", (_what, over) => {
    expect(print(over)).not.toBe(print({}));
  });

  it("does not hold the access key id itself", () => {
    expect(print({})).not.toContain("AKIA4EXAMPLEEXAMPLE2");
  });
});

describe("a manual XKS step in the plan views", () => {
  const tlsPlan = () =>
    plan(snap(xks("FAILED", "XKS_PROXY_INVALID_TLS_CONFIGURATION")), [
      found("XKS_PROXY_INVALID_TLS_CONFIGURATION"),
    ]);

  it("text shows its openssl commands and no legacy line", async () => {
    const out = (await viewFor("text")).plan(tlsPlan(), styleFor(false), true);
    expect(out).toContain(`openssl s_client -connect ${HOST}:443 -servername ${HOST} -tls1_2 </dev/null`);
    expect(out).not.toMatch(/legacy/i);
    // They are openssl and aws commands run against the proxy, not CloudHSM CLI ones.
    expect(out).not.toContain("CloudHSM CLI");
    expect(out).toContain("        commands:");
  });

  it("markdown fences its commands and has no empty Client SDK 3 section", async () => {
    const out = (await viewFor("markdown")).plan(tlsPlan(), styleFor(false), true);
    expect(out).toContain("openssl x509 -noout -dates -subject -issuer -ext subjectAltName");
    expect(out).not.toContain("Legacy (Client SDK 3)");
  });
});
