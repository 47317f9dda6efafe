import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { simXksTransport } from "../../src/backend/sim-xks-transport.js";
import { httpsTransport } from "../../src/backend/xks-https-transport.js";
import { Secret } from "../../src/core/secret.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { KeyFacts, ReadError, StoreFacts } from "../../src/gather/snapshot.js";
import { probeXksStores } from "../../src/gather/xks-probe.js";
import { MemoryWorldStore } from "../../src/sim/engine.js";
import type { SimXksProxy } from "../../src/sim/world.js";
import { startXksServer, type XksServer } from "../../src/sim/xks/server.js";
import type { XksProxyState } from "../../src/sim/xks/state.js";
import { externalStore, keyArn, snapshot } from "../diagnose/fixtures.js";
import { scenarioWorld } from "../helpers/sim.js";

const ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST2345";
const SECRET = "Yk3vW8xq0nD2mP5sR7tU9wZ1bC4eF6hJ8kL0nQ2sT4v=";
const XKS_ID = "cks-00000000000000xks";

function proxyState(): XksProxyState {
  return {
    uriPath: "/example",
    credential: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    vendor: "Acme Corp",
    model: "Acme XKS Proxy 1.0",
    ekmVendor: "Example HSM Co",
    fleetSize: 2,
    keyManagers: [
      { id: "ekm-1", model: "Model 5.0", healthStatus: "ACTIVE" },
      { id: "ekm-2", model: "Model 5.1", healthStatus: "ACTIVE" },
    ],
    keys: [
      {
        keyId: "key-1",
        keySpec: "AES_256",
        keyUsage: ["ENCRYPT", "DECRYPT"],
        keyStatus: "ENABLED",
        material: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
      },
      {
        keyId: "key-off",
        keySpec: "AES_256",
        keyUsage: ["ENCRYPT", "DECRYPT"],
        keyStatus: "DISABLED",
        material: "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100",
      },
    ],
    faults: {},
  };
}

const store = (uriEndpoint: string, over: Partial<StoreFacts> = {}): StoreFacts =>
  externalStore({
    xksProxy: {
      connectivity: "PUBLIC_ENDPOINT",
      uriEndpoint,
      uriPath: "/example/kms/xks/v1",
      accessKeyId: ACCESS_KEY_ID,
    },
    ...over,
  });

const kmsKey = (keyId: string, xksKeyId: string): KeyFacts => ({
  keyId,
  arn: keyArn(keyId),
  keyState: "Enabled",
  customKeyStoreId: XKS_ID,
  xksKeyId,
});

const CREDENTIAL = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: new Secret(SECRET) };
const transport = httpsTransport({ allowPlainHttpForTests: true });

