import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { acquireRunLock } from "../../src/remediate/run-lock.js";

const lockPath = () => join(mkdtempSync(join(tmpdir(), "kcs-lock-")), "ledger.json.lock");

describe("one kcs fix at a time per account and Region (contract: kcs fix rule 10)", () => {
  it("a second run is refused, naming the first", () => {
    const path = lockPath();
    const release = acquireRunLock(path, "kcs fix");
    try {
      expect(() => acquireRunLock(path, "kcs fix")).toThrow(UsageError);
      expect(() => acquireRunLock(path, "kcs fix")).toThrow(
        new RegExp(`pid ${process.pid} on ${hostname()}`),
      );
    } finally {
      release();
    }
    expect(existsSync(path)).toBe(false);
    acquireRunLock(path, "kcs fix")();
  });

  it("a lock left by a run that died (kill -9) is taken over", () => {
    const path = lockPath();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(
      path,
      JSON.stringify({ pid: dead, host: hostname(), startedAt: "2026-11-30T00:00:00Z", command: "kcs fix" }),
    );
    const release = acquireRunLock(path, "kcs fix");
    expect(existsSync(path)).toBe(true);
    release();
    expect(existsSync(path)).toBe(false);
  });
});
