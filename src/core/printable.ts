/** Escape sequences (CSI and OSC) and every other C0/C1 control character but tab. */
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's whole job.
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * One line of text from outside kcs (a hook's output, a name AWS returned) made safe for a terminal:
 * no escape sequence can recolour, move the cursor or retitle the window, and no newline can forge
 * a line of kcs's own (line breaks become spaces, so words stay apart).
 */
export function printable(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(CONTROL, "");
}
