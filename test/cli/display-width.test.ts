import { describe, expect, it } from "vitest";
import stringWidth, { displayWidth } from "../../src/cli/display-width.js";

describe("displayWidth: the terminal columns a string takes", () => {
  it("counts plain ASCII one column a character", () => {
    expect(displayWidth("kcs doctor --probe")).toBe(18);
    expect(displayWidth("")).toBe(0);
  });

  it("does not count colour codes, OSC sequences, combining marks or zero-width characters", () => {
    expect(displayWidth("\u001b[31mred\u001b[39m")).toBe(3);
    expect(displayWidth("\u001b]0;title\u0007ok")).toBe(2);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("a\u200bb")).toBe(2);
  });

  it("counts East Asian wide and fullwidth characters two columns each", () => {
    expect(displayWidth("鍵ストア")).toBe(8);
    expect(displayWidth("ＫＭＳ")).toBe(6);
    expect(displayWidth("한국")).toBe(4);
    expect(displayWidth("状態: CONNECTED")).toBe(15);
  });

  it("stands in for string-width (its default export; a non-string is 0 columns)", () => {
    expect(stringWidth("abc", { ambiguousIsNarrow: true })).toBe(3);
    expect(stringWidth(undefined as unknown as string)).toBe(0);
  });
});
