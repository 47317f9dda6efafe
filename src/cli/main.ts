import { readFileSync } from "node:fs";
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { KcsError, UsageError } from "../core/errors.js";
import { printable } from "../core/printable.js";
import { OUTPUT_MODES } from "./views/index.js";

export const GLOBAL_OPTIONS = {
  backend: {
    choices: ["sim", "aws"] as const,
    default: (process.env.KCS_BACKEND as "sim" | "aws" | undefined) ?? "sim",
    describe: "Where the AWS APIs are answered: the bundled simulator or AWS (env KCS_BACKEND)",
    global: true,
  },
  "sim-state": {
    type: "string",
    describe: "The simulator's world file (env KCS_SIM_STATE; default .kcs/sim-world.json)",
    global: true,
  },
  region: { type: "string", describe: "AWS Region (aws backend; default: the SDK's chain)", global: true },
  profile: { type: "string", describe: "Named AWS profile (aws backend)", global: true },
  "endpoint-url": {
    type: "string",
    describe: "Send KMS, CloudHSM v2 and CloudTrail requests to this URL (e.g. kcs sim serve)",
    global: true,
  },
  "request-timeout": {
    type: "string",
    describe: "aws backend: how long one AWS request may take before it is retried or fails (default 30s)",
    global: true,
  },
  output: {
    alias: "o",
    choices: OUTPUT_MODES,
    default: "text" as const,
    describe: "Output format",
    global: true,
  },
  color: {
    type: "boolean",
    describe: "Colour on a TTY (--no-color turns it off; NO_COLOR is honoured)",
    global: true,
  },
  debug: { type: "boolean", describe: "Show stack traces and SDK details on errors", global: true },
} as const;

/** Read beside the code (dist/cli or dist/bundle): bundled, yargs cannot find package.json itself. */
function packageVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
  } catch {
    return "unknown";
  }
}

function buildParser(argv: string[]): Argv {
  return yargs(argv)
    .scriptName("kcs")
    .usage(
      "$0 <command> [options]\n\nDiagnose and repair AWS KMS custom key stores backed by AWS CloudHSM clusters.",
    )
    .options(GLOBAL_OPTIONS)
    .command(
      "doctor",
      "Diagnose every custom key store (never changes anything)",
      async (y) => (await import("./commands/doctor.js")).builder(y),
      async (a) => (await import("./commands/doctor.js")).handler(a as never),
    )
    .command(
      "fix",
      "Plan and carry out the runbooks for what doctor finds (--dry-run: plan only)",
      async (y) => (await import("./commands/fix.js")).builder(y),
      async (a) => (await import("./commands/fix.js")).handler(a as never),
    )
    .command("runbooks", "List or show the runbooks kcs fix can run", async (y) =>
      (await import("./commands/runbooks.js")).builder(y),
    )
    .command("sim", "The bundled simulator: scenarios, world status, HTTP server, HSM operator", async (y) =>
      (await import("./commands/sim.js")).builder(y),
    )
    .demandCommand(1, "Name a command: doctor, fix, runbooks or sim.")
    .recommendCommands()
    .strict()
    .fail((msg, err) => {
      // yargs reports its own validation failures as a message; everything else is a thrown error.
      if (err) throw err;
      throw new UsageError(`${msg.replace(/\s*\n\s*/g, " ")} (kcs --help shows usage)`);
    })
    .help()
    .alias("h", "help")
    .version(packageVersion())
    .wrap(Math.min(110, process.stdout.columns || 100));
}

/** One entry, one catch: typed errors become one line on stderr and an exit status. */
export async function main(argv = hideBin(process.argv)): Promise<void> {
  const debug = argv.includes("--debug");
  process.on("SIGINT", () => {
    process.stderr.write("\nkcs: interrupted\n");
    process.exit(130);
  });
  try {
    await buildParser(argv).parseAsync();
  } catch (err) {
    process.exitCode = reportError(err, debug);
  }
}

export function reportError(err: unknown, debug: boolean): number {
  const raw = err as Error & { exitCode?: number; name?: string };
  // Messages quote names AWS or a file gave: one line, and nothing that drives the terminal.
  const e = {
    name: raw?.name,
    message: printable(raw?.message ?? String(err)),
    stack: raw?.stack?.split("\n").map(printable).join("\n"),
    constructor: raw?.constructor,
  };
  if (err instanceof KcsError) {
    process.stderr.write(`kcs: ${e.message}\n`);
    if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
    return err.exitCode;
  }
  if (e.name === "YError") {
    process.stderr.write(`kcs: ${e.message} (kcs --help shows usage)\n`);
    return 1;
  }
  if (e.name === "WorldFileError" || e.constructor?.name === "WorldFileError") {
    process.stderr.write(`kcs: ${e.message}\n`);
    return 1;
  }
  process.stderr.write(
    `kcs: internal error: ${e.message}${debug ? "" : " (run with --debug for details)"}\n`,
  );
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  return 1;
}
