import type { IncomingMessage } from "node:http";

/** A request's whole body as text: the simulator's servers (AWS's wire protocols, the XKS proxy) read small bodies. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
