import { quote } from "shell-quote";
import { printable } from "./printable.js";

/** A value that no quoting makes safe to paste: it would end the line, or rewrite the terminal. */
export class UnprintableCommand extends Error {}

/**
 * One shell line from its words, each quoted by shell-quote so that pasting it runs exactly this
 * command and nothing else. A word with a control character (a newline ends the line it is quoted
 * on) cannot be printed safely at all: the caller is told instead.
 */
export function shellLine(words: readonly string[]): string {
  const bad = words.find((w) => printable(w) !== w);
  if (bad !== undefined)
    throw new UnprintableCommand(`a value holds control characters (${JSON.stringify(bad)})`);
  return words.map((w) => (SHELL_SAFE.test(w) ? w : quote([w]))).join(" ");
}

/**
 * Words no POSIX shell reads specially, printed as they are: shell-quote backslashes every colon, and
 * an ARN reads better as arn:aws:iam::… than as arn\:aws\:iam\:\:….
 */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** What a word of an HSM tool's own prompt (cloudhsm-cli, key_mgmt_util) may hold: no quoting there. */
const PLAIN_WORD = /^[A-Za-z0-9:/._=@+{}-]+$/;

/**
 * A value for a line typed at the CloudHSM CLI or key_mgmt_util prompt. Those prompts are not a shell
 * and their quoting rules are not shell-quote's, so the value must need no quoting at all; the action
 * schemas hold every such value to AWS's own format, and this refuses anything that slipped past.
 */
export function plainWord(value: string): string {
  if (!PLAIN_WORD.test(value))
    throw new UnprintableCommand(`${JSON.stringify(printable(value))} is not a plain word`);
  return value;
}
