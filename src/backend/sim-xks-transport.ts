import type { WorldStore } from "../sim/engine.js";
import { handleXksRequest, transportFault } from "../sim/xks/proxy.js";
import { type XksTransport, XksTransportError } from "./xks-transport.js";

/**
 * The sim backend's way to a proxy: the world's `xksProxies`, answered in process. A proxy is found
 * by its endpoint (scheme and host, as the store's XksProxyUriEndpoint names it); a transport fault
 * or a missing proxy is an unreachable one, and `faults.latencyMs` is the call's latency.
 */
export function simXksTransport(store: Pick<WorldStore, "read">, now: () => number = Date.now): XksTransport {
  return {
    post: async (req) => {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        throw new XksTransportError("unreachable", "the proxy URI is not a URL", 0);
      }
      const answer = store.read((w) => {
        const proxy = (w.xksProxies ?? []).find((p) => sameOrigin(p.uriEndpoint, url));
        if (!proxy) return { error: `no proxy listens at ${url.origin}` };
        const fault = transportFault(proxy);
        if (fault) return { error: fault };
        const res = handleXksRequest(
          proxy,
          { method: "POST", path: url.pathname, headers: lower(req.headers), body: req.body },
          { now },
        );
        return { ...res, latencyMs: proxy.faults.latencyMs ?? 0 };
      });
      // A refused connection takes no simulated time; the report says 0 ms however busy the machine.
      if ("error" in answer) throw new XksTransportError("unreachable", answer.error ?? "unreachable", 0);
      if (answer.latencyMs > req.timeoutMs)
        throw new XksTransportError("timeout", `no answer within ${req.timeoutMs} ms`, answer.latencyMs);
      return answer;
    },
  };
}

function sameOrigin(endpoint: string, url: URL): boolean {
  try {
    return new URL(endpoint).origin === url.origin;
  } catch {
    return false;
  }
}

/** HTTP header names are case-insensitive; the proxy's SigV4 check reads them lower-case, as Node gives them. */
const lower = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
