import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualOperator } from "../../src/backend/manual-operator.js";
import { tempDir } from "../helpers/cli.js";

const TASK = { action: "hsm.logout-kmsuser", what: "log out", input: {}, commands: [], legacyCommands: [] };

function hook(body: string): string {
  const path = join(tempDir("kcs-hook-"), "hook.sh");
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o700);
  return path;
}

describe("--hsm-hook is automation: bounded by the run's --max-time, its time not given back", () => {
  it("a hook that hangs is stopped when the run's time is up", async () => {
    const op = new ManualOperator(
      async () => undefined,
      hook("sleep 30"),
      () => 1_000,
    );
    expect(op.person).toBe(false);
    await expect(op.perform(TASK)).rejects.toThrow(
      /did not finish within the run's --max-time; it was stopped/,
    );
  });

  it("a person at the terminal is a person: their time is theirs", () => {
    expect(new ManualOperator(async () => undefined).person).toBe(true);
  });
});
