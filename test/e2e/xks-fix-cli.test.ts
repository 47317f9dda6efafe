import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { World } from "../../src/sim/world.js";
import { awsEnv, type RunOptions, runKcs, serveWorld, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

/**
 * kcs fix on external key stores as a person runs it: the proxy credential the secret way, never in
 * any output; manual proxy steps done by the simulated operator on sim, and refused without a
 * terminal on aws.
 */
const SANDBOX = tempDir("kcs-xks-fix-");
const kcs = (args: string[], opts: RunOptions = {}) => runKcs(args, { cwd: SANDBOX, ...opts });
let seq = 0;
const world = (scenario: string) =>
  initWorld(join(tempDir("kcs-xks-fix-world-"), `w-${++seq}.json`), scenario);
const read = (state: string): World => JSON.parse(readFileSync(state, "utf8")) as World;
const partnerProxy = (state: string) =>
  read(state).xksProxies!.find((p) => p.uriEndpoint.includes("partner"))!;
const partnerStore = (state: string) =>
  read(state).stores.find((s) => s.CustomKeyStoreName === "partner-xks")!;

describe.concurrent("kcs fix on external key stores", () => {
  it("takes the proxy credential from --xks-credential-stdin, connects the store, and never shows the secret", async () => {
    const state = await world("xks-invalid-credentials");
    const { accessKeyId, secretAccessKey } = partnerProxy(state).credential;
    const res = await kcs(["fix", "--yes", "--xks-credential-stdin", "--sim-state", state], {
      input: `${accessKeyId}:${secretAccessKey}\n`,
    });
    expect(res.code, res.stderr).toBe(0);
    expect(partnerStore(state).ConnectionState).toBe("CONNECTED");
    expect(res.stdout + res.stderr).not.toContain(secretAccessKey);
  });

  it("takes it from KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY too; -o json never holds it", async () => {
    const state = await world("xks-invalid-credentials");
    const { accessKeyId, secretAccessKey } = partnerProxy(state).credential;
    const res = await kcs(["fix", "--yes", "-o", "json", "--sim-state", state], {
      env: { KCS_XKS_ACCESS_KEY_ID: accessKeyId, KCS_XKS_SECRET_ACCESS_KEY: secretAccessKey },
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout + res.stderr).not.toContain(secretAccessKey);
    expect(JSON.parse(res.stdout).plan.actions[0].parameters).toEqual([
      { name: "XksProxyCredential", value: "********", source: "env" },
    ]);
  });

  it("refuses a malformed credential in one line that does not echo it, changing nothing", async () => {
    const state = await world("xks-invalid-credentials");
    const res = await kcs(["fix", "--yes", "--xks-credential-stdin", "--sim-state", state], {
      input: "PARTNERXKSACCESSKEY2:not-a-secret-of-the-right-shape\n",
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^kcs: The XKS proxy credential from stdin is not valid: [^\n]* Nothing was changed\./,
    );
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).not.toContain("not-a-secret");
    expect(partnerStore(state).ConnectionState).toBe("FAILED");
  });

  it("dry-run of a proxy URI correction shows the --param it uses", async () => {
    const state = await world("xks-invalid-configuration");
    const res = await kcs([
      "fix",
      "--dry-run",
      "-o",
      "json",
      "--param",
      "XksProxyUriPath=/acme-v2/kms/xks/v1",
      "--sim-state",
      state,
    ]);
    expect(res.code, res.stderr).toBe(2);
    const plan = JSON.parse(res.stdout);
    expect(plan.actions[0].runbook).toBe("correct-xks-proxy-uri");
    expect(plan.actions[0].parameters).toEqual([
      { name: "XksProxyUriPath", value: "/acme-v2/kms/xks/v1", source: "--param" },
    ]);
  });

  it("on sim, the simulated operator does a manual proxy step: the store ends CONNECTED and doctor is clean", async () => {
    const state = await world("xks-tls");
    const res = await kcs(["fix", "--yes", "--sim-state", state]);
    expect(res.code, res.stderr).toBe(0);
    expect(partnerStore(state).ConnectionState).toBe("CONNECTED");
    const doctor = await kcs(["doctor", "--sim-state", state]);
    expect(doctor.code, doctor.stdout).toBe(0);
  });

  it("on aws without a terminal, a plan with a manual proxy step changes nothing and says so", async () => {
    const state = await world("xks-tls");
    const served = await serveWorld(state);
    try {
      const res = await kcs(["fix", "--yes", "--backend", "aws", "--endpoint-url", served.url], {
        env: awsEnv(),
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/manual step\(s\) only a person can do .*Nothing was changed\./);
    } finally {
      await served.stop();
    }
    expect(partnerStore(state).ConnectionState).toBe("FAILED");
  });

  it("on aws, a credential fix is judged by KMS's CONNECTED, not by whether kcs's own host can reach the proxy", async () => {
    // The served world's proxy host (xks.partner.example.com) resolves nowhere from here, as a proxy
    // behind a VPC endpoint service does not from an operator's laptop.
    const state = await world("xks-invalid-credentials");
    const { accessKeyId, secretAccessKey } = partnerProxy(state).credential;
    const served = await serveWorld(state);
    try {
      const res = await kcs(
        [
          "fix",
          "--yes",
          "--xks-credential-stdin",
          "--backend",
          "aws",
          "--endpoint-url",
          served.url,
          "--poll-interval",
          "250ms",
        ],
        { env: awsEnv(), input: `${accessKeyId}:${secretAccessKey}\n` },
      );
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/Fixed: INVALID_CREDENTIALS on partner-xks/);
      expect(res.stdout + res.stderr).not.toContain(secretAccessKey);
    } finally {
      await served.stop();
    }
    expect(partnerStore(state).ConnectionState).toBe("CONNECTED");
  });
});
