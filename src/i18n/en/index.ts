import { cli } from "./cli.js";
import { doctor } from "./doctor.js";
import { errors } from "./errors.js";
import { findings } from "./findings.js";

/** Every English message, by area. ../ja/ mirrors it key for key. */
export const en = { cli, doctor, errors, findings } as const;
