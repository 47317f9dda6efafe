import type { Argv } from "yargs";
import type { FleetArgs } from "../../backend/fleet-flags.js";
import { Budget } from "../../core/budget.js";
import { WALL_CLOCK } from "../../core/clock.js";
import { durationFlag } from "../../core/duration.js";
import { UsageError } from "../../core/errors.js";
import { t } from "../../i18n/index.js";
import { type CloudtrailDirArgs, cloudtrailDirOption, trailDirs } from "../cloudtrail-dir-flag.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst, helpText } from "../help.js";
import { makeIo } from "../io.js";
import { checkSnapshotFlags, type SnapshotArgs, snapshotOptions } from "../snapshot-flags.js";
import { viewFor } from "../views/index.js";

/** --region and --profile repeat (a fleet run: backend/fleet-flags.ts), so they are FleetArgs' here. */
export interface DoctorArgs
  extends Omit<GlobalArgs, "region" | "profile">,
    FleetArgs,
    SnapshotArgs,
    CloudtrailDirArgs {
  store?: string[];
  probe?: boolean;
  /** Absent: 90d (no default in the parser, so that --from-snapshot can tell it was given). */
  since?: string;
  maxTime: string;
  cache?: boolean;
  xksCredentialStdin?: boolean;
  /** Refused whenever given: declared only so the refusal can say why without repeating the value. */
  xksSecretAccessKey?: string;
}

export function builder(y: Argv): Argv {
  const page = y
    .option("store", { type: "string", array: true, describe: helpText("doctor.help.store") })
    .option("probe", {
      type: "boolean",
      describe: helpText("doctor.help.probe"),
    })
    .option("xks-credential-stdin", {
      type: "boolean",
      describe: helpText("doctor.help.xksCredentialStdin"),
    })
    // Not a way in: named so that a secret typed after it gets a clear refusal, not "unknown argument".
    .option("xks-secret-access-key", { type: "string", hidden: true })
    .option("since", {
      type: "string",
      describe: helpText("doctor.help.since"),
    })
    .option("cache", {
      type: "boolean",
      default: true,
      describe: helpText("doctor.help.cache"),
    })
    .option("max-time", {
      type: "string",
      default: "10m",
      describe: helpText("doctor.help.maxTime"),
    })
    .option("role-arn", {
      type: "string",
      describe: helpText("doctor.help.roleArn"),
    })
    .option("external-id", {
      type: "string",
      describe: helpText("doctor.help.externalId"),
    })
    .option("role-session-name", {
      type: "string",
      describe: helpText("doctor.help.roleSessionName"),
    })
    .option("all-regions", {
      type: "boolean",
      describe: helpText("doctor.help.allRegions"),
    })
    .example("$0 doctor", helpText("doctor.help.example.all"))
    .example("$0 doctor --region eu-west-1 --region us-east-1", helpText("doctor.help.example.twoRegions"))
    .example("$0 doctor --all-regions", helpText("doctor.help.example.allRegions"))
    .example("$0 doctor --store payments-cks -o json", helpText("doctor.help.example.json"))
    .example("$0 doctor --probe --since 7d", helpText("doctor.help.example.probe"))
    .example("$0 doctor --probe --xks-credential-stdin <xks.txt", helpText("doctor.help.example.xks"))
    .example("$0 doctor --save-snapshot snap.json", helpText("doctor.help.example.save"))
    .example("$0 doctor --from-snapshot snap.json -o markdown", helpText("doctor.help.example.fromSnapshot"))
    .example("$0 doctor --cloudtrail-dir trail/", helpText("doctor.help.example.trail"))
    .epilogue(helpText("doctor.help.epilogue"));
  return commandFlagsFirst(cloudtrailDirOption(snapshotOptions(page, "doctor")));
}

