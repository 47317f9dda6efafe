import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { approveSavedPlan } from "../../src/app/plan.js";
import { UsageError } from "../../src/core/errors.js";
import { checkProxyCredential, type ProxyCredential } from "../../src/core/proxy-credential.js";
import { finding } from "../../src/diagnose/finding.js";
import type { Plan } from "../../src/remediate/plan.js";
import { buildPlan } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { addProxy } from "../../src/sim/scenarios/xks-world.js";
import type { CustomKeyStore, World } from "../../src/sim/world.js";
import { type App, app } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

/**
 * update-xks-proxy-credential and correct-xks-proxy-uri run against the simulator through the real
 * SDK over HTTP (as --backend aws --endpoint-url would), on a world with an external store set FAILED
 * by hand: what KMS is sent, where the store ends, and that the secret appears nowhere kcs writes.
 */
const XKS_ID = "cks-0000000000000xks1";
const OLD_ID = "ABCDEFGHIJKLMNOPQRST";
const NEW_ID = "ZYXWVUTSRQPONMLKJIHG234567";
const NEW_SECRET = "NewProxySecretAccessKey0123456789abcdefghijkl+/=";

function worldWith(state: CustomKeyStore["ConnectionState"], code: string): World {
  const w = scenarioWorld("healthy");
  w.stores.push({
    CustomKeyStoreId: XKS_ID,
    CustomKeyStoreName: "partner-xks",
    CustomKeyStoreType: "EXTERNAL_KEY_STORE",
    ConnectionState: state,
    ConnectionErrorCode: code as CustomKeyStore["ConnectionErrorCode"],
    CreationDate: w.clock.simAnchorMs - 86_400_000,
    XksProxyConfiguration: {
      Connectivity: "PUBLIC_ENDPOINT",
      // Only an INVALID_CREDENTIALS store holds a credential the proxy no longer has.
      AccessKeyId: code === "INVALID_CREDENTIALS" ? OLD_ID : NEW_ID,
      UriEndpoint: "https://xks.partner.example.com",
      UriPath: code === "XKS_PROXY_INVALID_CONFIGURATION" ? "/kms/xks/v1" : "/p/kms/xks/v1",
    },
    xksSecretAccessKey:
      code === "INVALID_CREDENTIALS" ? "OldProxySecretAccessKey0123456789abcdefghijkl+/=" : NEW_SECRET,
  });
  // The proxy itself, which now holds the new credential (KMS checks it on update and on connect),
  // and serves its API under /p.
  addProxy(w, {
    uriEndpoint: "https://xks.partner.example.com",
    uriPath: "/p",
    accessKeyId: NEW_ID,
    secretAccessKey: NEW_SECRET,
    keyIds: [],
  });
  return w;
}

const credential = (): ProxyCredential => checkProxyCredential(NEW_ID, NEW_SECRET) as ProxyCredential;

async function planFor(
  kcs: App,
  code: "INVALID_CREDENTIALS" | "XKS_PROXY_INVALID_CONFIGURATION",
  params = {},
) {
  const observation = await kcs.observe();
  return buildPlan({
    snapshot: observation.snapshot,
    // Built by hand: diagnosing external stores is another change's (doctor's) work.
    findings: [finding(code, { customKeyStoreId: XKS_ID }, code, {})],
    runbooks: loadRunbooks(),
    params,
    passwordSource: "stdin",
    xksCredentialSource: "env",
    createdAt: new Date(kcs.clock.now()).toISOString(),
  });
}

const xksStore = (kcs: App) => kcs.h.world().stores.find((s) => s.CustomKeyStoreId === XKS_ID)!;

