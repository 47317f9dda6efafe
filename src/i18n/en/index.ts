import { cli } from "./cli.js";
import { errors } from "./errors.js";
import { plan } from "./plan.js";
import { runbooks } from "./runbooks.js";

/** Every English message, by area. ../ja/ mirrors it key for key. */
export const en = { cli, errors, plan, runbooks } as const;
