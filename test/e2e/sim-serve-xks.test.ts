import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWorldFile } from "../../src/backend/sim-world.js";
import { signXksRequest } from "../../src/sim/xks/sign.js";
import { runKcs, serveWorld, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

/** A signed POST as a real XKS client sends it: to the proxies' port, the proxy named by Host. */
function post(
  url: string,
  host: string,
  path: string,
  cred: { accessKeyId: string; secretAccessKey: string },
) {
  const body = JSON.stringify({ requestMetadata: { kmsOperation: "KmsHealthCheck", kmsRequestId: "e2e-1" } });
  const headers = signXksRequest({ path, host, body, region: "eu-west-1", nowMs: Date.now() }, cred);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${url}${path}`, { method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("kcs sim serve serves the world's XKS proxies too", () => {
  it("prints where, and answers a signed GetHealthStatus; a proxy fault set with kcs sim act shows at once", async () => {
    const path = initWorld(join(tempDir("kcs-serve-xks-"), "w.json"), "xks-healthy");
    const cred = openWorldFile(path).read((w) => w.xksProxies![0]!.credential);
    const served = await serveWorld(path);
    try {
      expect(served.xksUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await post(served.xksUrl!, "xks.partner.example.com", "/acme/kms/xks/v1/health", cred);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body).xksProxyVendor).toBe("Example Corp");
      const act = await runKcs([
        "sim",
        "act",
        "proxy-fault",
        "partner-xks",
        "access-denied",
        "--sim-state",
        path,
      ]);
      expect(act.code, act.stderr).toBe(0);
      expect(act.stdout).not.toContain(cred.secretAccessKey);
      expect(
        (await post(served.xksUrl!, "xks.partner.example.com", "/acme/kms/xks/v1/health", cred)).status,
      ).toBe(403);
    } finally {
      await served.stop();
    }
  });
});
