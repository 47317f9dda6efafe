import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The values (not types) a file takes from a package, statically or through import(). */
function valuesImported(text: string, pkg: string): string[] {
  const names: string[] = [];
  const from = pkg.replace(/[/.-]/g, "\\$&");
  for (const m of text.matchAll(new RegExp(`import\\s+(type\\s+)?\\{([^}]*)\\}\\s*from\\s*"${from}"`, "g"))) {
    if (m[1]) continue;
    for (const part of m[2]!.split(",").map((p) => p.trim()))
      if (part && !part.startsWith("type ")) names.push(part.split(/\s+as\s+/)[0]!);
  }
  for (const m of text.matchAll(new RegExp(`\\{([^{}]*)\\}\\s*=\\s*await\\s+import\\("${from}"\\)`, "g")))
    for (const part of m[1]!.split(",").map((p) => p.trim()))
      if (part) names.push(part.split(":")[0]!.trim());
  return names;
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
  it("the EC2 script apart (src/backend/apart-ec2.ts) exports every value kcs imports from the package: anything else would be undefined in the built kcs alone", () => {
    const apart = readFileSync("src/backend/apart-ec2.ts", "utf8");
    const exported = new Set(
      /export\s*\{([^}]*)\}/
        .exec(apart)![1]!
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    );
    const used = usedOutside("apart-ec2.ts", "@aws-sdk/client-ec2");
    expect(used.size).toBeGreaterThan(2);
    for (const name of used)
      expect(exported, `${name} is imported but not exported by apart-ec2.ts`).toContain(name);
  });

  it.each([
    ["kms", "@aws-sdk/client-kms"],
    ["cloudtrail", "@aws-sdk/client-cloudtrail"],
    ["cloudhsm", "@aws-sdk/client-cloudhsm-v2"],
  ])(
    "the SDK script apart (src/backend/apart-sdk.ts) has, in its member %s, every value kcs imports from %s",
    (member, pkg) => {
      const apart = readFileSync("src/backend/apart-sdk.ts", "utf8");
      const list = new RegExp(`export const ${member} = \\{([^}]*)\\}`).exec(apart);
      expect(list, `apart-sdk.ts has no 'export const ${member} = { ... }'`).not.toBeNull();
      const exported = new Set(
        list![1]!
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean),
      );
      const used = usedOutside("apart-sdk.ts", pkg);
      expect(used.size).toBeGreaterThan(1);
      for (const name of used)
        expect(exported, `${name} is imported from ${pkg} but not in apart-sdk.ts's ${member}`).toContain(
          name,
        );
    },
  );
});

/** Every value the source takes from a package, but in the script apart that re-exports it. */
function usedOutside(apart: string, pkg: string): Set<string> {
  return new Set(
    sourceFiles("src")
      .filter((f) => !f.endsWith(apart))
      .flatMap((f) => valuesImported(readFileSync(f, "utf8"), pkg)),
  );
}
