import type { Argv } from "yargs";
import { Budget } from "../../core/budget.js";
import { WALL_CLOCK } from "../../core/clock.js";
import { durationFlag } from "../../core/duration.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst } from "../help.js";
import { makeIo } from "../io.js";
import { viewFor } from "../views/index.js";

export interface DoctorArgs extends GlobalArgs {
  store?: string[];
  probe?: boolean;
  since: string;
  maxTime: string;
  cache?: boolean;
}

export function builder(y: Argv): Argv {
  const page = y
    .option("store", { type: "string", array: true, describe: "Only this store (id or name); repeatable" })
    .option("probe", {
      type: "boolean",
      describe:
        "Also run cryptographic checks the describe APIs cannot show: GenerateRandom per store, and Encrypt of one byte with each Enabled key of a connected store (needs kms:Encrypt)",
    })
    .option("since", {
      type: "string",
      default: "90d",
      describe: "How far back to read CloudTrail DeleteKey events (at most 90d)",
    })
    .option("cache", {
      type: "boolean",
      default: true,
      describe:
        "Remember which store each key is in and custom key stores' DeleteKey events (state folder, per account and Region): next time describe only new keys and custom key stores' keys, and read CloudTrail only past what is remembered; --no-cache reads everything and leaves the cache alone",
    })
    .option("max-time", {
      type: "string",
      default: "10m",
      describe: "Longest the whole diagnosis may take, retries of slow or throttled answers included",
    })
    .example("$0 doctor", "Diagnose every custom key store")
    .example("$0 doctor --store payments-cks -o json", "One store, as the JSON contract")
    .example("$0 doctor --probe --since 7d", "Add cryptographic checks; read a week of CloudTrail")
    .epilogue(
      "Exit status: 0 no finding of severity error or warning; 2 at least one such finding; 1 doctor could not run.",
    );
  return commandFlagsFirst(page);
}

export async function handler(args: DoctorArgs): Promise<void> {
  const sinceMs = durationFlag(args.since, "--since");
  const { checkStoreSelectors } = await import("../../app/params.js");
  checkStoreSelectors(args.store);
  const budget = new Budget(WALL_CLOCK.now, durationFlag(args.maxTime, "--max-time"));
  const { openBackend, ledgerPath } = await import("../../backend/backend.js");
  const { observe } = await import("../../app/observe.js");
  const { Ledger } = await import("../../remediate/ledger.js");
  const { buildReport, doctorExitCode } = await import("../../report/doctor-report.js");
  const { accountCachesFor } = await import("../../app/account-caches.js");
  const backend = await openBackend(args);
  try {
    const { snapshot, findings } = await observe(backend, new Ledger(ledgerPath(backend)), {
      ...(args.cache !== false ? { memory: accountCachesFor(backend) } : {}),
      ...(args.store ? { stores: args.store } : {}),
      sinceMs,
      probe: args.probe === true,
      probeKeys: args.probe === true,
      now: new Date(),
      budget,
    });
    const report = buildReport(snapshot, findings);
    const io = makeIo(args);
    io.stdout.write((await viewFor(args.output)).doctor(report, io.style));
    process.exitCode = doctorExitCode(report);
  } finally {
    backend.close();
  }
}
