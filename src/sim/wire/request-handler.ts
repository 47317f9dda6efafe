import type { Simulator } from "../engine.js";
import { handleWire } from "./protocol.js";

/** The subset of a smithy HttpRequest the simulator reads. */
interface SdkHttpRequest {
  headers: Record<string, string>;
  body?: unknown;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  // Read the bytes through their ArrayBuffer: the SDK's byte-string adapter warns on valueOf().
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  throw new Error("The in-process simulator handler only accepts string or byte request bodies.");
}

/**
 * An SDK `requestHandler` that answers in-process: the SDK serialises, signs and parses exactly as it
 * would for AWS, but no socket is opened. Works for both SDK generations kcs uses.
 */
export class SimulatorRequestHandler {
  readonly metadata = { handlerProtocol: "kcs-sim" };

  constructor(private readonly sim: Simulator) {}

  async handle(
    request: SdkHttpRequest,
  ): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }> {
    const res = await handleWire(this.sim, { headers: request.headers, body: bodyText(request.body) });
    return {
      response: { statusCode: res.statusCode, headers: res.headers, body: Buffer.from(res.body, "utf8") },
    };
  }

  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
  destroy(): void {}
}
