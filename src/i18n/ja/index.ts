import type { en } from "../en/index.js";
import type { Translation } from "../translation.js";
import { cli } from "./cli.js";
import { errors } from "./errors.js";
import { sim } from "./sim.js";
import { yargs } from "./yargs.js";

/** Every Japanese message, by area, in the terms of AWS's Japanese documentation. */
export const ja: Translation<typeof en> = { cli, errors, sim, yargs };
