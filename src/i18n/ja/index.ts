import type { en } from "../en/index.js";
import type { Translation } from "../translation.js";
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

/** Every Japanese message, by area, in the terms of AWS's Japanese documentation. */
export const ja: Translation<typeof en> = {
  cli,
  doctor,
  errors,
  findings,
  fix,
  plan,
  runbooks,
  sim,
  steps,
  yargs,
};
