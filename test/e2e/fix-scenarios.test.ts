import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { awsEnv, runKcs, type ServedWorld, serveWorld, tempDir } from "../helpers/cli.js";

const PASSWORD = "Fix3dPassw0rd";
const FAST = { KCS_SIM_TIME_SCALE: "1200" };
/**
 * connection-in-progress completes by itself 18 simulated minutes in: under a second at 1200x, too
 * soon for doctor to see it; at 60x there are 18 seconds, room even on a loaded machine.
 */
const scaleFor = (scenario: string) =>
  scenario === "connection-in-progress" ? { KCS_SIM_TIME_SCALE: "60" } : FAST;
const AWS_ENV = awsEnv();
const HOOK = resolve("test/fixtures/sim-hsm-hook.mjs");

/** Every scenario with something to fix: all but `healthy`. */
const FIXABLE = SCENARIOS.filter((s) => s.name !== "healthy");

interface Status {
  subnets: { subnetId: string; availabilityZone: string; usedBy: string[] }[];
}

/** Scenarios that move a cluster to new subnets need them named: kcs reads no EC2 state. */
async function paramsFor(scenario: string, state: string): Promise<string[]> {
  if (scenario !== "subnet-not-found" && scenario !== "insufficient-free-addresses-in-subnet") return [];
  const status = JSON.parse(
    (await runKcs(["sim", "status", "-o", "json", "--sim-state", state])).stdout,
  ) as Status;
  const free = status.subnets.filter((s) => s.usedBy.length === 0 && /[ab]$/.test(s.availabilityZone));
  return ["--param", `SubnetIds=${free.map((s) => s.subnetId).join(",")}`];
}

function codes(stdout: string): string[] {
  return [
    ...new Set((JSON.parse(stdout) as { findings: { code: string }[] }).findings.map((f) => f.code)),
  ].sort();
}

describe("kcs fix repairs every fixable scenario, and kcs doctor then exits 0", () => {
  const dir = tempDir();

  describe("on the sim backend", () => {
    it.each(FIXABLE.map((s) => [s.name, s] as const))("%s", async (name, scenario) => {
      const state = join(dir, `${name}.json`);
      expect(
        (await runKcs(["sim", "init", "--scenario", name, "--sim-state", state], { env: scaleFor(name) }))
          .code,
      ).toBe(0);
      const before = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
      expect(codes(before.stdout)).toEqual([...scenario.findings].sort());
      const fix = await runKcs(
        [
          "fix",
          "--yes",
          "--password-stdin",
          "--poll-interval",
          "50ms",
          "--sim-state",
          state,
          ...(await paramsFor(name, state)),
        ],
        { input: `${PASSWORD}\n` },
      );
      expect(fix.code, fix.stderr).toBe(0);
      expect(fix.stdout).toMatch(/Fixed: .*kcs doctor agrees/);
      const after = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
      expect(after.code, after.stdout).toBe(0);
      expect(codes(after.stdout)).toEqual([]);
    });
  });

  describe("on the aws backend against kcs sim serve (an --hsm-hook plays the person on the HSM)", () => {
    const state = join(dir, "served.json");
    let served: ServedWorld;
    beforeAll(async () => {
      await runKcs(["sim", "init", "--scenario", "healthy", "--sim-state", state], { env: FAST });
      served = await serveWorld(state);
    });
    afterAll(async () => served?.stop());

    it.each(FIXABLE.map((s) => [s.name, s] as const))("%s", async (name, scenario) => {
      expect(
        (await runKcs(["sim", "init", "--scenario", name, "--sim-state", state], { env: scaleFor(name) }))
          .code,
      ).toBe(0);
      const aws = ["--backend", "aws", "--endpoint-url", served.url];
      const before = await runKcs([...aws, "doctor", "-o", "json"], { env: AWS_ENV });
      expect(codes(before.stdout)).toEqual([...scenario.findings].sort());
      const fix = await runKcs(
        [
          ...aws,
          "fix",
          "--yes",
          "--password-stdin",
          "--poll-interval",
          "50ms",
          "--hsm-hook",
          HOOK,
          ...(await paramsFor(name, state)),
        ],
        { input: `${PASSWORD}\n`, env: { ...AWS_ENV, KCS_HOOK_SIM_STATE: state } },
      );
      expect(fix.code, fix.stderr).toBe(0);
      const after = await runKcs([...aws, "doctor", "-o", "json"], { env: AWS_ENV });
      expect(after.code, after.stdout).toBe(0);
    });
  });
});
