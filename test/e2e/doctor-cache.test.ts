// Issue 11, goal 3: the key-store cache as a user meets it, through the built kcs.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deleteKeyCachePath } from "../../src/app/deletekey-cache.js";
import { keyStoreCachePath } from "../../src/app/key-store-cache.js";
import { openWorldFile } from "../../src/backend/sim.js";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

interface Report {
  findings: unknown[];
  errors: unknown[];
}

const callsOf = (log: string, match: (line: string) => boolean) =>
  existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(match).length : 0;
const describeKeyCalls = (log: string) => callsOf(log, (l) => l.includes('"operation":"DescribeKey"'));
/** StartTime (epoch seconds) of the run's first DeleteKey lookup. */
function firstDeleteKeyStart(log: string): number {
  const line = readFileSync(log, "utf8")
    .split("\n")
    .find((l) => l.includes('"operation":"LookupEvents"') && l.includes('"DeleteKey"'));
  return Number((JSON.parse(line ?? "{}") as { input?: { StartTime?: number } }).input?.StartTime);
}
const deleteKeyLookups = (log: string) =>
  callsOf(log, (l) => l.includes('"operation":"LookupEvents"') && l.includes('"DeleteKey"'));

describe("kcs doctor's account caches, end to end", () => {
  it("are written 0600 beside the ledger, make the next run read less, and --no-cache leaves them alone", async () => {
    const dir = tempDir();
    const state = join(dir, "fleet.json");
    initWorld(state, "fleet");
    const { accountId, region, keys } = openWorldFile(state).read((w) => ({
      accountId: w.accountId,
      region: w.region,
      keys: w.keys.length,
    }));
    const cache = keyStoreCachePath(dir, accountId, region);
    const events = deleteKeyCachePath(dir, accountId, region);
    const run = async (args: string[], log: string) => {
      const res = await runKcs(["doctor", "-o", "json", "--sim-state", state, ...args], {
        env: { KCS_SIM_CALL_LOG: join(dir, log) },
      });
      expect(res.stderr).toBe("");
      expect(res.code).toBe(2);
      return parseDocument<Report>(res.stdout, "kcs-doctor-report");
    };

    const uncached = await run(["--no-cache"], "calls-0.log");
    expect(existsSync(cache)).toBe(false);
    expect(existsSync(events)).toBe(false);
    const first = await run([], "calls-1.log");
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(statSync(events).mode & 0o777).toBe(0o600);
    const second = await run([], "calls-2.log");
    expect(describeKeyCalls(join(dir, "calls-1.log"))).toBe(keys);
    expect(describeKeyCalls(join(dir, "calls-2.log"))).toBeLessThan(keys);
    expect(deleteKeyLookups(join(dir, "calls-2.log"))).toBeGreaterThan(0);
    // It looks CloudTrail up from where the remembered events end, not 90 days back. (Pages are not
    // compared: the world's clock runs 120 times faster and KMS may delete keys meanwhile.)
    expect(firstDeleteKeyStart(join(dir, "calls-2.log"))).toBeGreaterThan(
      firstDeleteKeyStart(join(dir, "calls-1.log")) + 86_400,
    );
    expect(second.findings).toEqual(first.findings);
    expect(first.findings).toEqual(uncached.findings);

    const look = () =>
      [cache, events].map((f) => ({ text: readFileSync(f, "utf8"), mtimeMs: statSync(f).mtimeMs }));
    const before = look();
    await run(["--no-cache"], "calls-3.log");
    expect(describeKeyCalls(join(dir, "calls-3.log"))).toBe(keys);
    expect(firstDeleteKeyStart(join(dir, "calls-3.log"))).toBeLessThan(
      firstDeleteKeyStart(join(dir, "calls-2.log")),
    );
    expect(look()).toEqual(before);
  });
});
