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

describe("--hsm-hook's environment", () => {
  it("holds the step's input but not the XKS proxy credential kcs fix may have been given", async () => {
    const saved = { id: process.env.KCS_XKS_ACCESS_KEY_ID, secret: process.env.KCS_XKS_SECRET_ACCESS_KEY };
    process.env.KCS_XKS_ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST";
    process.env.KCS_XKS_SECRET_ACCESS_KEY = "SecretThatMustNotReachTheHook0123456789abcd";
    try {
      const op = new ManualOperator(
        async () => undefined,
        hook(
          // A shell's ${VAR:-default}, not a template: the hook prints what it was given.
          // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax
          'echo "id=${KCS_XKS_ACCESS_KEY_ID:-none} secret=${KCS_XKS_SECRET_ACCESS_KEY:-none} input=$KCS_STEP_INPUT"',
        ),
      );
      const out = await op.perform({
        ...TASK,
        action: "xks.check-proxy-tls",
        input: { UriEndpoint: "https://x.example.com" },
      });
      expect(out).toBe(
        'done by --hsm-hook: id=none secret=none input={"UriEndpoint":"https://x.example.com"}',
      );
    } finally {
      for (const [k, v] of [
        ["KCS_XKS_ACCESS_KEY_ID", saved.id],
        ["KCS_XKS_SECRET_ACCESS_KEY", saved.secret],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
