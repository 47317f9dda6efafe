import { describe, expect, it } from "vitest";
import { Budget } from "../../src/core/budget.js";

describe("Budget (--max-time)", () => {
  it("counts down on its clock, is spent at zero, and takes back time given to a person", () => {
    let now = 1_000;
    const b = new Budget(() => now, 60_000);
    expect(b.left()).toBe(60_000);
    now += 59_999;
    expect(b.spent()).toBe(false);
    now += 1;
    expect(b.spent()).toBe(true);
    expect(b.left()).toBe(0);
    b.giveBack(30_000);
    expect(b.left()).toBe(30_000);
    b.giveBack(-5);
    expect(b.left()).toBe(30_000);
    expect(b.describe()).toBe("--max-time 1m");
  });
});
