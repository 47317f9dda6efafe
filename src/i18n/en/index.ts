import { cli } from "./cli.js";
import { errors } from "./errors.js";

/** Every English message, by area. ../ja/ mirrors it key for key. */
export const en = { cli, errors } as const;
