import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { KcsError, UsageError } from "../core/errors.js";
import { printable } from "../core/printable.js";
import { t, useLang } from "../i18n/index.js";
import { chooseLang, LANGS, type Lang } from "../i18n/lang.js";
import { FullProgramNeeded, isFullProgramNeeded } from "./full-program.js";
import { expectHelp, helpMayShow, helpText } from "./help.js";
import { type ParserView, usageMessage } from "./suggest.js";
import { checkPlanOnlyOutput } from "./validate-output.js";
import { packageVersion } from "./version.js";
import { OUTPUT_MODES } from "./views/index.js";
import { yargsLocale } from "./yargs-locale.js";

/** The global flags; a function because their help is in the run's language. */
export const globalOptions = () =>
  ({
    backend: {
      choices: ["sim", "aws"] as const,
      default: (process.env.KCS_BACKEND as "sim" | "aws" | undefined) ?? "sim",
      describe: helpText("cli.flag.backend"),
      global: true,
    },
    "sim-state": {
      type: "string",
      describe: helpText("cli.flag.simState"),
      global: true,
    },
    region: { type: "string", describe: helpText("cli.flag.region"), global: true },
    profile: { type: "string", describe: helpText("cli.flag.profile"), global: true },
    "endpoint-url": {
      type: "string",
      describe: helpText("cli.flag.endpointUrl"),
      global: true,
    },
    "request-timeout": {
      type: "string",
      describe: helpText("cli.flag.requestTimeout"),
      global: true,
    },
    output: {
      alias: "o",
      choices: OUTPUT_MODES,
      default: "text" as const,
      describe: helpText("cli.flag.output"),
      global: true,
    },
    color: {
      type: "boolean",
      describe: helpText("cli.flag.color"),
      global: true,
    },
    debug: { type: "boolean", describe: helpText("cli.flag.debug"), global: true },
    lang: { choices: LANGS, describe: helpText("cli.flag.lang"), global: true },
  }) as const;

/** What a command module gives the parser: its flags and, unless it only has subcommands, its run. */
interface CommandModule {
  builder(y: Argv): Argv;
  handler?(args: never): Promise<void>;
}

/**
 * Every command's module, loaded only when its command runs (or its help is shown): `kcs --help` and
 * `kcs --version` load none of them. A function because the descriptions are in the run's language.
 */
const commands = (): Record<
  string,
  {
    usage?: string;
    describe: string;
    load: () => Promise<CommandModule>;
    /** Its run needs only the parser (src/cli/light.ts): it prints a script yargs writes. */
    printsOnly?: true;
  }
> => ({
  doctor: {
    describe: helpText("cli.command.doctor"),
    load: () => import("./commands/doctor.js"),
  },
  fix: {
    describe: helpText("cli.command.fix"),
    load: () => import("./commands/fix.js"),
  },
  runbooks: {
    describe: helpText("cli.command.runbooks"),
    load: () => import("./commands/runbooks.js"),
  },
  sim: {
    describe: helpText("cli.command.sim"),
    load: () => import("./commands/sim.js"),
  },
  completion: {
    usage: "completion [shell]",
    describe: helpText("cli.command.completion"),
    load: () => import("./commands/completion.js"),
    printsOnly: true,
  },
});

