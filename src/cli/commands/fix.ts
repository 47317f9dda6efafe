import { dirname } from "node:path";
import type { Argv } from "yargs";
import type { Backend } from "../../backend/backend.js";
import type { FleetArgs } from "../../backend/fleet-flags.js";
import { Budget } from "../../core/budget.js";
import { WALL_CLOCK } from "../../core/clock.js";
import { durationFlag } from "../../core/duration.js";
import { InterruptedError, KcsError, UsageError } from "../../core/errors.js";
import { printable } from "../../core/printable.js";
import type { FindingCode } from "../../diagnose/catalog.js";
import { t } from "../../i18n/index.js";
import type { Plan, PlanStep } from "../../remediate/plan.js";
import { commandInRunLanguage } from "../../remediate/plan-words.js";
import { stepInRunLanguage } from "../../remediate/runbook-words.js";
import { type CloudtrailDirArgs, cloudtrailDirOption, trailDirs } from "../cloudtrail-dir-flag.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst, helpText } from "../help.js";
import { type Io, makeIo } from "../io.js";
import { checkSnapshotFlags, type SnapshotArgs, snapshotOptions } from "../snapshot-flags.js";
import { viewFor } from "../views/index.js";

/** --region and --profile repeat (a fleet run: backend/fleet-flags.ts), so they are FleetArgs' here. */
export interface FixArgs
  extends Omit<GlobalArgs, "region" | "profile">,
    FleetArgs,
    SnapshotArgs,
    CloudtrailDirArgs {
  store?: string[];
  finding?: string[];
  includeWarnings?: boolean;
  dryRun?: boolean;
  probe?: boolean;
  cache?: boolean;
  out?: string;
  plan?: string;
  yes?: boolean;
  stopBeforeManual?: boolean;
  samePassword?: boolean;
  passwordStdin?: boolean;
  xksCredentialStdin?: boolean;
  param?: string[];
  pollInterval?: string;
  timeout?: string;
  maxTime: string;
  hsmHook?: string;
}

export function builder(y: Argv): Argv {
  const page = y
    .option("store", { type: "string", array: true, describe: helpText("fix.help.store") })
    .option("finding", { type: "string", array: true, describe: helpText("fix.help.finding") })
    .option("include-warnings", {
      type: "boolean",
      describe: helpText("fix.help.includeWarnings"),
    })
    .option("dry-run", {
      type: "boolean",
      describe: helpText("fix.help.dryRun"),
    })
    .option("probe", {
      type: "boolean",
      describe: helpText("fix.help.probe"),
    })
    .option("cache", {
      type: "boolean",
      default: true,
      describe: helpText("fix.help.cache"),
    })
    .option("out", {
      type: "string",
      describe: helpText("fix.help.out"),
    })
    .option("plan", {
      type: "string",
      describe: helpText("fix.help.plan"),
    })
    .option("yes", {
      alias: "y",
      type: "boolean",
      describe: helpText("fix.help.yes"),
    })
    .option("stop-before-manual", {
      type: "boolean",
      describe: helpText("fix.help.stopBeforeManual"),
    })
    .option("same-password", {
      type: "boolean",
      describe: helpText("fix.help.samePassword"),
    })
    .option("password-stdin", {
      type: "boolean",
      describe: helpText("fix.help.passwordStdin"),
    })
    .option("xks-credential-stdin", {
      type: "boolean",
      describe: helpText("fix.help.xksCredentialStdin"),
    })
    .option("param", {
      type: "string",
      array: true,
      describe: helpText("fix.help.param"),
    })
    .option("poll-interval", {
      type: "string",
      describe: helpText("fix.help.pollInterval"),
    })
    .option("timeout", { type: "string", describe: helpText("fix.help.timeout") })
    .option("max-time", {
      type: "string",
      default: "2h",
      describe: helpText("fix.help.maxTime"),
    })
    .option("hsm-hook", {
      type: "string",
      describe: helpText("fix.help.hsmHook"),
    })
    .option("role-arn", {
      type: "string",
      describe: helpText("fix.help.roleArn"),
    })
    .option("external-id", {
      type: "string",
      describe: helpText("fix.help.externalId"),
    })
    .option("role-session-name", {
      type: "string",
      describe: helpText("fix.help.roleSessionName"),
    })
    .option("all-regions", { type: "boolean", describe: helpText("fix.help.allRegions") })
    .example("$0 fix --dry-run -o markdown", helpText("fix.help.exampleMarkdown"))
    .example("$0 fix --dry-run --all-regions", helpText("fix.help.exampleAllRegions"))
    .example('echo "$NEW_PW" | $0 fix --yes --password-stdin', helpText("fix.help.exampleYes"))
    .example("$0 fix --dry-run --out plan.json", helpText("fix.help.exampleOut"))
    .example("$0 fix --dry-run -o ssm-automation", helpText("fix.help.exampleSsm"))
    .example("$0 fix --plan plan.json --yes", helpText("fix.help.examplePlan"))
    .example("$0 fix --dry-run --from-snapshot snap.json", helpText("fix.help.exampleSnapshot"))
    .epilogue(helpText("fix.help.epilogue"));
  return commandFlagsFirst(cloudtrailDirOption(snapshotOptions(page, "fix")));
}