describe("update-xks-proxy-credential on the simulator", () => {
  it("disconnects the FAILED store, tells KMS the new credential, connects; the secret is nowhere kcs writes", async () => {
    const kcs = await app(worldWith("FAILED", "INVALID_CREDENTIALS"), "http");
    try {
      const plan = await planFor(kcs, "INVALID_CREDENTIALS");
      const progress: string[] = [];
      const applied = await kcs.fix(plan, {
        xksCredential: credential(),
        progress: { renderer: "json", write: (l) => progress.push(l) },
      });
      expect(applied.result.outcomes.map((o) => [o.stepId, o.status])).toEqual([
        ["disconnect", "done"],
        ["wait-disconnected", "done"],
        ["update-proxy-credential", "done"],
        ["connect", "done"],
        ["wait-connected", "done"],
        ["verify", "done"],
      ]);
      expect(xksStore(kcs).ConnectionState).toBe("CONNECTED");
      const update = kcs.h.sim.calls.find((c) => c.operation === "UpdateCustomKeyStore")!;
      expect(update.input).toEqual({
        CustomKeyStoreId: XKS_ID,
        XksProxyAuthenticationCredential: { AccessKeyId: NEW_ID, RawSecretAccessKey: NEW_SECRET },
      });
      // What kcs writes: the plan, the result, its progress, its ledger.
      const written = [
        JSON.stringify(plan),
        JSON.stringify(applied.result),
        applied.problem ?? "",
        ...progress,
        // No ledger at all, here: a proxy credential locks nothing out, so nothing is remembered of it.
        existsSync(kcs.ledger.path) ? readFileSync(kcs.ledger.path, "utf8") : "",
      ].join("\n");
      expect(written).not.toContain(NEW_SECRET);
      expect(written).not.toContain(NEW_ID);
    } finally {
      await kcs.close();
    }
  });

  it("stops at the credential step when given none, and never connects with the credential the proxy rejected", async () => {
    const kcs = await app(worldWith("FAILED", "INVALID_CREDENTIALS"), "http");
    try {
      const applied = await kcs.fix(await planFor(kcs, "INVALID_CREDENTIALS"));
      expect(applied.problem).toMatch(/needs the new XKS proxy credential \(--xks-credential-stdin/);
      // No connect with the credential the proxy rejected.
      expect(kcs.h.sim.calls.some((c) => c.operation === "ConnectCustomKeyStore")).toBe(false);
    } finally {
      await kcs.close();
    }
  });
});

describe("correct-xks-proxy-uri on the simulator", () => {
  it("tells KMS the path given with --param while DISCONNECTED, then connects", async () => {
    const kcs = await app(worldWith("FAILED", "XKS_PROXY_INVALID_CONFIGURATION"), "http");
    try {
      const plan = await planFor(kcs, "XKS_PROXY_INVALID_CONFIGURATION", {
        XksProxyUriPath: "/p/kms/xks/v1",
      });
      const applied = await kcs.fix(plan);
      expect(applied.result.outcomes.find((o) => o.stepId === "update-proxy-uri")).toMatchObject({
        status: "done",
        detail: "XksProxyUriPath /p/kms/xks/v1",
      });
      const update = kcs.h.sim.calls.find((c) => c.operation === "UpdateCustomKeyStore")!;
      expect(update.input).toEqual({ CustomKeyStoreId: XKS_ID, XksProxyUriPath: "/p/kms/xks/v1" });
      expect(xksStore(kcs).ConnectionState).toBe("CONNECTED");
    } finally {
      await kcs.close();
    }
  });

  it("refuses a saved plan once the store's proxy configuration changed (stale fingerprint)", async () => {
    const kcs = await app(worldWith("FAILED", "XKS_PROXY_INVALID_CONFIGURATION"), "http");
    try {
      const saved: Plan = await planFor(kcs, "XKS_PROXY_INVALID_CONFIGURATION", {
        XksProxyUriPath: "/p/kms/xks/v1",
      });
      // Someone else corrects the endpoint in the meantime.
      kcs.h.store.update((w) => {
        const s = w.stores.find((x) => x.CustomKeyStoreId === XKS_ID)!;
        s.XksProxyConfiguration!.UriEndpoint = "https://xks2.partner.example.com";
      });
      const now = await kcs.observe();
      const where = {
        backend: kcs.backend.kind,
        region: kcs.backend.region,
        passwordSource: "stdin",
      } as const;
      expect(() => approveSavedPlan(saved, now, where, "plan.json")).toThrow(UsageError);
      expect(() => approveSavedPlan(saved, now, where, "plan.json")).toThrow(
        /plan\.json is stale: cks-0000000000000xks1 changed/,
      );
    } finally {
      await kcs.close();
    }
  });
});
