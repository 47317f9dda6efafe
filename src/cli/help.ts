import type { Argv } from "yargs";
import { t } from "../i18n/index.js";
import { asksForHelp } from "./help-flags.js";

let helpShown = true;

/**
 * Whether this command line can print help: it asks for help (a flag or the word), or yargs'
 * completion asks for descriptions. kcs prints a failure as one line, never as help, so every other run would only build
 * help texts nobody reads (about 130 messages for `kcs doctor`).
 */
export function helpMayShow(argv: readonly string[]): boolean {
  // yargs also answers a `help` word with the help (kcs help, kcs sim help); a store named help only
  // costs its run the words.
  return asksForHelp(argv) || argv.includes("help") || argv.includes("--get-yargs-completions");
}

/** Called once per run, before the parser is built (src/cli/main.ts). */
export function expectHelp(shown: boolean): void {
  helpShown = shown;
}

/** A help text (a flag's or command's description, an example, an epilogue): empty when no help can show. */
export const helpText = ((...args: unknown[]) =>
  // Forwarded as i18n/index.ts forwards i18next's t: its overloads do not pass through one rest parameter.
  helpShown ? (t as unknown as (...a: unknown[]) => string)(...args) : "") as unknown as typeof t;

/**
 * yargs prints option groups in the order they were made, and the root parser makes the global group
 * first, so a command's own flags would come after the nine global ones. Naming yargs' default group
 * at the end of a command's builder (after its positionals) puts the command's flags first, as gh and
 * the aws CLI do; it also claims the flags a parent gives its subcommands (sim hsm --cluster-id).
 */
export function commandFlagsFirst<T>(y: Argv<T>): Argv<T> {
  // yargs names its default group by its own word, in the run's language (cli/yargs-locale.ts).
  return y.group([], helpText("yargs.options"));
}
