import { hideBin } from "yargs/helpers";
import { main as kcs } from "./main.js";

/**
 * The entry of the help bundle (scripts/bundle.mjs): the parser, its words and every command's flags,
 * for the runs that only print (help, the version, completion). The commands' work is left out of it,
 * so that its compiled code, kept between runs (src/cli/code-cache.ts), is small.
 */
export const main = (): Promise<void> => kcs(hideBin(process.argv), { light: true });
