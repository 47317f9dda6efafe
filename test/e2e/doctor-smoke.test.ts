import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorldFile } from "../../src/backend/sim.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { awsEnv, runKcs, type ServedWorld, serveWorld, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

/**
 * The doctor command once per backend and exit status. What doctor finds in every scenario is proven
 * in process through both transports (test/app/doctor-scenarios.test.ts).
 */
interface Report {
  kind: string;
  backend: string;
  findings: { code: string }[];
  errors: unknown[];
}

const codes = (report: Report) => [...new Set(report.findings.map((f) => f.code))].sort();
const expected = (name: string) => [...SCENARIOS.find((s) => s.name === name)!.findings].sort();

describe("kcs doctor, end to end", () => {
  const dir = tempDir();

  it("sim backend: the fleet's findings on stdout as JSON, nothing on stderr, exit 2", async () => {
    const state = join(dir, "fleet.json");
    initWorld(state, "fleet");
    const res = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(2);
    const report = parseDocument<Report>(res.stdout, "kcs-doctor-report");
    expect(report).toMatchObject({ kind: "kcs-doctor-report", backend: "sim", errors: [] });
    expect(codes(report)).toEqual(expected("fleet"));
  });

  it("--probe finds a key that reads Enabled but lost its backing key, and names the fix --probe command", async () => {
    const state = join(dir, "probe.json");
    initWorld(state, "healthy");
    const world = openWorldFile(state);
    world.update((w) => {
      const key = w.keys.find((k) => k.Origin === "AWS_CLOUDHSM" && k.baseState === "Enabled")!;
      const cluster = w.clusters.find((c) => c.ClusterId === key.CloudHsmClusterId)!;
      cluster.hsm.keys = cluster.hsm.keys.filter((k) => k.label !== key.Arn);
    });
    const plain = await runKcs(["doctor", "--sim-state", state]);
    expect(plain.code, plain.stderr).toBe(0);
    const res = await runKcs(["doctor", "--probe", "--sim-state", state]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(2);
    expect(res.stdout).toContain("KEY_MATERIAL_MISSING");
    expect(res.stdout).toMatch(/still read Enabled, but Encrypt with it fails/);
    expect(res.stdout).toMatch(/kcs fix --store cks-\w+ --finding KEY_MATERIAL_MISSING --probe --dry-run/);
  });

  describe("aws backend against kcs sim serve", () => {
    const state = join(dir, "served.json");
    const env = awsEnv();
    let served: ServedWorld;
    beforeAll(async () => {
      initWorld(state, "healthy");
      served = await serveWorld(state);
    });
    afterAll(async () => served?.stop());

    it.each([
      ["healthy", 0],
      ["orphaned-key-material", 2],
    ] as const)("%s: exit %d", async (name, code) => {
      initWorld(state, name);
      const res = await runKcs(["--backend", "aws", "--endpoint-url", served.url, "doctor", "-o", "json"], {
        env,
      });
      expect(res.code, res.stderr).toBe(code);
      const report = parseDocument<Report>(res.stdout, "kcs-doctor-report");
      expect(report.backend).toBe("aws");
      expect(codes(report)).toEqual(expected(name));
    });

    it("starts no HTTP/2: the SDK handler package loads Node's http2 at load, and kcs sends HTTP/1.1 only", async () => {
      initWorld(state, "healthy");
      const dir = tempDir("kcs-modules-");
      const list = join(dir, "modules.txt");
      const preload = join(dir, "modules.cjs");
      writeFileSync(
        preload,
        `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));`,
      );
      const res = await runKcs(["--backend", "aws", "--endpoint-url", served.url, "doctor", "-o", "json"], {
        env: { ...env, NODE_OPTIONS: `--require ${preload}` },
      });
      expect(res.code, res.stderr).toBe(0);
      const loaded = readFileSync(list, "utf8").split("\n");
      expect(loaded).toContain("NativeModule http");
      expect(loaded).not.toContain("NativeModule http2");
    });

    /** Whether a run compiled the credential chain's script (its code cache folder is named by its digest). */
    const chainRan = (cache: string) => {
      const { sha256 } = JSON.parse(readFileSync("dist/bundle-cjs/credential-chain.cjs.json", "utf8"));
      return existsSync(cache) && readdirSync(cache).some((f) => f.startsWith(sha256.slice(0, 20)));
    };

    it("keys in the environment are read without loading the credential chain's script", async () => {
      initWorld(state, "healthy");
      const cache = join(tempDir("kcs-cache-"), "c");
      const res = await runKcs(["--backend", "aws", "--endpoint-url", served.url, "doctor", "-o", "json"], {
        env: { ...env, KCS_CODE_CACHE_DIR: cache },
      });
      expect(res.code, res.stderr).toBe(0);
      expect(readdirSync(cache).length).toBeGreaterThan(0);
      expect(chainRan(cache)).toBe(false);
    });

    it("a profile beside keys in the environment: the profile wins, and stderr stays empty", async () => {
      initWorld(state, "healthy");
      const dir = tempDir("kcs-profile-");
      const credentials = join(dir, "credentials");
      writeFileSync(
        credentials,
        "[named]\naws_access_key_id = AKIDNAMED\naws_secret_access_key = named-secret\n",
      );
      const res = await runKcs(["--backend", "aws", "--endpoint-url", served.url, "doctor", "-o", "json"], {
        env: { ...env, AWS_PROFILE: "named", AWS_SHARED_CREDENTIALS_FILE: credentials },
      });
      expect(res.code, res.stderr).toBe(0);
      // The SDK's chain warns in ten lines when both are set; kcs's stderr is one line or none.
      expect(res.stderr).toBe("");
      // The simulator's CloudTrail names the key each read was signed with: only the profile has this
      // one. The server files its reads when it is idle: wait for them.
      const signedWith = () => new Set(openWorldFile(state).read((w) => w.events.map((e) => e.AccessKeyId)));
      for (let i = 0; i < 50 && !signedWith().has("AKIDNAMED"); i++)
        await new Promise((done) => setTimeout(done, 100));
      expect(signedWith()).toContain("AKIDNAMED");
    });

    it("takes container credentials with a token file (EKS Pod Identity), asking once for all its clients", async () => {
      initWorld(state, "healthy");
      const dir = tempDir("kcs-pod-identity-");
      const tokenFile = join(dir, "token");
      writeFileSync(tokenFile, "pod-identity-token");
      const asked: (string | undefined)[] = [];
      const agent = createServer((req, res) => {
        asked.push(req.headers.authorization);
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            AccessKeyId: "ASIAPODIDENTITY",
            SecretAccessKey: "pod-secret",
            Token: "pod-session",
            Expiration: new Date(Date.now() + 3_600_000).toISOString(),
          }),
        );
      });
      await new Promise<void>((done) => agent.listen(0, "127.0.0.1", done));
      const cache = join(dir, "cache");
      try {
        const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...noKeys } = env;
        const res = await runKcs(["--backend", "aws", "--endpoint-url", served.url, "doctor", "-o", "json"], {
          env: {
            ...noKeys,
            AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(agent.address() as AddressInfo).port}/creds`,
            AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
            KCS_CODE_CACHE_DIR: cache,
          },
        });
        expect(res.code, res.stderr).toBe(0);
        expect(asked).toEqual(["pod-identity-token"]);
        expect(chainRan(cache)).toBe(true);
      } finally {
        agent.close();
      }
    });
  });
});
