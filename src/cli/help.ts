import type { Argv } from "yargs";

/** The heading of the flags every command takes (main.ts globalOptions(), --help, --version). */
export const GLOBAL_GROUP = "Global options:";

/**
 * yargs prints option groups in the order they were made, and the root parser makes the global group
 * first, so a command's own flags would come after the nine global ones. Naming yargs' default group
 * at the end of a command's builder (after its positionals) puts the command's flags first, as gh and
 * the aws CLI do; it also claims the flags a parent gives its subcommands (sim hsm --cluster-id).
 */
export function commandFlagsFirst<T>(y: Argv<T>): Argv<T> {
  return y.group([], "Options:");
}
