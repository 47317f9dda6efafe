import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { httpsTransport } from "../../src/backend/xks-https-transport.js";
import { Secret } from "../../src/core/secret.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { ReadError } from "../../src/gather/snapshot.js";
import { probeXksStores } from "../../src/gather/xks-probe.js";
import { externalStore, snapshot } from "../diagnose/fixtures.js";

const TLS = "test/fixtures/xks-tls";

describe("doctor --probe over real HTTPS", () => {
  it("a proxy whose certificate no trusted CA issued is refused at the handshake: XKS_PROXY_NOT_REACHABLE, nothing sent", async () => {
    let requests = 0;
    const server = createServer(
      { cert: readFileSync(`${TLS}/cert.pem`), key: readFileSync(`${TLS}/key.pem`) },
      (_req, res) => {
        requests++;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ekmFleetDetails: [{ id: "km-1", healthStatus: "ACTIVE" }] }));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const store = externalStore({
        xksProxy: {
          connectivity: "PUBLIC_ENDPOINT",
          uriEndpoint: `https://127.0.0.1:${port}`,
          uriPath: "/kms/xks/v1",
          accessKeyId: "ABCDEFGHIJKLMNOPQRST",
        },
      });
      const errors: ReadError[] = [];
      const [probe] = await probeXksStores([store], [], {
        transport: httpsTransport(),
        region: "eu-west-1",
        credentials: [{ accessKeyId: "ABCDEFGHIJKLMNOPQRST", secretAccessKey: new Secret("s3cret") }],
        errors,
      });
      expect(probe!.health).toMatchObject({
        outcome: "unreachable",
        message: expect.stringMatching(/self[- ]signed certificate/),
      });
      expect(requests).toBe(0);
      const found = diagnose(snapshot({ stores: [store], clusters: {}, xksProbes: [probe!] }));
      expect(found.map((f) => f.code)).toEqual(["XKS_PROXY_NOT_REACHABLE"]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
