// kcs fix over a fleet: every (account, Region) observed and planned on its own (or a saved fleet
// plan checked against each), one merged plan to review and confirm, then each target's part applied
// with its own clients, credentials, ledger and lock, one target after another, into one result.
import type { Backend } from "../../backend/backend.js";
import type { FleetFlags } from "../../backend/fleet-flags.js";
import type { Budget } from "../../core/budget.js";
import { WALL_CLOCK } from "../../core/clock.js";
import { KcsError, UsageError } from "../../core/errors.js";
import { printable } from "../../core/printable.js";
import type { FindingCode } from "../../diagnose/catalog.js";
import { t } from "../../i18n/index.js";
import { commandInRunLanguage } from "../../remediate/plan-words.js";
import type { Io } from "../io.js";
import type { View } from "../views/view.js";

export interface FleetFixArgs {
  backend: Backend["kind"];
  simState?: string;
  endpointUrl?: string;
  requestTimeout?: string;
  store?: string[];
  finding?: string[];
  includeWarnings?: boolean;
  dryRun?: boolean;
  out?: string;
  plan?: string;
  yes?: boolean;
  passwordStdin?: boolean;
  samePassword?: boolean;
  xksCredentialStdin?: boolean;
  probe?: boolean;
  hsmHook?: string;
  stopBeforeManual?: boolean;
  cache?: boolean;
}

export interface FleetFixContext {
  /** --cloudtrail-dir: each target reads the log files of its own account and Region. */
  cloudtrailDirs: string[];
  io: Io;
  view: View;
  budget: Budget;
  params: Record<string, string>;
  pollMs?: number | undefined;
  timeoutMs?: number | undefined;
  interactive: boolean;
  confirm: (question: string) => Promise<boolean>;
}

/** What a fleet fix does not take yet: each is a run per account and Region. */
function refuseUnsupported(args: FleetFixArgs): void {
  const one = (flag: string) => new UsageError(t("fix.fleet.oneTarget", { flag }));
  if (args.xksCredentialStdin) throw one("--xks-credential-stdin");
  if (args.probe) throw one("--probe");
  if (args.hsmHook !== undefined) throw one("--hsm-hook");
}