let server: XksServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function probeAt(
  state: XksProxyState,
  keys: KeyFacts[] = [],
  credentials = [CREDENTIAL],
  timeoutMs?: number,
) {
  server = await startXksServer(state);
  const errors: ReadError[] = [];
  const s = store(server.url);
  const [probe] = await probeXksStores([s], keys, {
    transport,
    region: "eu-west-1",
    credentials,
    errors,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  const found = diagnose(snapshot({ stores: [s], clusters: {}, keys, xksProbes: [probe!], errors }));
  return { probe: probe!, errors, codes: found.map((f) => f.code).sort(), found };
}

describe("doctor --probe against a proxy over HTTP (aws backend's transport)", () => {
  it("a healthy proxy: health and key metadata answered, signed with the operator's credential, no finding", async () => {
    const { probe, errors, codes } = await probeAt(proxyState(), [kmsKey("k-1", "key-1")]);
    expect(errors).toEqual([]);
    expect(codes).toEqual([]);
    expect(probe.health).toMatchObject({
      outcome: "ok",
      httpStatus: 200,
      keyManagers: [
        { id: "ekm-1", healthStatus: "ACTIVE" },
        { id: "ekm-2", healthStatus: "ACTIVE" },
      ],
    });
    expect(probe.keys).toEqual([
      expect.objectContaining({
        keyId: "k-1",
        xksKeyId: "key-1",
        outcome: "ok",
        keySpec: "AES_256",
        keyStatus: "ENABLED",
        keyUsage: ["ENCRYPT", "DECRYPT"],
      }),
    ]);
    expect(probe.health!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("an unreachable proxy (connection reset) is XKS_PROXY_NOT_REACHABLE", async () => {
    const state = proxyState();
    state.faults.unreachable = true;
    const { probe, codes } = await probeAt(state, [kmsKey("k-1", "key-1")]);
    expect(probe.health?.outcome).toBe("unreachable");
    expect(probe.keys).toEqual([]);
    expect(codes).toEqual(["XKS_PROXY_NOT_REACHABLE"]);
  });

  it("nothing listening at all is XKS_PROXY_NOT_REACHABLE", async () => {
    // A port that was just free: bind, note it, close.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const errors: ReadError[] = [];
    const [probe] = await probeXksStores([store(`http://127.0.0.1:${port}`)], [], {
      transport,
      region: "eu-west-1",
      credentials: [CREDENTIAL],
      errors,
    });
    expect(probe!.health).toMatchObject({
      outcome: "unreachable",
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it("a proxy slower than 250 ms is XKS_PROXY_TIMED_OUT", async () => {
    const state = proxyState();
    state.faults.latencyMs = 300;
    const { probe, codes } = await probeAt(state);
    expect(probe.health?.outcome).toBe("ok");
    expect(probe.health!.latencyMs).toBeGreaterThan(250);
    expect(codes).toEqual(["XKS_PROXY_TIMED_OUT"]);
  });

  it("a hung proxy is cut off at the probe's timeout and is XKS_PROXY_TIMED_OUT", async () => {
    const state = proxyState();
    state.faults.latencyMs = 5_000;
    const started = performance.now();
    const { probe, codes } = await probeAt(state, [kmsKey("k-1", "key-1")], [CREDENTIAL], 400);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(probe.health).toMatchObject({ outcome: "timeout" });
    expect(codes).toEqual(["XKS_PROXY_TIMED_OUT"]);
  });

  it("a 401 means the operator's credential is wrong: a read error saying so, never the store's INVALID_CREDENTIALS", async () => {
    const wrong = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: new Secret("not-the-secret-at-all-0000") };
    const { probe, errors, codes } = await probeAt(proxyState(), [kmsKey("k-1", "key-1")], [wrong]);
    expect(probe.health).toMatchObject({ outcome: "http-error", httpStatus: 401 });
    expect(codes).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        service: "xks-proxy",
        operation: "GetHealthStatus",
        code: "AuthenticationFailedException",
        message: expect.stringMatching(
          /rejected the credential given to kcs for access key id ABCDEFGHIJKLMNOPQRST2345.*says nothing about the credential KMS uses/,
        ),
      }),
    ]);
    expect(JSON.stringify({ probe, errors })).not.toContain("not-the-secret-at-all-0000");
    expect(JSON.stringify({ probe, errors })).not.toContain(SECRET);
  });

  it("a degraded key manager next to an ACTIVE one is XKS_PROXY_DEGRADED; all UNAVAILABLE is NOT_REACHABLE", async () => {
    const state = proxyState();
    state.keyManagers[1]!.healthStatus = "DEGRADED";
    expect((await probeAt(state)).codes).toEqual(["XKS_PROXY_DEGRADED"]);
    await server?.close();
    server = undefined;
    const down = proxyState();
    for (const m of down.keyManagers) m.healthStatus = "UNAVAILABLE";
    expect((await probeAt(down)).codes).toEqual(["XKS_PROXY_NOT_REACHABLE"]);
  });

  it("a disabled or missing external key is XKS_KEY_UNUSABLE naming its KMS key", async () => {
    const { codes, found } = await probeAt(proxyState(), [
      kmsKey("k-1", "key-1"),
      kmsKey("k-off", "key-off"),
      kmsKey("k-gone", "no-such-key"),
    ]);
    expect(codes).toEqual(["XKS_KEY_UNUSABLE"]);
    expect(found[0]!.keyIds).toEqual(["k-off", "k-gone"]);
  });

  it("a proxy that answers what is not XKS is a failed read, not a finding the contract does not list", async () => {
    const state = proxyState();
    state.faults.invalidResponse = "missing-fields";
    const { errors, codes } = await probeAt(state);
    expect(codes).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        service: "xks-proxy",
        operation: "GetHealthStatus",
        code: "InvalidResponse",
      }),
    ]);
  });

  it("a redirect is an answer, never followed", async () => {
    let hits = 0;
    const redirecting = createServer((_req, res) => {
      hits++;
      res.writeHead(307, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    const port = (redirecting.address() as AddressInfo).port;
    const errors: ReadError[] = [];
    const [probe] = await probeXksStores([store(`http://127.0.0.1:${port}`)], [], {
      transport,
      region: "eu-west-1",
      credentials: [CREDENTIAL],
      errors,
    });
    await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    expect(hits).toBe(1);
    expect(probe!.health).toMatchObject({ outcome: "http-error", httpStatus: 307 });
  });

  it("without a credential for the store's access key id the probe is skipped, saying why", async () => {
    const errors: ReadError[] = [];
    const [probe] = await probeXksStores([store("https://xks.example.com")], [], {
      transport,
      region: "eu-west-1",
      credentials: [{ accessKeyId: "ZZZZZZZZZZZZZZZZZZZZ", secretAccessKey: new Secret("x") }],
      errors,
    });
    expect(probe!.skipped).toMatch(
      /no proxy credential was given for its access key id ABCDEFGHIJKLMNOPQRST2345/,
    );
    expect(probe!.health).toBeUndefined();
  });

  it("a store that asks: the prompt's answer is used, and an empty one skips", async () => {
    server = await startXksServer(proxyState());
    const asked: string[] = [];
    const [probe] = await probeXksStores([store(server.url)], [], {
      transport,
      region: "eu-west-1",
      credentials: [],
      ask: async (id) => {
        asked.push(id);
        return new Secret(SECRET);
      },
      errors: [],
    });
    expect(asked).toEqual([ACCESS_KEY_ID]);
    expect(probe!.health?.outcome).toBe("ok");
  });

  it("the https transport refuses plain http unless a test allows it", async () => {
    await expect(
      httpsTransport().post({ url: "http://127.0.0.1:1/x", headers: {}, body: "{}", timeoutMs: 100 }),
    ).rejects.toMatchObject({ kind: "unreachable", message: expect.stringMatching(/only https/) });
  });
});

describe("doctor --probe on the sim backend (the world's proxies, in process)", () => {
  function simWorld(mutate: (p: SimXksProxy) => void = () => undefined) {
    const world = scenarioWorld("healthy");
    const proxy: SimXksProxy = { ...proxyState(), uriEndpoint: "https://xks.example.com" };
    mutate(proxy);
    world.xksProxies = [proxy];
    return new MemoryWorldStore(world);
  }
  const run = (ws: MemoryWorldStore, keys: KeyFacts[] = []) =>
    probeXksStores([store("https://xks.example.com")], keys, {
      transport: simXksTransport(ws),
      region: "eu-west-1",
      credentials: [CREDENTIAL],
      errors: [],
    });

  it("answers from the proxy the store's endpoint names", async () => {
    const [probe] = await run(simWorld(), [kmsKey("k-off", "key-off")]);
    expect(probe!.health).toMatchObject({ outcome: "ok", httpStatus: 200 });
    expect(probe!.keys![0]).toMatchObject({ keyStatus: "DISABLED" });
  });

  it("honours transport faults, a missing proxy, and latencyMs as the call's latency", async () => {
    const [down] = await run(simWorld((p) => (p.faults.unreachable = true)));
    expect(down!.health).toMatchObject({ outcome: "unreachable", message: "connection refused" });
    const [tls] = await run(
      simWorld((p) => (p.faults.tls = { failed: true, reason: "certificate expired" })),
    );
    expect(tls!.health?.message).toMatch(/certificate expired/);
    const [slow] = await run(simWorld((p) => (p.faults.latencyMs = 400)));
    expect(slow!.health).toMatchObject({ outcome: "ok", latencyMs: 400 });
    const [hung] = await run(simWorld((p) => (p.faults.latencyMs = 60_000)));
    expect(hung!.health?.outcome).toBe("timeout");
    const [none] = await run(simWorld((p) => (p.uriEndpoint = "https://other.example.com")));
    expect(none!.health?.message).toMatch(/no proxy listens at https:\/\/xks.example.com/);
  });

  it("a refused connection takes the simulator's time, not the machine's: 0 ms on a busy machine", async () => {
    // A clock that moves 7 ms between any two looks, as a loaded CI machine's did (the report read 1 ms).
    let now = 0;
    const busy = () => (now += 7);
    const [down] = await probeXksStores([store("https://xks.example.com")], [], {
      transport: simXksTransport(simWorld((p) => (p.faults.unreachable = true))),
      region: "eu-west-1",
      credentials: [CREDENTIAL],
      errors: [],
      clock: busy,
    });
    expect(down!.health).toMatchObject({ outcome: "unreachable", latencyMs: 0 });
  });
});
