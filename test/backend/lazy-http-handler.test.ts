import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpRequest } from "@smithy/core/transport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LazyNodeHttpHandler } from "../../src/backend/lazy-http-handler.js";

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    // Answers after 300 ms when asked to be slow, at once otherwise.
    setTimeout(() => res.end(`answered ${req.url}`), req.url === "/slow" ? 300 : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (path: string) =>
  new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port, path, method: "GET" });
const text = async (body: unknown) => {
  const chunks: Buffer[] = [];
  for await (const c of body as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString();
};

describe("LazyNodeHttpHandler", () => {
  it("hands back a handler it is given, as smithy's create does, and wraps options", () => {
    const given = { handle: async () => ({ response: undefined }) };
    expect(LazyNodeHttpHandler.create(given)).toBe(given);
    expect(LazyNodeHttpHandler.create({ requestTimeout: 5 })).toBeInstanceOf(LazyNodeHttpHandler);
  });

  it("makes real requests once loaded, with the options it was built with", async () => {
    const h = new LazyNodeHttpHandler({ requestTimeout: 2_000 });
    expect(h.httpHandlerConfigs()).toMatchObject({ requestTimeout: 2_000 });
    const { response } = await h.handle(request("/one"));
    expect(response.statusCode).toBe(200);
    expect(await text(response.body)).toBe("answered /one");
    h.destroy();
  });

  it("applies a configuration change made before it was loaded", async () => {
    const h = new LazyNodeHttpHandler({ requestTimeout: 5_000, throwOnRequestTimeout: true });
    h.updateHttpClientConfig("requestTimeout", 50);
    await expect(h.handle(request("/slow"))).rejects.toThrow(/timeout/i);
    expect(h.httpHandlerConfigs()).toMatchObject({ requestTimeout: 50 });
    h.destroy();
  });
});
