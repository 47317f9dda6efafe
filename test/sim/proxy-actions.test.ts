import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { DURATIONS } from "../../src/sim/clock.js";
import { act } from "../../src/sim/console-actions.js";
import { AwsError } from "../../src/sim/errors.js";
import { actOnProxy, resolveProxy } from "../../src/sim/proxy-actions.js";
import { findScenario } from "../../src/sim/scenarios/catalog.js";
import { type Harness, harness, T0 } from "../helpers/sim.js";

/**
 * The proxy side of `kcs sim act`: what a proxy's operators do, which KMS then meets on its next call,
 * and the console's set-xks-credential, which is UpdateCustomKeyStore.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOST = "xks.partner.example.com";
const NEW_SECRET = "bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQtMDEyMzQ1Njc4";

async function world(name: string) {
  h = await harness(findScenario(name)!.build(T0));
  return h;
}

const partner = (x: Harness) => x.world().stores.find((s) => s.CustomKeyStoreName === "partner-xks")!;

async function reconnect(x: Harness) {
  const store = partner(x).CustomKeyStoreName;
  await act(x.sim, { action: "disconnect", store });
  x.clock.advance(DURATIONS.disconnect);
  await act(x.sim, { action: "connect", store });
  x.clock.advance(DURATIONS.connect);
  x.sim.settle();
  return partner(x);
}

describe("proxy-side actions", () => {
  it("proxy-fault breaks the proxy KMS meets on its next connect; proxy-clear mends it", async () => {
    const x = await world("xks-healthy");
    const r = actOnProxy(x.store, { action: "proxy-fault", proxy: HOST, fault: "tls" });
    expect(r).toMatchObject({ principal: "proxy-operator", target: { kind: "proxy", host: HOST } });
    expect(r.state).toContain("TLS failing");
    expect((await reconnect(x)).ConnectionErrorCode).toBe("XKS_PROXY_INVALID_TLS_CONFIGURATION");
    // By its endpoint, or by the store that uses it.
    actOnProxy(x.store, { action: "proxy-clear", proxy: `https://${HOST}` });
    expect(actOnProxy(x.store, { action: "proxy-clear", proxy: "partner-xks" }).target).toEqual({
      kind: "proxy",
      host: HOST,
    });
    expect((await reconnect(x)).ConnectionState).toBe("CONNECTED");
  });

  it("the latency fault needs its milliseconds", async () => {
    const x = await world("xks-healthy");
    expect(() => actOnProxy(x.store, { action: "proxy-fault", proxy: HOST, fault: "latency" })).toThrow(
      UsageError,
    );
    actOnProxy(x.store, { action: "proxy-fault", proxy: HOST, fault: "latency", latencyMs: 300 });
    expect((await reconnect(x)).ConnectionErrorCode).toBe("XKS_PROXY_TIMED_OUT");
  });

  it("set-ekm-health and enable/disable-xks-key change what the proxy reports", async () => {
    const x = await world("xks-key-unusable");
    actOnProxy(x.store, { action: "set-ekm-health", proxy: HOST, ekm: "ekm-2", health: "DEGRADED" });
    const r = actOnProxy(x.store, { action: "enable-xks-key", proxy: HOST, key: "partner-xks-key-1" });
    expect(r.state).not.toContain("disabled keys");
    expect(r.state).toContain("ekm-2 DEGRADED");
    expect(resolveProxy(x.world(), HOST).keys.every((k) => k.keyStatus === "ENABLED")).toBe(true);
    expect(() => actOnProxy(x.store, { action: "disable-xks-key", proxy: HOST, key: "nope" })).toThrow(
      UsageError,
    );
  });

  it("fix-vpce makes a service conformant, and the store connects again", async () => {
    const x = await world("xks-vpce-invalid");
    const name = partner(x).XksProxyConfiguration!.VpcEndpointServiceName!;
    actOnProxy(x.store, { action: "fix-vpce", service: name });
    expect((await reconnect(x)).ConnectionState).toBe("CONNECTED");
  });

  it("an unknown proxy is a UsageError naming the ones there are", async () => {
    const x = await world("xks-healthy");
    expect(() => actOnProxy(x.store, { action: "proxy-clear", proxy: "nope.example.com" })).toThrow(
      /xks\.partner\.example\.com/,
    );
  });

  it("rotating the credential: the proxy first, then KMS told through set-xks-credential; the secret stays out of results", async () => {
    const x = await world("xks-healthy");
    const accessKeyId = "ROTATEDACCESSKEYID22";
    const r = actOnProxy(x.store, {
      action: "set-proxy-credential",
      proxy: HOST,
      accessKeyId,
      secretAccessKey: NEW_SECRET,
    });
    expect(JSON.stringify(r)).not.toContain(NEW_SECRET);
    const told = await act(x.sim, {
      action: "set-xks-credential",
      store: "partner-xks",
      accessKeyId,
      secretAccessKey: NEW_SECRET,
    });
    expect(told).toMatchObject({ call: "kms:UpdateCustomKeyStore", state: "CONNECTED" });
    expect(JSON.stringify(told)).not.toContain(NEW_SECRET);
    expect(partner(x).XksProxyConfiguration!.AccessKeyId).toBe(accessKeyId);
    expect(JSON.stringify(x.world().events)).not.toContain(NEW_SECRET);
  });

  it("set-xks-credential with a credential the proxy refuses is AWS's refusal", async () => {
    const x = await world("xks-healthy");
    await expect(
      act(x.sim, {
        action: "set-xks-credential",
        store: "partner-xks",
        accessKeyId: "ROTATEDACCESSKEYID22",
        secretAccessKey: NEW_SECRET,
      }),
    ).rejects.toSatisfy(
      (e) => e instanceof AwsError && e.code === "XksProxyIncorrectAuthenticationCredentialException",
    );
  });
});
