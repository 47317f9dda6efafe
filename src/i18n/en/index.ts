import { cli } from "./cli.js";
import { errors } from "./errors.js";
import { sim } from "./sim.js";
import { yargs } from "./yargs.js";

/** Every English message, by area. ../ja/ mirrors it key for key. */
export const en = { cli, errors, sim, yargs } as const;
