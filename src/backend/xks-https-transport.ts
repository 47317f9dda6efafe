import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { type XksHttpAnswer, type XksTransport, XksTransportError } from "./xks-transport.js";

/**
 * The XKS proxy reached over real HTTP(S), for the aws backend. Apart from xks-transport.ts, so the
 * simulator's backend never loads Node's https (and with it tls and net).
 */

const MAX_BODY = 256 * 1024;

export interface HttpsTransportOptions {
  /**
   * Tests only: accept http:// so a local simulated proxy (sim/xks/server.ts) can answer. KMS itself
   * only ever speaks HTTPS to a proxy, so the real backend never sets it.
   */
  allowPlainHttpForTests?: boolean;
}

/**
 * Real HTTPS to the proxy, with Node's default certificate checks. Redirects are never followed (a
 * 3xx is an answer like any other), and each call is cut off at its timeout.
 */
export function httpsTransport(opts: HttpsTransportOptions = {}): XksTransport {
  return {
    post: (req) =>
      new Promise<XksHttpAnswer>((resolve, reject) => {
        let url: URL;
        try {
          url = new URL(req.url);
        } catch {
          reject(new XksTransportError("unreachable", "the proxy URI is not a URL"));
          return;
        }
        const plain = url.protocol === "http:";
        if (url.protocol !== "https:" && !(plain && opts.allowPlainHttpForTests)) {
          reject(
            new XksTransportError(
              "unreachable",
              `kcs speaks only https to an XKS proxy, not ${url.protocol}`,
            ),
          );
          return;
        }
        const send = plain ? httpRequest : httpsRequest;
        let settled = false;
        const fail = (e: XksTransportError) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(e);
        };
        const r = send(
          url,
          {
            method: "POST",
            headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on("data", (c: Buffer) => {
              size += c.length;
              if (size > MAX_BODY) {
                res.destroy();
                return;
              }
              chunks.push(c);
            });
            res.on("end", () => {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
            });
            res.on("error", (e) => fail(new XksTransportError("unreachable", e.message)));
            res.on("close", () => {
              if (size > MAX_BODY) fail(new XksTransportError("unreachable", "the answer is too large"));
            });
          },
        );
        const timer = setTimeout(() => {
          fail(new XksTransportError("timeout", `no answer within ${req.timeoutMs} ms`));
          r.destroy();
        }, req.timeoutMs);
        r.on("error", (e) => fail(new XksTransportError("unreachable", e.message)));
        r.end(req.body);
      }),
  };
}
