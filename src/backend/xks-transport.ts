/**
 * How doctor --probe reaches an external key store's proxy: one POST, answered or not. Behind the
 * backend so gather stays the same for AWS (real HTTPS) and the simulator (in-process proxies).
 */
export interface XksHttpRequest {
  /** XksProxyUriEndpoint + XksProxyUriPath + /health or /keys/<id>/metadata. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Give up after this long: a hung proxy must never hang doctor. */
  timeoutMs: number;
}

export interface XksHttpAnswer {
  status: number;
  body: string;
  /** The simulator's modelled latency; absent when the caller's own clock timed the call. */
  latencyMs?: number;
}

/** No HTTP answer: `unreachable` (refused, reset, DNS, TLS) or `timeout` (nothing within timeoutMs). */
export class XksTransportError extends Error {
  constructor(
    readonly kind: "unreachable" | "timeout",
    message: string,
    /**
     * How long the failure took, when the transport knows better than a clock around the call: the
     * simulator's refusal takes no simulated time, and the machine's own slowness is not the proxy's.
     */
    readonly latencyMs?: number,
  ) {
    super(message);
  }
}

export interface XksTransport {
  post(req: XksHttpRequest): Promise<XksHttpAnswer>;
}

/** Bodies larger than this are not an XKS answer: the probe stops reading (a hostile proxy cannot fill memory). */
