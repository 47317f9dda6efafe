// How many terminal columns a string takes. kcs measures its own tables with it, and the bundle gives
// it to yargs' help layout and listr2 in place of the string-width package: that package compiles
// Unicode emoji property regexes when it loads, which cost a cold `kcs --version` about 45 ms here.

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is stripped.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

/** East Asian Wide and Fullwidth blocks (and the emoji planes), two columns each. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function columns(codePoint: number): number {
  for (const [lo, hi] of WIDE) if (codePoint >= lo && codePoint <= hi) return 2;
  return 1;
}

/** Printable ASCII only: one column a character (nearly every string kcs measures). */
const PLAIN = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let width = 0;
  for (const ch of text.replace(ANSI, "")) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += columns(ch.codePointAt(0)!);
  }
  return width;
}

/** string-width's signature, for the bundle's alias (its options change nothing kcs shows). */
export default function stringWidth(text: string, _options?: unknown): number {
  return typeof text === "string" ? displayWidth(text) : 0;
}
