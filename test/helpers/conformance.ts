// Helpers for the simulator conformance suite: worlds built once per file, simulators with custom
// options (quotas, faults), and raw AWS JSON 1.1 requests in either transport.
import type { Simulator, SimulatorOptions } from "../../src/sim/engine.js";
import { SimulatorRequestHandler } from "../../src/sim/wire/request-handler.js";
import { serve } from "../../src/sim/wire/server.js";
import type { World } from "../../src/sim/world.js";
import { CREDENTIALS, type Harness, harness, scenarioWorld, type Transport } from "./sim.js";

const built = new Map<string, World>();

/** A world built once (per test file) under `key` and handed out as a fresh copy each time. */
export function cachedWorld(key: string, build: () => World): World {
  let w = built.get(key);
  if (!w) {
    w = build();
    built.set(key, w);
  }
  return structuredClone(w);
}

/** A scenario world, built once and handed out as a fresh copy each time. */
export function freshWorld(name: string): World {
  return cachedWorld(name, () => scenarioWorld(name));
}

/** A harness whose `url` is set for the http transport. */
export type CustomHarness = Harness;

/**
 * Like `harness()`, but the world's faults (quotas included) are left as they are and the Simulator
 * gets the given options; `maxAttempts` lets retry behaviour be observed.
 */
export function customHarness(
  world: World,
  transport: Transport,
  options: SimulatorOptions = {},
  maxAttempts = 1,
): Promise<CustomHarness> {
  return harness(world, transport, { ...options, maxAttempts, keepQuotas: true });
}

export const TARGET = {
  kms: (op: string) => `TrentService.${op}`,
  cloudhsm: (op: string) => `BaldrApiService.${op}`,
  cloudtrail: (op: string) => `CloudTrail_20131101.${op}`,
  cloudtrailLong: (op: string) => `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.${op}`,
};

export interface RawResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
}

/** The parsed JSON body of a raw response (throws if it is not a JSON object). */
export function json(res: RawResponse): Record<string, unknown> {
  const parsed: unknown = JSON.parse(res.text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error(`not a JSON object: ${res.text}`);
  return parsed as Record<string, unknown>;
}

function requestHeaders(target: string | undefined, service: string): Record<string, string> {
  return {
    "content-type": "application/x-amz-json-1.1",
    authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/20261128/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    ...(target !== undefined ? { "x-amz-target": target } : {}),
  };
}

const scopeOf = (target: string | undefined) =>
  target?.startsWith("TrentService")
    ? "kms"
    : target?.startsWith("BaldrApiService")
      ? "cloudhsm"
      : "cloudtrail";

const bodyText = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));

/** POSTs one AWS JSON 1.1 request with fetch. `body` is sent as is when it is a string. */
export async function postHttp(
  url: string,
  target: string | undefined,
  body: unknown = {},
  init: { method?: string } = {},
): Promise<RawResponse> {
  const method = init.method ?? "POST";
  const res = await fetch(url, {
    method,
    headers: requestHeaders(target, scopeOf(target)),
    ...(method === "GET" ? {} : { body: bodyText(body) }),
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k.toLowerCase()] = v;
  });
  return { status: res.status, headers, text: await res.text() };
}

/** The same request through the in-process SDK request handler. */
export async function postInProcess(sim: Simulator, target: string | undefined, body: unknown = {}) {
  const { response } = await new SimulatorRequestHandler(sim).handle({
    headers: requestHeaders(target, scopeOf(target)),
    body: bodyText(body),
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = v;
  return { status: response.statusCode, headers, text: Buffer.from(response.body).toString("utf8") };
}

/** One raw request in the given transport (http starts a server on `sim` for the call). */
export async function rawCall(
  sim: Simulator,
  transport: Transport,
  target: string,
  body: unknown = {},
): Promise<RawResponse> {
  if (transport === "in-process") return postInProcess(sim, target, body);
  const server = await serve(sim);
  try {
    return await postHttp(server.url, target, body);
  } finally {
    await server.close();
  }
}

/** Runs `fn`, which must throw; returns what it threw. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
