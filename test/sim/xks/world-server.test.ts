import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryWorldStore } from "../../../src/sim/engine.js";
import { addProxy } from "../../../src/sim/scenarios/xks-world.js";
import { signXksRequest } from "../../../src/sim/xks/sign.js";
import { serveWorldProxies, type WorldXksServer } from "../../../src/sim/xks/world-server.js";
import { scenarioWorld } from "../../helpers/sim.js";

const SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM0NQ";
const ACCESS = "XKSACCESSKEYIDAAAAAB";

function world() {
  const w = scenarioWorld("healthy");
  addProxy(w, {
    uriEndpoint: "https://a.example.com",
    uriPath: "/a",
    accessKeyId: ACCESS,
    secretAccessKey: SECRET,
    keyIds: ["k"],
  });
  addProxy(w, {
    uriEndpoint: "https://b.example.com",
    accessKeyId: ACCESS,
    secretAccessKey: SECRET,
    keyIds: [],
  });
  return w;
}

/** A real HTTP POST, signed as KMS would sign it for `host`, sent with that Host header. */
function post(url: string, host: string, path: string): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ requestMetadata: { kmsOperation: "KmsHealthCheck", kmsRequestId: "r-1" } });
  const headers = signXksRequest(
    { path, host, body, region: "eu-west-1", nowMs: Date.now() },
    { accessKeyId: ACCESS, secretAccessKey: SECRET },
  );
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("kcs sim serve's XKS proxies over HTTP (one port, Host picks the proxy)", () => {
  let running: WorldXksServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("answers a signed GetHealthStatus from the proxy the Host names", async () => {
    const store = new MemoryWorldStore(world());
    running = await serveWorldProxies(store);
    const a = await post(running.url, "a.example.com", "/a/kms/xks/v1/health");
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body).ekmFleetDetails).toHaveLength(2);
    // b serves no /a prefix: the Host decided which proxy answered.
    expect((await post(running.url, "b.example.com", "/a/kms/xks/v1/health")).status).toBe(404);
    expect((await post(running.url, "b.example.com", "/kms/xks/v1/health")).status).toBe(200);
  });

  it("refuses a Host no proxy answers to, naming the ones that do", async () => {
    running = await serveWorldProxies(new MemoryWorldStore(world()));
    const res = await post(running.url, "nope.example.com", "/kms/xks/v1/health");
    expect(res.status).toBe(421);
    expect(res.body).toContain("a.example.com, b.example.com");
  });

  it("reads the world on each request: a proxy taken down resets the connection", async () => {
    const store = new MemoryWorldStore(world());
    running = await serveWorldProxies(store);
    store.world.xksProxies![0]!.faults.unreachable = true;
    await expect(post(running.url, "a.example.com", "/a/kms/xks/v1/health")).rejects.toThrow();
    store.world.xksProxies![0]!.faults.unreachable = false;
    store.world.xksProxies![0]!.credential.secretAccessKey = `${SECRET}x`;
    expect((await post(running.url, "a.example.com", "/a/kms/xks/v1/health")).status).toBe(401);
  });
});