async function confirmTty(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } catch (err) {
    if ((err as Error).name === "AbortError") throw new InterruptedError();
    throw err;
  } finally {
    rl.close();
  }
}

const interactive = (args: FixArgs) =>
  process.stdin.isTTY === true && process.stderr.isTTY === true && args.output === "text";

/** Refused before anything is shown: without a terminal only --yes can confirm. */
const confirmNeeded = () => t("fix.confirmNeeded");

export async function handler(args: FixArgs): Promise<void> {
  const io = makeIo(args);
  const { checkStoreSelectors, parseParams } = await import("../../app/params.js");
  checkStoreSelectors(args.store);
  const params = parseParams(args.param);
  const { FINDING_CODES } = await import("../../diagnose/catalog.js");
  for (const c of args.finding ?? []) {
    if (!(FINDING_CODES as readonly string[]).includes(c))
      throw new UsageError(t("fix.notFindingCode", { code: c }));
  }
  const { checkFixFlags } = await import("../validate-fix.js");
  checkFixFlags(args);
  checkSnapshotFlags(args, "fix");
  const { checkOutFile, checkStateFolder } = await import("../validate-files.js");
  checkOutFile(args.out);
  const pollMs = args.pollInterval ? durationFlag(args.pollInterval, "--poll-interval") : undefined;
  const timeoutMs = args.timeout ? durationFlag(args.timeout, "--timeout") : undefined;
  const budget = new Budget(WALL_CLOCK.now, durationFlag(args.maxTime, "--max-time"));
  const { fleetFlags, isFleet } = await import("../../backend/fleet-flags.js");
  const fleet = fleetFlags(args);
  if (isFleet(fleet) && args.fromSnapshot === undefined) {
    const { fixFleet } = await import("./fix-fleet.js");
    return fixFleet(args, fleet, {
      cloudtrailDirs: await trailDirs(args),
      io,
      view: await viewFor(args.output),
      budget,
      params,
      pollMs,
      timeoutMs,
      interactive: interactive(args),
      confirm: confirmTty,
    });
  }
  const planFile = await import("../../remediate/plan-file.js");
  const saved = args.plan ? planFile.readPlanFile(args.plan) : undefined;
  if (saved) {
    const { isFleetPlan, targetsOf } = await import("../../app/fleet-plan.js");
    if (isFleetPlan(saved)) {
      const places = targetsOf(saved).map((t) => `${t.account} ${t.region}`);
      throw new UsageError(t("fix.fleet.isFleetPlan", { path: args.plan!, places: places.join(", ") }));
    }
  }
  const view = await viewFor(args.output);
  const cloudtrailDirs = await trailDirs(args);
  if (args.fromSnapshot !== undefined)
    return planFromSnapshot(args, args.fromSnapshot, params, io, view, cloudtrailDirs);

  const { openBackend, ledgerPath } = await import("../../backend/backend.js");
  const { observe } = await import("../../app/observe.js");
  const { approveSavedPlan, makePlan, needsPassword, passwordStores, xksCredentialStores } = await import(
    "../../app/plan.js"
  );
  const { proxyCredentialSource, readProxyCredential } = await import("../proxy-credential-input.js");
  const { Ledger } = await import("../../remediate/ledger.js");
  const { accountCachesFor } = await import("../../app/account-caches.js");
  const { planCounts } = await import("../../remediate/plan.js");
  // A person at the terminal may type the password before its prompt appears: no echo from here on.
  const { holdTypeAhead, readPassword } = await import("../secret-input.js");
  const xksCredentialSource = proxyCredentialSource(args.xksCredentialStdin === true);
  const mayPrompt =
    !args.dryRun &&
    interactive(args) &&
    ((!args.passwordStdin && process.env.KCS_KMSUSER_PASSWORD === undefined) ||
      xksCredentialSource === "prompt");
  const releaseTypeAhead = mayPrompt ? holdTypeAhead() : () => undefined;
  const backend = await openBackend({ ...args, region: fleet.regions[0], profile: fleet.profiles[0] });
  try {
    checkStateFolder(dirname(ledgerPath(backend)));
    const ledger = new Ledger(ledgerPath(backend));
    const memory = args.cache !== false ? accountCachesFor(backend) : undefined;
    // fix --probe calls XKS proxies with the credential in the environment (stdin, if given, carries the
    // credential KMS is to be told, read once the plan shows it is needed).
    const probeCredentials = args.probe
      ? await (await import("../xks-credentials.js")).readXksCredentials(false)
      : [];
    const observation = await observe(backend, ledger, {
      ...(args.store?.length ? { stores: args.store } : {}),
      now: new Date(),
      record: true,
      connectEvents: true,
      ...(args.probe ? { probe: true, probeKeys: true, xksCredentials: probeCredentials } : {}),
      ...(memory ? { memory } : {}),
      cloudtrailDirs,
      budget,
    });
    const passwordSource = args.passwordStdin
      ? "stdin"
      : process.env.KCS_KMSUSER_PASSWORD !== undefined
        ? "env"
        : "prompt";
    const where = {
      backend: backend.kind,
      region: backend.region,
      passwordSource,
      xksCredentialSource,
    } as const;
    const plan: Plan = saved
      ? approveSavedPlan(saved, observation, where, args.plan!)
      : makePlan(observation, {
          stores: args.store ?? [],
          findings: (args.finding ?? []) as FindingCode[],
          includeWarnings: args.includeWarnings === true,
          params,
          passwordSource,
          xksCredentialSource,
          createdAt: new Date().toISOString(),
        });
    const steps = planCounts(plan).steps;
    if (args.out && !saved) planFile.writePlanFile(args.out, plan);
    if (args.dryRun) {
      // A document needs a step: with nothing to repair, say so rather than print an empty one.
      if (steps === 0 && args.output === "ssm-automation") io.stderr.write(t("fix.noAutomation"));
      io.stdout.write(view.plan(plan, io.style, true));
      process.exitCode = steps > 0 ? 2 : 0;
      return;
    }
    if (steps === 0) {
      const { nothingToDo } = await import("../../app/apply.js");
      io.stdout.write(view.fixResult(nothingToDo(plan, observation), io.style));
      return;
    }
    if (!args.yes && !interactive(args)) throw new UsageError(confirmNeeded());
    refuseUnconfirmableManualSteps(plan, backend, args);
    const sharing = passwordStores(plan);
    if (sharing.length > 1 && !args.samePassword) {
      throw new UsageError(
        t("fix.samePasswordNeeded", { count: sharing.length, stores: sharing.join(", ") }),
      );
    }
    const passwordFrom = () =>
      readPassword({
        stdin: args.passwordStdin === true,
        envVar: "KCS_KMSUSER_PASSWORD",
        prompt: t("fix.passwordPrompt"),
        flag: "--password-stdin",
      });
    // A proxy credential is one proxy's: each store's is told in a run of its own.
    const xksStores = xksCredentialStores(plan);
    if (xksStores.length > 1) {
      throw new UsageError(
        t("fix.oneProxyCredential", { count: xksStores.length, stores: xksStores.join(", ") }),
      );
    }
    const needsXks = xksStores.length > 0;
    if (needsXks && needsPassword(plan) && args.passwordStdin && args.xksCredentialStdin) {
      throw new UsageError(t("fix.stdinOneSecret"));
    }
    // A password that is not asked for at the terminal (stdin, the environment, or none at all) is
    // taken and checked before the plan is shown: a refusal is one line, not one after a page of plan.
    const asksAtTerminal = passwordSource === "prompt" && process.stdin.isTTY && process.stderr.isTTY;
    const early = needsPassword(plan) && !asksAtTerminal ? (await passwordFrom()).secret : undefined;
    const xksAtTerminal = xksCredentialSource === "prompt" && process.stdin.isTTY && process.stderr.isTTY;
    const earlyXks =
      needsXks && !xksAtTerminal ? await readProxyCredential(args.xksCredentialStdin === true) : undefined;
    // The plan of a real run is context for the person confirming: stderr, so stdout stays for results.
    io.stderr.write(view.plan(plan, io.errStyle, false));

    // Every refusal happens before the first change: password, then confirmation. The budget bounds
    // kcs, not the person reading the plan.
    const asked = WALL_CLOCK.now();
    const prompted = needsPassword(plan) && early === undefined;
    const promptedXks = needsXks && earlyXks === undefined;
    releaseTypeAhead(prompted || promptedXks ? "prompt" : undefined);
    const password = prompted ? (await passwordFrom()).secret : early;
    const xksCredential = promptedXks ? await readProxyCredential(false) : earlyXks;
    if (!args.yes && !(await confirmTty(t("fix.apply", { count: plan.actions.length }))))
      throw new KcsError(t("fix.nothingChanged"), 1);
    budget.giveBack(WALL_CLOCK.now() - asked);

    const { apply } = await import("../../app/apply.js");
    const { acquireRunLock } = await import("../../remediate/run-lock.js");
    // Taken after every refusal and confirmation, before the first change; released however it ends.
    const release = acquireRunLock(
      `${ledgerPath(backend)}.lock`,
      `kcs fix${saved ? ` --plan ${args.plan}` : ""}`,
    );
    // Ctrl-C ends the process through process.exit: the lock goes with it.
    process.once("exit", release);
    let applied: Awaited<ReturnType<typeof apply>>;
    try {
      applied = await apply(plan, {
        before: observation,
        backend,
        ledger,
        operator: await makeOperator(backend, args, io, budget),
        ...(password ? { password } : {}),
        ...(xksCredential ? { xksCredential } : {}),
        xksProbeCredentials: probeCredentials,
        pollIntervalMs: pollMs ?? (backend.kind === "sim" ? 200 : 15_000),
        ...(timeoutMs ? { timeoutMs } : {}),
        budget,
        renderer: rendererFor(args, backend, plan),
        clock: WALL_CLOCK,
        ...(args.stopBeforeManual ? { stopBeforeManual: true } : {}),
        ...(args.store?.length ? { stores: args.store } : {}),
        ...(memory ? { memory } : {}),
        cloudtrailDirs,
      });
    } finally {
      release();
    }
    const { result, problem, stoppedBeforeManual } = applied;
    io.stdout.write(view.fixResult(result, io.style));
    if (problem) throw new KcsError(problem, stoppedBeforeManual ? 3 : 1);
  } finally {
    releaseTypeAhead();
    backend.close();
  }
}

