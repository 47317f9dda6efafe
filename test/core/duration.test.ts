import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/core/duration.js";
import { UsageError } from "../../src/core/errors.js";

describe("durations", () => {
  it.each([
    ["250ms", 250],
    ["15s", 15_000],
    ["1.5s", 1500],
    ["20m", 1_200_000],
    ["1h", 3_600_000],
    ["2d", 172_800_000],
    ["30", 30_000],
  ])("parses %s", (text, ms) => {
    expect(parseDuration(text, "--timeout")).toBe(ms);
  });

  it("refuses what is not a duration, naming the flag", () => {
    expect(() => parseDuration("soon", "--timeout")).toThrow(UsageError);
    expect(() => parseDuration("soon", "--timeout")).toThrow(/--timeout/);
  });

  it.each([
    [0, "0ms"],
    [999.4, "999ms"],
    // Rounding happens before the unit is chosen: never "1000ms", "60s" or "1m60s".
    [999.6, "1.0s"],
    [2_549, "2.5s"],
    [9_960, "10s"],
    [59_600, "1m"],
    [90_000, "1m30s"],
    [119_999, "2m"],
    [3_599_700, "1h"],
    [3_690_000, "1h2m"],
    [86_399_000, "1d"],
    [97_200_000, "1d3h"],
  ])("formats %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
