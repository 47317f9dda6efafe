import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byCodeUnit } from "../../src/core/order.js";

describe("byCodeUnit", () => {
  it("orders by code unit, not by a locale's collation", () => {
    // A collation puts "_" and lower case first and folds case; code units put "B" (0x42) before "_" and "a".
    expect(["b", "a", "_", "B"].sort(byCodeUnit)).toEqual(["B", "_", "a", "b"]);
  });

  it("orders ISO timestamps in time order, and says equal for equal strings", () => {
    const t = ["2026-11-30T10:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-11-30T09:59:59.999Z"];
    expect([...t].sort(byCodeUnit)).toEqual([t[1], t[2], t[0]]);
    expect(byCodeUnit("x", "x")).toBe(0);
  });

  it("is the only string order in src/: localeCompare would load ICU and depend on the locale", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".ts") && /\.localeCompare\(/.test(readFileSync(p, "utf8"))) offenders.push(p);
      }
    };
    walk("src");
    expect(offenders).toEqual([]);
  });
});