export async function fixFleet(args: FleetFixArgs, flags: FleetFlags, ctx: FleetFixContext): Promise<void> {
  refuseUnsupported(args);
  const { openFleet } = await import("../../backend/open-fleet.js");
  const { observeFleet } = await import("../../app/observe-fleet.js");
  const { accountCachesFor } = await import("../../app/account-caches.js");
  const { needsPassword, passwordStores } = await import("../../app/plan.js");
  const { approveFleetPlan, planFleet, planForTarget, mergeResults } = await import(
    "../../app/fleet-plan.js"
  );
  // Read and checked before any AWS call: a file that is not a kcs plan is refused first.
  const saved = args.plan
    ? (await import("../../remediate/plan-file.js")).readPlanFile(args.plan)
    : undefined;
  const { planCounts } = await import("../../remediate/plan.js");
  const fleet = await openFleet(args, flags);
  try {
    const { parts, failed } = await observeFleet(fleet, (b) => ({
      now: new Date(),
      record: true,
      connectEvents: true,
      ...(args.cache !== false ? { memory: accountCachesFor(b) } : {}),
      cloudtrailDirs: ctx.cloudtrailDirs,
      budget: ctx.budget,
    }));
    const observed = fleet.targets.flatMap((backend) => {
      const part = parts.find((p) => p.account === backend.account && p.region === backend.region);
      return part ? [{ ...part, backend }] : [];
    });
    const passwordSource = args.passwordStdin
      ? "stdin"
      : process.env.KCS_KMSUSER_PASSWORD !== undefined
        ? "env"
        : "prompt";
    const { plan, planned } = saved
      ? approveFleetPlan(saved, observed, failed, { backend: args.backend, passwordSource }, args.plan!)
      : planFleet(observed, failed, {
          stores: args.store ?? [],
          findings: (args.finding ?? []) as FindingCode[],
          includeWarnings: args.includeWarnings === true,
          params: ctx.params,
          passwordSource,
          createdAt: new Date().toISOString(),
          backend: args.backend,
        });
    if (args.out && !saved) (await import("../../remediate/plan-file.js")).writePlanFile(args.out, plan);
    const steps = planCounts(plan).steps;
    if (args.dryRun) {
      ctx.io.stdout.write(ctx.view.plan(plan, ctx.io.style, true));
      process.exitCode = steps > 0 ? 2 : 0;
      return;
    }
    const { apply, nothingToDo } = await import("../../app/apply.js");
    if (steps === 0) {
      const results = observed.map((t) => ({
        target: t,
        result: nothingToDo(planForTarget(plan, t), t),
      }));
      ctx.io.stdout.write(ctx.view.fixResult(mergeResults(plan, results), ctx.io.style));
      return;
    }
    if (!args.yes && !ctx.interactive) throw new UsageError(t("fix.confirmNeeded"));
    const manual = plan.actions.flatMap((a) => a.steps).filter((s) => s.kind === "manual");
    if (manual.length > 0 && args.backend !== "sim" && !args.stopBeforeManual && !ctx.interactive)
      throw new UsageError(
        t("fix.fleet.manualNoTerminal", { count: manual.length, first: manual[0]!.title }),
      );
    const sharing = passwordStores(plan);
    if (sharing.length > 1 && !args.samePassword)
      throw new UsageError(
        t("fix.samePasswordNeeded", { count: sharing.length, stores: sharing.join(", ") }),
      );
    const { readPassword } = await import("../secret-input.js");
    const password = needsPassword(plan)
      ? (
          await readPassword({
            stdin: args.passwordStdin === true,
            envVar: "KCS_KMSUSER_PASSWORD",
            prompt: t("fix.passwordPrompt"),
            flag: "--password-stdin",
          })
        ).secret
      : undefined;
    ctx.io.stderr.write(ctx.view.plan(plan, ctx.io.errStyle, false));
    const asked = WALL_CLOCK.now();
    if (!args.yes && !(await ctx.confirm(t("fix.apply", { count: plan.actions.length }))))
      throw new KcsError(t("fix.nothingChanged"), 1);
    ctx.budget.giveBack(WALL_CLOCK.now() - asked);
    const { ledgerPath } = await import("../../backend/backend.js");
    const { Ledger } = await import("../../remediate/ledger.js");
    const { acquireRunLock } = await import("../../remediate/run-lock.js");
    const results = [];
    let problem: { text: string; stopped: boolean } | undefined;
    for (const t of planned) {
      const part = planForTarget(plan, t);
      if (part.actions.length === 0) continue;
      // One run at a time per account and Region: each target's own lock, released however it ends.
      const release = acquireRunLock(
        `${ledgerPath(t.backend)}.lock`,
        `kcs fix (fleet)${args.plan ? ` --plan ${args.plan}` : ""}`,
      );
      process.once("exit", release);
      // Each target's task list under its account and Region: its steps' titles name stores only.
      // The account is what STS answered: printable, as every name from outside kcs.
      ctx.io.stderr.write(`${ctx.io.errStyle.bold(printable(`${t.account} ${t.region}`))}\n`);
      try {
        const applied = await apply(part, {
          before: t,
          backend: t.backend,
          ledger: new Ledger(ledgerPath(t.backend)),
          operator: await operatorFor(t.backend, ctx),
          ...(password ? { password } : {}),
          pollIntervalMs: ctx.pollMs ?? (t.backend.kind === "sim" ? 200 : 15_000),
          ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
          budget: ctx.budget,
          renderer: process.stderr.isTTY ? "simple" : "lines",
          clock: WALL_CLOCK,
          ...(args.stopBeforeManual ? { stopBeforeManual: true } : {}),
          ...(args.cache !== false ? { memory: accountCachesFor(t.backend) } : {}),
          cloudtrailDirs: ctx.cloudtrailDirs,
        });
        results.push({ target: t, result: applied.result });
        if (applied.problem) {
          problem = {
            text: `${t.account} ${t.region}: ${applied.problem}`,
            stopped: applied.stoppedBeforeManual === true,
          };
          break;
        }
      } finally {
        release();
      }
    }
    ctx.io.stdout.write(ctx.view.fixResult(mergeResults(plan, results), ctx.io.style));
    if (problem) throw new KcsError(problem.text, problem.stopped ? 3 : 1);
  } finally {
    fleet.close();
  }
}

/** The sim backend's simulated person works on the target's partition; against AWS, a person at the terminal. */
async function operatorFor(backend: Backend, ctx: FleetFixContext) {
  if (backend.kind === "sim" && backend.sim) {
    const { simulatedOperatorFor } = await import("../../backend/simulated-operator.js");
    return simulatedOperatorFor(backend.sim);
  }
  const { ManualOperator } = await import("../../backend/manual-operator.js");
  return new ManualOperator(
    async (task) => {
      ctx.io.stderr.write(
        `\n${t("fix.manualStep", { what: printable(task.what) })}\n${task.commands.map((c) => `  ${printable(commandInRunLanguage(c))}`).join("\n")}\n`,
      );
      if (!(await ctx.confirm(t("fix.done")))) throw new KcsError(t("fix.notConfirmed"), 1);
    },
    undefined,
    () => ctx.budget.left(),
  );
}
