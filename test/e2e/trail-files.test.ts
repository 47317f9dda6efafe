import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

interface Report {
  findings: { code: string; evidence: { eventTime?: string } }[];
  errors: unknown[];
}

const PASSWORD = "Demo2026pass";

describe("an orphan older than CloudTrail's 90 days, end to end: export the trail, find it, repair it", () => {
  it("kcs sim export-trail, doctor --cloudtrail-dir (and --save-snapshot), fix --cloudtrail-dir", async () => {
    const dir = tempDir("kcs-e2e-trail-");
    const state = initWorld(join(dir, "world.json"), "old-orphaned-key-material");
    const trail = join(dir, "trail");
    const plain = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(plain.code, plain.stderr).toBe(0);

    const exported = await runKcs([
      "sim",
      "export-trail",
      "--dir",
      trail,
      "-o",
      "json",
      "--sim-state",
      state,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      files: expect.any(Number),
      events: expect.any(Number),
    });

    const snap = join(dir, "snap.json");
    const found = await runKcs([
      "doctor",
      "-o",
      "json",
      "--cloudtrail-dir",
      trail,
      "--save-snapshot",
      snap,
      "--sim-state",
      state,
    ]);
    expect(found.code, found.stderr).toBe(2);
    const report = parseDocument<Report>(found.stdout, "kcs-doctor-report");
    expect(report.findings.map((f) => f.code)).toEqual(["ORPHANED_KEY_MATERIAL"]);
    expect(report.errors).toEqual([]);
    // The events read from the files are in the snapshot: it finds the orphan with no folder at all.
    expect(readFileSync(snap, "utf8")).toContain(String(report.findings[0]!.evidence.eventTime));
    const offline = await runKcs(["doctor", "-o", "json", "--from-snapshot", snap]);
    expect(parseDocument<Report>(offline.stdout, "kcs-doctor-report").findings.map((f) => f.code)).toEqual([
      "ORPHANED_KEY_MATERIAL",
    ]);

    const fix = await runKcs(
      [
        "fix",
        "--cloudtrail-dir",
        trail,
        "--finding",
        "ORPHANED_KEY_MATERIAL",
        "--yes",
        "--password-stdin",
        "--poll-interval",
        "50ms",
        "--sim-state",
        state,
      ],
      { input: `${PASSWORD}\n` },
    );
    expect(fix.code, fix.stderr).toBe(0);
    const after = await runKcs(["doctor", "--cloudtrail-dir", trail, "--sim-state", state]);
    expect(after.code, after.stdout).toBe(0);
  });

  it("a malformed log file is an error naming it; the rest of the report goes on (exit 1 when nothing else is wrong)", async () => {
    const dir = tempDir("kcs-e2e-trail-bad-");
    const state = initWorld(join(dir, "world.json"), "healthy");
    const trail = join(dir, "trail");
    expect((await runKcs(["sim", "export-trail", "--dir", trail, "--sim-state", state])).code).toBe(0);
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const day = join(trail, "AWSLogs", "111122223333", "CloudTrail", "eu-west-1", "2026", "01", "01");
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, "broken.json.gz"), "not gzip");
    const res = await runKcs(["doctor", "-o", "json", "--cloudtrail-dir", trail, "--sim-state", state]);
    const report = parseDocument<Report & { errors: { service: string; message: string }[] }>(
      res.stdout,
      "kcs-doctor-report",
    );
    expect(res.code).toBe(1);
    expect(report.errors).toMatchObject([
      { service: "cloudtrail-files", message: expect.stringContaining("broken.json.gz") },
    ]);
    // A hostile file name reaches the terminal only as printable text.
    writeFileSync(join(day, "evil\u001b[2J\nname.json.gz"), "not gzip either");
    const text = await runKcs(["doctor", "--cloudtrail-dir", trail, "--sim-state", state]);
    expect(text.stdout).not.toContain("\u001b");
    expect(text.stdout).toMatch(
      /! could not read cloudtrail-files:ReadLogFile: MalformedLogFile: .*evil.*name\.json\.gz/,
    );
  });
});
