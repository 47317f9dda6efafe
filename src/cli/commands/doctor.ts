import type { Argv } from "yargs";
import { parseDuration } from "../../core/duration.js";
import type { GlobalArgs } from "../context.js";
import { makeIo } from "../io.js";

export interface DoctorArgs extends GlobalArgs {
  store?: string[];
  probe?: boolean;
  since: string;
}

export function builder(y: Argv): Argv {
  return y
    .option("store", { type: "string", array: true, describe: "Only this store (id or name); repeatable" })
    .option("probe", {
      type: "boolean",
      describe: "Also run read-only checks the describe APIs cannot show (GenerateRandom)",
    })
    .option("since", {
      type: "string",
      default: "90d",
      describe: "How far back to read CloudTrail DeleteKey events (at most 90d)",
    })
    .example("$0 doctor", "Diagnose every custom key store")
    .example("$0 doctor --store payments-cks -o json", "One store, as the JSON contract");
}

export async function handler(args: DoctorArgs): Promise<void> {
  const sinceMs = parseDuration(args.since, "--since");
  const { openBackend } = await import("../../backend/backend.js");
  const { gather } = await import("../../gather/gather.js");
  const { diagnose } = await import("../../diagnose/diagnose.js");
  const { buildReport, doctorExitCode } = await import("../../report/doctor-report.js");
  const backend = await openBackend(args);
  try {
    const now = new Date();
    const snapshot = await gather(backend.clients, {
      backend: backend.kind,
      ...(args.store ? { stores: args.store } : {}),
      since: new Date(now.getTime() - Math.min(sinceMs, 90 * 86_400_000)),
      probe: args.probe === true,
      now,
      ...(backend.endpoint ? { endpoint: backend.endpoint } : {}),
    });
    const { Ledger } = await import("../../remediate/ledger.js");
    const { ledgerPath } = await import("../../backend/backend.js");
    // Orphans kcs fix already deleted: CloudTrail still shows their FAILURE event for up to 90 days.
    snapshot.resolvedOrphans = new Ledger(ledgerPath(backend)).resolvedKeys();
    const report = buildReport(snapshot, diagnose(snapshot));
    const io = makeIo(args);
    if (args.output === "json") io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (args.output === "markdown")
      io.stdout.write((await import("../views/doctor-markdown.js")).renderDoctorMarkdown(report));
    else io.stdout.write((await import("../views/doctor-text.js")).renderDoctorText(report, io.style));
    process.exitCode = doctorExitCode(report);
  } finally {
    backend.close();
  }
}
