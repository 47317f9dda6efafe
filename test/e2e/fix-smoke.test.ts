import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsEnv, runKcs, type ServedWorld, serveWorld, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

/**
 * The whole CLI once per backend: doctor, fix, doctor. Every scenario's repair is proven in process
 * on simulated time (test/app/fix-scenarios.test.ts); these prove the command around it.
 */
const PASSWORD = "Fix3dPassw0rd";
const HOOK = resolve("test/fixtures/sim-hsm-hook.mjs");

function codes(stdout: string): string[] {
  return [
    ...new Set(
      parseDocument<{ findings: { code: string }[] }>(stdout, "kcs-doctor-report").findings.map(
        (f) => f.code,
      ),
    ),
  ].sort();
}

describe("kcs fix, end to end", () => {
  const dir = tempDir();

  it("sim backend: the README demo restores a deleted cluster, and kcs doctor then exits 0", async () => {
    const state = join(dir, "cluster-not-found.json");
    initWorld(state, "cluster-not-found", 1200);
    const before = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(before.code).toBe(2);
    expect(codes(before.stdout)).toEqual(["CLUSTER_NOT_FOUND"]);
    const fix = await runKcs(
      ["fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--sim-state", state],
      {
        input: `${PASSWORD}\n`,
      },
    );
    expect(fix.code, fix.stderr).toBe(0);
    expect(fix.stdout).toMatch(/Fixed: CLUSTER_NOT_FOUND on .*kcs doctor agrees/);
    expect(fix.stderr).toMatch(/Create a cluster from the backup/);
    const after = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(after.code, after.stdout).toBe(0);
    expect(codes(after.stdout)).toEqual([]);
  });

  describe("aws backend against kcs sim serve (an --hsm-hook plays the person on the HSM)", () => {
    const state = join(dir, "served.json");
    const env = awsEnv();
    let served: ServedWorld;
    beforeAll(async () => {
      initWorld(state, "invalid-credentials", 1200);
      served = await serveWorld(state);
    });
    afterAll(async () => served?.stop());

    it("rotates kmsuser's password through the hook, and kcs doctor then exits 0", async () => {
      const aws = ["--backend", "aws", "--endpoint-url", served.url];
      const before = await runKcs([...aws, "doctor", "-o", "json"], { env });
      expect(codes(before.stdout)).toEqual(["INVALID_CREDENTIALS"]);
      const fix = await runKcs(
        [...aws, "fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--hsm-hook", HOOK],
        { input: `${PASSWORD}\n`, env: { ...env, KCS_HOOK_SIM_STATE: state, KCS_HOOK_HOSTILE: "1" } },
      );
      expect(fix.code, fix.stderr).toBe(0);
      expect(fix.stderr).toMatch(/done by --hsm-hook/);
      // Every line the hook wrote on stderr is shown, without its escape sequences or the password.
      expect(fix.stderr).toMatch(
        /--hsm-hook: ssm: sending hsm\.set-kmsuser-password to the cluster's client instance/,
      );
      expect(fix.stderr).toMatch(/--hsm-hook: red echo \*{8}/);
      expect(fix.stderr).toMatch(/--hsm-hook: ssm: command finished/);
      expect(fix.stderr).not.toContain(PASSWORD);
      expect(fix.stderr).not.toContain("\u001b]0;");
      expect(fix.stderr).not.toContain("pwned");
      const after = await runKcs([...aws, "doctor", "-o", "json"], { env });
      expect(after.code, after.stdout).toBe(0);
    });
  });
});
