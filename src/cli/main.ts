import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { KcsError, UsageError } from "../core/errors.js";
import { printable } from "../core/printable.js";
import { t, useLang } from "../i18n/index.js";
import { chooseLang, LANGS, type Lang } from "../i18n/lang.js";
import { GLOBAL_GROUP } from "./help.js";
import { type ParserView, usageMessage } from "./suggest.js";
import { checkPlanOnlyOutput } from "./validate-output.js";
import { packageVersion } from "./version.js";
import { OUTPUT_MODES } from "./views/index.js";

/** The global flags; a function because their help is in the run's language. */
export const globalOptions = () =>
  ({
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
      describe: "Output format (ssm-automation: kcs fix --dry-run's plan as an SSM Automation document)",
      global: true,
    },
    color: {
      type: "boolean",
      describe: "Colour on a TTY (--no-color turns it off; NO_COLOR is honoured)",
      global: true,
    },
    debug: { type: "boolean", describe: "Show stack traces and SDK details on errors", global: true },
    lang: { choices: LANGS, describe: t("cli.flag.lang"), global: true },
  }) as const;

/** What a command module gives the parser: its flags and, unless it only has subcommands, its run. */
interface CommandModule {
  builder(y: Argv): Argv;
  handler?(args: never): Promise<void>;
}

/**
 * Every command's module, loaded only when its command runs (or its help is shown): `kcs --help` and
 * `kcs --version` load none of them.
 */
const COMMANDS: Record<string, { usage?: string; describe: string; load: () => Promise<CommandModule> }> = {
  doctor: {
    describe: "Diagnose every custom key store (never changes anything)",
    load: () => import("./commands/doctor.js"),
  },
  fix: {
    describe: "Plan and carry out the runbooks for what doctor finds (--dry-run: plan only)",
    load: () => import("./commands/fix.js"),
  },
  runbooks: {
    describe: "List or show the runbooks kcs fix can run",
    load: () => import("./commands/runbooks.js"),
  },
  sim: {
    describe: "The bundled simulator: scenarios, world status, HTTP server, HSM operator",
    load: () => import("./commands/sim.js"),
  },
  completion: {
    usage: "completion [shell]",
    describe: "Print the shell completion script (bash or zsh)",
    load: () => import("./commands/completion.js"),
  },
};

/** The contract's exit statuses; trailing spaces give the codes' column its gap (cliui's layout). */
const EXIT_STATUS = [
  "Exit status:",
  ...[
    ["0", "success; doctor found nothing that needs attention"],
    ["1", "kcs could not do what was asked: a usage error, bad input, an AWS error, a failed step"],
    [
      "2",
      "the command worked and found something that needs attention (doctor findings, a non-empty dry-run plan)",
    ],
    [
      "3",
      "kcs fix stopped, on purpose, before a manual step a person must do (the message says what to do and how to resume)",
    ],
    ["130", "interrupted"],
  ].map(([code, meaning]) => `  ${code!.padEnd(5)}\t${meaning}`),
].join("\n");

/** The parts of yargs' state that @types/yargs does not declare, read when a usage error is reported. */
interface ParserState {
  getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]>; boolean: string[] };
  getGroups(): Record<string, string[]>;
  getInternalMethods(): { getContext(): { commands: string[] } };
}

/** The command yargs was parsing when it failed, and the flags that command takes. */
function parserView(parser: Argv): ParserView {
  // Declared above: yargs keeps these on the instance it hands every command's builder.
  const state = parser as unknown as ParserState;
  const options = state.getOptions();
  const names = new Set([...Object.keys(options.key), ...Object.values(options.alias).flat()]);
  // Long, kebab-case names only: yargs also records camelCase twins and the one-letter aliases.
  // Positionals are options to yargs too; yargs keeps them in a group of their own.
  const positionals = state.getGroups()["Positionals:"] ?? [];
  const flags = [...names].filter(
    (n) => n.length > 1 && /^[a-z][a-z0-9-]*$/.test(n) && !positionals.includes(n),
  );
  return {
    commandPath: state.getInternalMethods().getContext().commands,
    flags,
    booleans: options.boolean.filter((b) => flags.includes(b)),
  };
}

/**
 * yargs' completion (--get-yargs-completions) runs a command's builder without awaiting it, so a
 * builder that first imports its module would answer before the command has any flags. The modules
 * of the commands named on the line are loaded before parsing instead, and only those.
 */
async function loadNamed(argv: string[]): Promise<Map<string, CommandModule>> {
  const named = Object.keys(COMMANDS).filter((c) => argv.includes(c));
  return new Map(await Promise.all(named.map(async (c) => [c, await COMMANDS[c]!.load()] as const)));
}

async function buildParser(argv: string[], lang: Lang): Promise<Argv> {
  const loaded = await loadNamed(argv);
  const globals = globalOptions();
  const parser: Argv = yargs(argv)
    .scriptName("kcs")
    .usage(
      "$0 <command> [options]\n\nDiagnose and repair AWS KMS custom key stores backed by AWS CloudHSM clusters.",
    )
    .options(globals);
  for (const [name, { usage, describe, load }] of Object.entries(COMMANDS)) {
    const mod = loaded.get(name);
    parser.command(
      usage ?? name,
      describe,
      mod ? (y) => mod.builder(y) : async (y) => (await load()).builder(y),
      async (a) => (mod ?? (await load())).handler?.(a as never),
    );
  }
  // Before any command reads anything: -o ssm-automation is kcs fix --dry-run's alone.
  parser.middleware((a) => checkPlanOnlyOutput(a as Parameters<typeof checkPlanOnlyOutput>[0]));
  return (
    parser
      .demandCommand(1, "Name a command: doctor, fix, runbooks, sim or completion.")
      // yargs' own words ("Options:", "Show help", its validation messages) in the run's language.
      .locale(lang)
      .recommendCommands()
      .strict()
      .fail((msg, err) => {
        // yargs reports its own validation failures as a message; everything else is a thrown error.
        if (err) throw err;
        throw new UsageError(usageMessage(msg, argv, parserView(parser)));
      })
      .help()
      .alias("h", "help")
      .version(packageVersion())
      .group([...Object.keys(globals), "help", "version"], GLOBAL_GROUP)
      .example("$0 sim init --scenario invalid-credentials", "Practise on a simulated broken store")
      .example("$0 doctor", "Diagnose every custom key store")
      .example("$0 fix --dry-run -o markdown", "The repair plan, for a change review")
      .example("$0 --backend aws --region eu-west-1 doctor", "Diagnose a real account (AWS credentials)")
      .epilogue(
        `${EXIT_STATUS}\n\nkcs <command> --help shows a command's flags and examples; kcs completion --help sets up tab completion.`,
      )
      .wrap(Math.min(110, process.stdout.columns || 100))
  );
}

/** One entry, one catch: typed errors become one line on stderr and an exit status. */
export async function main(argv = hideBin(process.argv)): Promise<void> {
  const debug = argv.includes("--debug");
  process.on("SIGINT", () => {
    process.stderr.write("\nkcs: interrupted\n");
    process.exit(130);
  });
  try {
    const { lang, refused } = chooseLang(argv);
    await useLang(lang);
    if (refused) throw new UsageError(t(`errors.lang.${refused.source}`, { value: refused.value }));
    await (await buildParser(argv, lang)).parseAsync();
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
