import type { XksTransport } from "./xks-transport.js";

/**
 * The aws backend's transport to XKS proxies, loaded on its first request: only a run that probes
 * an external key store's proxy needs the real one (xks-https-transport.ts). Apart from
 * xks-transport.ts, which the real one imports.
 */
export function lazyHttpsTransport(): XksTransport {
  let real: Promise<XksTransport> | undefined;
  return {
    post: async (req) => {
      real ??= import("./xks-https-transport.js").then((m) => m.httpsTransport());
      return (await real).post(req);
    },
  };
}
