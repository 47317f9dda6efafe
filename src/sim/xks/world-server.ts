import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { WorldStore } from "../engine.js";
import { readBody } from "../wire/read-body.js";
import type { SimXksProxy } from "../world.js";
import { transportFault } from "./proxy.js";
import { answerXks } from "./server.js";

export interface WorldXksServer {
  url: string;
  close(): Promise<void>;
}

/** The host name a proxy answers to: its endpoint without https://. */
export const proxyHost = (p: SimXksProxy) => p.uriEndpoint.replace(/^https:\/\//, "");

/**
 * Serves every proxy of a world on one plain-HTTP port, for real clients (curl, a SigV4 signer): the
 * request's Host header picks the proxy, as the name in the store's XksProxyUriEndpoint would on the
 * internet, and is the host the client signs. The world is read on each request, so `kcs sim act`
 * changes show at once. The signature's date is checked against the wall clock, since that is what
 * a real client signs with. Transport faults reset the connection, a latency fault delays the answer.
 */
export async function serveWorldProxies(
  store: WorldStore,
  opts: { host?: string; port?: number; now?: () => number } = {},
): Promise<WorldXksServer> {
  const now = opts.now ?? Date.now;
  const server = createServer(async (req, res) => {
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const wanted = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const proxy = store.read((w) =>
      structuredClone((w.xksProxies ?? []).find((p) => proxyHost(p).toLowerCase() === wanted)),
    );
    if (!proxy) {
      const known = store.read((w) => (w.xksProxies ?? []).map(proxyHost));
      res.writeHead(421, { "content-type": "text/plain" });
      res.end(
        `No simulated XKS proxy answers to Host '${wanted}'. Send one of: ${known.join(", ") || "(none)"}.\n`,
      );
      return;
    }
    if (transportFault(proxy)) {
      req.socket.destroy();
      return;
    }
    await answerXks(proxy, req, res, body, now);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
