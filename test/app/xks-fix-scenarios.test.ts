import { describe, expect, it } from "vitest";
import type { Observation } from "../../src/app/observe.js";
import { checkProxyCredential, type ProxyCredential } from "../../src/core/proxy-credential.js";
import { CONNECTION_ERROR_FINDINGS } from "../../src/diagnose/catalog.js";
import { type Finding, finding } from "../../src/diagnose/finding.js";
import { buildPlan } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { PARTNER_STORE } from "../../src/sim/scenarios/xks.js";
import { type App, withApp } from "../helpers/app.js";

/**
 * kcs fix on each FAILED external key store scenario, end to end on the simulator: the plan the
 * store's finding gets, run with the simulated operator doing the manual steps on the proxy side,
 * ends with the store CONNECTED.
 */
const partner = (o: Observation) => o.snapshot.stores.find((s) => s.customKeyStoreName === PARTNER_STORE)!;

/** The store's finding: doctor's, or (before doctor diagnoses external stores) what its code means. */
function findingsOf(o: Observation): Finding[] {
  const store = partner(o);
  const doctor = o.findings.filter((f) => f.customKeyStoreId === store.customKeyStoreId);
  if (doctor.length) return doctor;
  const code = CONNECTION_ERROR_FINDINGS.get(store.connectionErrorCode ?? "")!;
  return [finding(code, { customKeyStoreId: store.customKeyStoreId }, code, {})];
}

async function fixPartner(kcs: App, params: Record<string, string> = {}, xksCredential?: ProxyCredential) {
  const before = await kcs.observe();
  expect(partner(before).connectionState).toBe("FAILED");
  const plan = buildPlan({
    snapshot: before.snapshot,
    findings: findingsOf(before),
    runbooks: loadRunbooks(),
    params,
    passwordSource: "stdin",
    xksCredentialSource: "stdin",
    createdAt: new Date(kcs.clock.now()).toISOString(),
  });
  const applied = await kcs.fix(plan, { ...(xksCredential ? { xksCredential } : {}) });
  expect(applied.problem).toBeUndefined();
  expect(applied.result.ok).toBe(true);
  const after = await kcs.observe();
  expect(partner(after).connectionState).toBe("CONNECTED");
  return plan;
}

/** Every store's findings: doctor's, or for a FAILED external store doctor is silent on, its code's. */
function allFindings(o: Observation): Finding[] {
  const out = [...o.findings];
  for (const store of o.snapshot.stores) {
    if (store.customKeyStoreType !== "EXTERNAL_KEY_STORE" || store.connectionState !== "FAILED") continue;
    if (out.some((f) => f.customKeyStoreId === store.customKeyStoreId)) continue;
    const code = CONNECTION_ERROR_FINDINGS.get(store.connectionErrorCode ?? "")!;
    out.push(finding(code, { customKeyStoreId: store.customKeyStoreId }, code, {}));
  }
  return out;
}

describe("kcs fix on the external key store scenarios", () => {
  it("mixed-fleet: kmsuser's password on the CloudHSM store and both proxies' health, in one run, every store CONNECTED", async () => {
    await withApp("mixed-fleet", "in-process", async (kcs) => {
      const before = await kcs.observe();
      const plan = buildPlan({
        snapshot: before.snapshot,
        findings: allFindings(before).filter((f) => f.severity === "error"),
        runbooks: loadRunbooks(),
        params: {},
        passwordSource: "stdin",
        createdAt: new Date(kcs.clock.now()).toISOString(),
      });
      expect(plan.actions.map((a) => a.runbook).sort()).toEqual([
        "check-xks-proxy-health",
        "check-xks-proxy-health",
        "rotate-kmsuser-password",
      ]);
      const applied = await kcs.fix(plan);
      expect(applied.problem).toBeUndefined();
      const after = await kcs.observe();
      const touched = new Set(plan.actions.map((a) => a.customKeyStoreId));
      for (const s of after.snapshot.stores.filter((x) => touched.has(x.customKeyStoreId)))
        expect([s.customKeyStoreName, s.connectionState]).toEqual([s.customKeyStoreName, "CONNECTED"]);
    });
  });

  it.each([
    ["xks-access-denied", "check-xks-proxy-authorization"],
    ["xks-invalid-response", "check-xks-proxy-health"],
    ["xks-tls", "check-xks-proxy-tls"],
    ["xks-not-reachable", "check-xks-proxy-health"],
    ["xks-ekm-unavailable", "check-xks-proxy-health"],
    ["xks-timed-out", "check-xks-proxy-health"],
    ["xks-vpce-invalid", "check-xks-vpc-endpoint-service"],
    ["xks-vpce-not-found", "check-xks-vpc-endpoint-service"],
  ])("%s: %s's manual step, then a reconnect, leaves the store CONNECTED", async (scenario, runbook) => {
    await withApp(scenario, "in-process", async (kcs) => {
      const plan = await fixPartner(kcs);
      expect(plan.actions.map((a) => a.runbook)).toEqual([runbook]);
    });
  });

  it("xks-invalid-credentials: the proxy's current credential, told to KMS, connects the store", async () => {
    await withApp("xks-invalid-credentials", "http", async (kcs) => {
      const proxy = kcs.h.world().xksProxies!.find((p) => p.uriEndpoint.includes("partner"))!;
      const cred = checkProxyCredential(proxy.credential.accessKeyId, proxy.credential.secretAccessKey);
      expect(cred).not.toHaveProperty("refused");
      const plan = await fixPartner(kcs, {}, cred as ProxyCredential);
      expect(plan.actions.map((a) => a.runbook)).toEqual(["update-xks-proxy-credential"]);
      expect(JSON.stringify(plan)).not.toContain(proxy.credential.secretAccessKey);
    });
  });

  it("xks-invalid-configuration: the path named with --param connects the store", async () => {
    await withApp("xks-invalid-configuration", "http", async (kcs) => {
      const plan = await fixPartner(kcs, { XksProxyUriPath: "/acme-v2/kms/xks/v1" });
      expect(plan.actions.map((a) => a.runbook)).toEqual(["correct-xks-proxy-uri"]);
    });
  });
});
