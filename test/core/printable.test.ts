import { describe, expect, it } from "vitest";
import { printable } from "../../src/core/printable.js";

describe("printable: text from outside kcs, safe on a terminal", () => {
  it.each([
    ["colour (CSI SGR)", "\u001b[31mred\u001b[0m", "red"],
    ["cursor movement", "a\u001b[2Ab", "ab"],
    ["window title (OSC, BEL-terminated)", "\u001b]0;pwned\u0007ok", "ok"],
    ["window title (OSC, ST-terminated)", "\u001b]2;pwned\u001b\\ok", "ok"],
    ["newline forging a line (a space instead)", "one\n✔ Fixed", "one ✔ Fixed"],
    ["carriage return overwriting (a space instead)", "bad\r\ngood", "bad good"],
    ["C1 control", "a\u009bb", "ab"],
    ["DEL and NUL", "a\u007f\u0000b", "ab"],
    ["a right-to-left override (a name that reads backwards)", "abc\u202edcba", "abcdcba"],
    ["bidi isolates and zero-width marks", "a\u2066b\u200bc\ufeffd", "abcd"],
    ["Unicode line and paragraph separators (a space instead)", "one\u2028two\u2029three", "one two three"],
  ])("strips %s", (_what, input, output) => {
    expect(printable(input)).toBe(output);
  });

  it("keeps tabs and every printable character, Japanese included", () => {
    expect(printable("kmsuser\tパスワード ✔")).toBe("kmsuser\tパスワード ✔");
  });
});
