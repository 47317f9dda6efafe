import { cli } from "./cli.js";
import { doctor } from "./doctor.js";
import { errors } from "./errors.js";
import { findings } from "./findings.js";
import { fix } from "./fix.js";
import { plan } from "./plan.js";
import { runbooks } from "./runbooks.js";
import { sim } from "./sim.js";
import { steps } from "./steps.js";
import { yargs } from "./yargs.js";

/** Every English message, by area. ../ja/ mirrors it key for key. */
export const en = { cli, doctor, errors, findings, fix, plan, runbooks, sim, steps, yargs } as const;
