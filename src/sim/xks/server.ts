import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "../wire/read-body.js";
import { handleXksRequest, transportFault } from "./proxy.js";
import type { XksProxyState } from "./state.js";

/**
 * One request to one proxy, answered as the proxy's HTTP layer would: the pure handler's answer,
 * after the proxy's latency fault. Transport faults are the caller's (they act before any HTTP).
 */
export async function answerXks(
  proxy: XksProxyState,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  now: () => number,
): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  const answer = handleXksRequest(
    proxy,
    { method: req.method ?? "GET", path: req.url ?? "/", headers, body },
    { now },
  );
  const delay = proxy.faults.latencyMs ?? 0;
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  res.writeHead(answer.status, { "content-type": "application/json" });
  res.end(answer.body);
}

export interface XksServer {
  url: string;
  close(): Promise<void>;
}

export interface XksServerOptions {
  now?: () => number;
}

/**
 * Serves one simulated proxy over plain HTTP on an ephemeral localhost port. The state is read on each
 * request, so a test can switch faults on and off while the server runs.
 */
export async function startXksServer(state: XksProxyState, opts: XksServerOptions = {}): Promise<XksServer> {
  const now = opts.now ?? Date.now;
  const server = createServer(async (req, res) => {
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      // The client went away mid-body: nothing to answer.
      res.destroy();
      return;
    }
    await answerXks(state, req, res, body, now);
  });
  // Transport faults act before any HTTP: the client sees a reset, as with a refused or failed handshake.
  server.on("connection", (socket) => {
    if (transportFault(state)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
