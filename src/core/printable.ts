/** Escape sequences (CSI and OSC) and every other C0/C1 control character but tab. */
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's whole job.
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * Characters that print nothing yet change what the reader sees: bidirectional overrides and
 * isolates (a name that reads backwards) and zero-width marks (a name that looks like another).
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * One line of text from outside kcs (a hook's output, a name AWS returned) made safe for a terminal:
 * no escape sequence can recolour, move the cursor or retitle the window, and no newline can forge
 * a line of kcs's own (line breaks become spaces, so words stay apart).
 */
export function printable(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "");
}
