import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("imports that decide what a cold start loads", () => {
  it("zod is imported as a namespace: 'import { z }' bundles all of zod (582 KB against 142 KB)", () => {
    const offenders = sourceFiles("src").filter((f) =>
      /import\s+(?:type\s+)?\{\s*z\s*\}\s+from\s+["']zod["']/.test(readFileSync(f, "utf8")),
    );
    expect(offenders, 'write: import * as z from "zod"').toEqual([]);
  });

  it("the views, which every command loads, take the plan's schemas as types only (building them: 6 ms)", () => {
    const offenders = sourceFiles("src/cli/views").filter((f) =>
      /^import\s+(?!type\b)[^;]*from\s+"[./]+\/remediate\/plan\.js"/m.test(readFileSync(f, "utf8")),
    );
    expect(offenders, 'write: import type { Plan } from ".../remediate/plan.js"').toEqual([]);
  });
});
