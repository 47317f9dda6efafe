import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
import { matchYargs } from "./yargs-locale.js";

/**
 * A command's own failure handler (yargs `.fail` in its builder), for a command whose missing
 * argument deserves better than yargs' "Not enough non-option arguments: got 0, need at least 1":
 * `hint` says what to type. Every other failure reads as the top-level handler in main.ts writes it.
 */
export function failWithHint(hint: string) {
  return (msg: string | null | undefined, err: Error | undefined): never => {
    if (err) throw err;
    const text = (msg ?? "").replace(/\s*\n\s*/g, " ");
    if (matchYargs("notEnoughNonOption", text)) throw new UsageError(hint);
    throw new UsageError(t("errors.usage.showsUsage", { said: text, help: "kcs --help" }));
  };
}