/**
 * fix --dry-run --from-snapshot: the plan kcs would have made when the snapshot was read, with no
 * backend at all. Applying it (--plan) reads the live state and refuses it if that changed.
 */
async function planFromSnapshot(
  args: FixArgs,
  path: string,
  params: Record<string, string>,
  io: Io,
  view: Awaited<ReturnType<typeof viewFor>>,
  cloudtrailDirs: string[],
): Promise<void> {
  const { observeFromSnapshot } = await import("../snapshot-flags.js");
  const { makePlan } = await import("../../app/plan.js");
  const { planCounts } = await import("../../remediate/plan.js");
  const { writePlanFile } = await import("../../remediate/plan-file.js");
  const seen = await observeFromSnapshot(path, args.store ?? [], cloudtrailDirs);
  const request = {
    stores: args.store ?? [],
    findings: (args.finding ?? []) as FindingCode[],
    includeWarnings: args.includeWarnings === true,
    params,
    passwordSource: args.passwordStdin
      ? "stdin"
      : process.env.KCS_KMSUSER_PASSWORD !== undefined
        ? "env"
        : "prompt",
    createdAt: new Date().toISOString(),
  } as const;
  // A fleet's snapshot plans as the fleet run would have: per target, merged.
  const plan =
    seen.kind === "fleet"
      ? (await import("../../app/fleet-plan.js")).planFleet(seen.parts, seen.failed, {
          ...request,
          backend: seen.backend,
        }).plan
      : makePlan(seen.observation, {
          ...request,
          xksCredentialSource: (await import("../proxy-credential-input.js")).proxyCredentialSource(
            args.xksCredentialStdin === true,
          ),
        });
  if (args.out) writePlanFile(args.out, plan);
  io.stdout.write(view.plan(plan, io.style, true));
  process.exitCode = planCounts(plan).steps > 0 ? 2 : 0;
}