export async function handler(args: DoctorArgs): Promise<void> {
  checkSnapshotFlags(args, "doctor");
  const sinceMs = durationFlag(args.since ?? "90d", "--since");
  const { checkStoreSelectors } = await import("../../app/params.js");
  checkStoreSelectors(args.store);
  const cloudtrailDirs = await trailDirs(args);
  if (args.fromSnapshot !== undefined) return doctorFromSnapshot(args, args.fromSnapshot, cloudtrailDirs);
  const budget = new Budget(WALL_CLOCK.now, durationFlag(args.maxTime, "--max-time"));
  const { openBackend, ledgerPath } = await import("../../backend/backend.js");
  const { observe } = await import("../../app/observe.js");
  const { Ledger } = await import("../../remediate/ledger.js");
  const { buildReport, doctorExitCode } = await import("../../report/doctor-report.js");
  const { accountCachesFor } = await import("../../app/account-caches.js");
  if (args.xksSecretAccessKey !== undefined) throw new UsageError(t("doctor.error.xksSecretArgument"));
  if (args.xksCredentialStdin && !args.probe)
    throw new UsageError(t("doctor.error.credentialStdinNeedsProbe"));
  const { fleetFlags, isFleet } = await import("../../backend/fleet-flags.js");
  const fleet = fleetFlags(args);
  const { readXksCredentials, promptForXksSecret } = await import("../xks-credentials.js");
  // Read before any AWS call: a bad line is refused before doctor has spent anything.
  const xksCredentials = args.probe ? await readXksCredentials(args.xksCredentialStdin === true) : [];
  const xksAsk =
    args.probe && !args.xksCredentialStdin && xksCredentials.length === 0 ? promptForXksSecret() : undefined;
  const options = (backend: import("../../backend/backend.js").Backend, stores: string[] | undefined) => ({
    ...(args.cache !== false ? { memory: accountCachesFor(backend) } : {}),
    ...(stores ? { stores } : {}),
    sinceMs,
    probe: args.probe === true,
    probeKeys: args.probe === true,
    xksCredentials,
    ...(xksAsk ? { xksAsk } : {}),
    now: new Date(),
    budget,
    cloudtrailDirs,
    // A snapshot is also what kcs fix --dry-run --from-snapshot plans from, and a plan needs them.
    ...(args.saveSnapshot !== undefined ? { connectEvents: true } : {}),
  });
  const io = makeIo(args);
  if (isFleet(fleet)) {
    const report = await fleetReport(args, fleet, (b) => options(b, undefined));
    io.stdout.write((await viewFor(args.output)).doctor(report, io.style));
    process.exitCode = doctorExitCode(report);
    return;
  }
  const backend = await openBackend({
    ...args,
    region: fleet.regions[0],
    profile: fleet.profiles[0],
  });
  try {
    const { snapshot, findings } = await observe(
      backend,
      new Ledger(ledgerPath(backend)),
      options(backend, args.store),
    );
    if (args.saveSnapshot !== undefined) {
      const { saveSnapshot } = await import("../snapshot-flags.js");
      const { packageVersion } = await import("../version.js");
      await saveSnapshot(args.saveSnapshot, snapshot, packageVersion());
    }
    // Against AWS the account is the one the keys' ARNs name (no key: not known, and not asked).
    const account = backend.account ?? snapshot.keys[0]?.arn.split(":")[4];
    const report = buildReport(snapshot, findings, { account });
    io.stdout.write((await viewFor(args.output)).doctor(report, io.style));
    process.exitCode = doctorExitCode(report);
  } finally {
    backend.close();
  }
}

/** No backend at all: no world is opened, no client made, no credential looked for. */
async function doctorFromSnapshot(args: DoctorArgs, path: string, cloudtrailDirs: string[]): Promise<void> {
  const { observeFromSnapshot } = await import("../snapshot-flags.js");
  const { buildReport, doctorExitCode } = await import("../../report/doctor-report.js");
  const seen = await observeFromSnapshot(path, args.store ?? [], cloudtrailDirs);
  let report: import("../../report/doctor-report.js").DoctorReport;
  if (seen.kind === "fleet") {
    const { buildFleetReport, selectFleetStores } = await import("../../report/fleet-report.js");
    const whole = buildFleetReport(seen.parts, seen.failed, {
      backend: seen.backend,
      generatedAt: seen.createdAt,
    });
    report = { ...(args.store?.length ? selectFleetStores(whole, args.store) : whole), source: seen.source };
  } else {
    const { observation, account } = seen;
    report = { ...buildReport(observation.snapshot, observation.findings, { account }), source: seen.source };
  }
  const io = makeIo(args);
  io.stdout.write((await viewFor(args.output)).doctor(report, io.style));
  process.exitCode = doctorExitCode(report);
}

/** Every (account, Region) of a fleet run, read concurrently into one report. */
async function fleetReport(
  args: DoctorArgs,
  flags: import("../../backend/fleet-flags.js").FleetFlags,
  options: (
    backend: import("../../backend/backend.js").Backend,
  ) => import("../../app/observe.js").ObserveOptions,
) {
  const { openFleet } = await import("../../backend/open-fleet.js");
  const { observeFleet } = await import("../../app/observe-fleet.js");
  const { buildFleetReport, selectFleetStores } = await import("../../report/fleet-report.js");
  const fleet = await openFleet(args, flags);
  try {
    const { parts, failed } = await observeFleet(fleet, options);
    const at = new Date();
    const report = buildFleetReport(parts, failed, { backend: args.backend, generatedAt: at.toISOString() });
    if (args.saveSnapshot !== undefined) {
      const { saveFleetSnapshot } = await import("../snapshot-flags.js");
      const { packageVersion } = await import("../version.js");
      await saveFleetSnapshot(args.saveSnapshot, parts, failed, packageVersion(), at);
    }
    return args.store?.length ? selectFleetStores(report, args.store) : report;
  } finally {
    fleet.close();
  }
}