/** The contract's exit statuses; trailing spaces give the codes' column its gap (cliui's layout). */
const exitStatus = () =>
  [
    helpText("cli.exitStatus.heading"),
    ...[
      ["0", helpText("cli.exitStatus.ok")],
      ["1", helpText("cli.exitStatus.failed")],
      ["2", helpText("cli.exitStatus.attention")],
      ["3", helpText("cli.exitStatus.stopped")],
      ["130", helpText("cli.exitStatus.interrupted")],
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
  const positionals = state.getGroups()[t("yargs.positionals")] ?? [];
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
async function loadNamed(
  argv: string[],
  all: ReturnType<typeof commands>,
): Promise<Map<string, CommandModule>> {
  const named = Object.keys(all).filter((c) => argv.includes(c));
  return new Map(await Promise.all(named.map(async (c) => [c, await all[c]!.load()] as const)));
}

/** How main() runs: `light` in the help bundle (src/cli/light.ts), which holds no command's work. */
export interface MainOptions {
  light?: boolean;
}

async function buildParser(argv: string[], lang: Lang, options: MainOptions): Promise<Argv> {
  const all = commands();
  const loaded = await loadNamed(argv, all);
  const globals = globalOptions();
  const parser: Argv = yargs(argv)
    .scriptName("kcs")
    .usage(`$0 <command> [options]\n\n${helpText("cli.tagline")}`)
    .options(globals)
    // yargs' own words ("Options:", "Show help", its validation messages) in the run's language.
    .locale(lang);
  // Bundled, yargs finds no locale files: its Japanese comes from kcs's catalog (typed, parity-tested).
  // y18n's type says a locale holds strings only; its plural entries are { one, other } (y18n's __n).
  if (lang !== "en") parser.updateLocale(yargsLocale() as unknown as Record<string, string>);
  for (const [name, { usage, describe, load, printsOnly }] of Object.entries(all)) {
    const mod = loaded.get(name);
    parser.command(
      usage ?? name,
      describe,
      mod ? (y) => mod.builder(y) : async (y) => (await load()).builder(y),
      async (a) => {
        if (options.light && !printsOnly) throw new FullProgramNeeded();
        return (mod ?? (await load())).handler?.(a as never);
      },
    );
  }
  // Before any command reads anything: -o ssm-automation is kcs fix --dry-run's alone.
  parser.middleware((a) => checkPlanOnlyOutput(a as Parameters<typeof checkPlanOnlyOutput>[0]));
  return parser
    .demandCommand(1, t("cli.demandCommand"))
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
    .group([...Object.keys(globals), "help", "version"], helpText("cli.globalGroup"))
    .example("$0 sim init --scenario invalid-credentials", helpText("cli.example.practise"))
    .example("$0 doctor", helpText("cli.example.doctor"))
    .example("$0 fix --dry-run -o markdown", helpText("cli.example.dryRun"))
    .example("$0 --backend aws --region eu-west-1 doctor", helpText("cli.example.aws"))
    .epilogue(`${exitStatus()}\n\n${helpText("cli.moreHelp")}`)
    .wrap(Math.min(110, process.stdout.columns || 100));
}

/** One entry, one catch: typed errors become one line on stderr and an exit status. */
export async function main(argv = hideBin(process.argv), options: MainOptions = {}): Promise<void> {
  const debug = argv.includes("--debug");
  const interrupted = () => {
    process.stderr.write(`\nkcs: ${t("cli.interrupted")}\n`);
    process.exit(130);
  };
  process.on("SIGINT", interrupted);
  try {
    const { lang, refused } = chooseLang(argv);
    await useLang(lang);
    expectHelp(helpMayShow(argv));
    if (refused) throw new UsageError(t(`errors.lang.${refused.source}`, { value: refused.value }));
    await (await buildParser(argv, lang, options)).parseAsync();
  } catch (err) {
    if (options.light && isFullProgramNeeded(err)) {
      // src/cli/launch.ts runs the line again in the whole of kcs, which says this itself.
      process.off("SIGINT", interrupted);
      throw err;
    }
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
    process.stderr.write(`kcs: ${t("errors.usage.showsUsage", { said: e.message, help: "kcs --help" })}\n`);
    return 1;
  }
  if (e.name === "WorldFileError" || e.constructor?.name === "WorldFileError") {
    process.stderr.write(`kcs: ${e.message}\n`);
    return 1;
  }
  process.stderr.write(
    `kcs: ${t(debug ? "errors.internalDebug" : "errors.internal", { message: e.message })}\n`,
  );
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  return 1;
}
