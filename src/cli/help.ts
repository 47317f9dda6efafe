import type { Argv } from "yargs";
import { t } from "../i18n/index.js";

/**
 * yargs prints option groups in the order they were made, and the root parser makes the global group
 * first, so a command's own flags would come after the nine global ones. Naming yargs' default group
 * at the end of a command's builder (after its positionals) puts the command's flags first, as gh and
 * the aws CLI do; it also claims the flags a parent gives its subcommands (sim hsm --cluster-id).
 */
export function commandFlagsFirst<T>(y: Argv<T>): Argv<T> {
  // yargs names its default group by its own word, in the run's language (cli/yargs-locale.ts).
  return y.group([], t("yargs.options"));
}
