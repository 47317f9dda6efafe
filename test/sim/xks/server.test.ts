import { afterEach, describe, expect, it } from "vitest";
import { startXksServer, type XksServer } from "../../../src/sim/xks/server.js";
import { meta, NOW, proxyState, signedRequest } from "./fixture.js";

const HEALTH = "/example/kms/xks/v1/health";
let server: XksServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(url: string) {
  const req = await signedRequest(
    HEALTH,
    { requestMetadata: meta("KmsHealthCheck") },
    { host: new URL(url).host },
  );
  const started = Date.now();
  const res = await fetch(`${url}${HEALTH}`, { method: "POST", headers: req.headers, body: req.body });
  return {
    status: res.status,
    json: (await res.json()) as { ekmFleetDetails?: unknown[] },
    ms: Date.now() - started,
  };
}

describe("XKS proxy HTTP server", () => {
  it("answers a signed health check over HTTP", async () => {
    server = await startXksServer(proxyState(), { now: () => NOW });
    const r = await post(server.url);
    expect(r.status).toBe(200);
    expect(r.json.ekmFleetDetails).toHaveLength(2);
  });

  it("answers a GET with 405", async () => {
    server = await startXksServer(proxyState(), { now: () => NOW });
    expect((await fetch(`${server.url}${HEALTH}`)).status).toBe(405);
  });

  it("delays answers by latencyMs", async () => {
    const state = proxyState();
    state.faults.latencyMs = 300;
    server = await startXksServer(state, { now: () => NOW });
    const r = await post(server.url);
    expect(r.status).toBe(200);
    expect(r.ms).toBeGreaterThanOrEqual(290);
  });

  it.each([
    ["unreachable", { unreachable: true }],
    ["a TLS failure", { tls: { failed: true, reason: "name mismatch" } }],
  ])("closes the connection when %s", async (_, faults) => {
    const state = proxyState();
    state.faults = faults;
    server = await startXksServer(state, { now: () => NOW });
    await expect(post(server.url)).rejects.toThrow();
  });
});
