import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConnectionReset, type Simulator } from "../engine.js";
import { handleWire } from "./protocol.js";
import { readBody } from "./read-body.js";

/** Filing read events is bookkeeping: a world busy elsewhere gets them at the next try. */
function fileTrail(sim: Simulator): void {
  try {
    sim.flushTrail();
  } catch {
    // The world is locked or unreadable: the events stay in memory for the next tick.
  }
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Serves the simulator over HTTP with the AWS JSON 1.1 protocol of KMS, CloudHSM v2 and CloudTrail. */
export async function serve(
  sim: Simulator,
  opts: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (req.method !== "POST") {
        res.writeHead(405, {
          "content-type": "application/x-amz-json-1.1",
          "x-amzn-requestid": randomUUID(),
          "x-amzn-errortype": "MethodNotAllowed",
        });
        res.end(
          JSON.stringify({
            __type: "MethodNotAllowed",
            message: "The simulator answers POST / with AWS JSON 1.1.",
          }),
        );
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const out = await handleWire(sim, { headers, body });
      res.writeHead(out.statusCode, out.headers);
      res.end(out.body);
    } catch (err) {
      if (err instanceof ConnectionReset) {
        req.socket.destroy();
        return;
      }
      res.writeHead(500, {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-requestid": randomUUID(),
        "x-amzn-errortype": "InternalFailure",
      });
      res.end(
        JSON.stringify({
          __type: "InternalFailure",
          message: err instanceof Error ? err.message : String(err),
        }),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  // Reads are logged in memory; a long-running server files them every second (one world write).
  const filing = setInterval(() => fileTrail(sim), 1_000);
  filing.unref();
  return {
    server,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(filing);
        fileTrail(sim);
        server.close(() => resolve());
      }),
  };
}