/** The live task list redraws the terminal, so a person prompted for manual steps gets the plain one. */
function rendererFor(args: FixArgs, backend: Backend, plan: Plan): "default" | "simple" | "lines" | "json" {
  // -o json: progress as JSON lines on stderr, the result alone on stdout.
  if (args.output === "json") return "json";
  // A log or CI job: one line per change, timestamped, instead of a line per poll.
  if (!process.stderr.isTTY) return "lines";
  const asksPerson =
    backend.kind === "aws" &&
    !args.hsmHook &&
    plan.actions.some((a) => a.steps.some((s) => s.kind === "manual"));
  return process.stderr.isTTY && !asksPerson ? "default" : "simple";
}

async function makeOperator(backend: Backend, args: FixArgs, io: Io, budget: Budget) {
  if (backend.kind === "sim" && backend.sim) {
    const { simulatedOperatorFor } = await import("../../backend/simulated-operator.js");
    return simulatedOperatorFor(backend.sim);
  }
  const { ManualOperator } = await import("../../backend/manual-operator.js");
  return new ManualOperator(
    async (task) => {
      io.stderr.write(
        // An XKS proxy's checks have no legacy form: no empty "legacy:" line for them.
        `\n${io.errStyle.bold(t("fix.manualStep", { what: printable(task.what) }))}\n${task.commands.map((c) => `  ${printable(commandInRunLanguage(c))}`).join("\n")}\n${task.legacyCommands.length ? `${io.errStyle.dim(t("fix.legacy", { commands: printable(task.legacyCommands.map(commandInRunLanguage).join(" ; ")) }))}\n` : ""}`,
      );
      // --yes confirmed the plan, not this step: only the person who did it can say it is done.
      if (!(await confirmTty(t("fix.done")))) throw new KcsError(t("fix.notConfirmed"), 1);
    },
    args.hsmHook,
    () => budget.left(),
  );
}

/**
 * A manual step counts as done only when a person confirms it at a terminal, a --hsm-hook does it, or
 * (sim backend) the simulated operator does it. Without any of these, a plan with manual steps changes
 * nothing, unless it is to run in parts.
 */
/** A step's title in the run's language, from the action it belongs to. */
function manualTitle(plan: Plan, step: PlanStep): string {
  const action = plan.actions.find((a) => a.steps.includes(step))!;
  return stepInRunLanguage(action.runbook, step).title;
}

function refuseUnconfirmableManualSteps(plan: Plan, backend: Backend, args: FixArgs) {
  const manual = plan.actions.flatMap((a) => a.steps).filter((s) => s.kind === "manual");
  if (manual.length === 0 || backend.kind === "sim" || args.hsmHook || args.stopBeforeManual) return;
  if (interactive(args)) return;
  throw new UsageError(
    t("fix.manualNoTerminal", { count: manual.length, first: manualTitle(plan, manual[0]!) }),
  );
}
