import type { Argv } from "yargs";
import type { Backend } from "../../backend/backend.js";
import { parseDuration } from "../../core/duration.js";
import { InterruptedError, KcsError, UsageError } from "../../core/errors.js";
import type { Finding } from "../../diagnose/finding.js";
import type { Snapshot } from "../../gather/snapshot.js";
import type { Plan } from "../../remediate/plan.js";
import { StepFailure } from "../../remediate/step-context.js";
import { remainingFor } from "../../remediate/verify.js";
import type { GlobalArgs } from "../context.js";
import { type Io, makeIo } from "../io.js";

export interface FixArgs extends GlobalArgs {
  store?: string[];
  finding?: string[];
  dryRun?: boolean;
  out?: string;
  plan?: string;
  yes?: boolean;
  passwordStdin?: boolean;
  param?: string[];
  pollInterval?: string;
  timeout?: string;
  hsmHook?: string;
}

const PARAMS = ["BackupId", "SubnetIds", "HsmType"];

export function builder(y: Argv): Argv {
  return y
    .option("store", { type: "string", array: true, describe: "Only this store (id or name); repeatable" })
    .option("finding", { type: "string", array: true, describe: "Only this finding code; repeatable" })
    .option("dry-run", {
      type: "boolean",
      describe: "Print the plan and change nothing (exit 2 when it has steps)",
    })
    .option("out", { type: "string", describe: "Also write the plan as JSON to this file" })
    .option("plan", {
      type: "string",
      describe: "Apply a saved plan (refused if the live state changed since)",
    })
    .option("yes", {
      alias: "y",
      type: "boolean",
      describe: "Confirm: apply without asking (manual HSM steps count as done)",
    })
    .option("password-stdin", {
      type: "boolean",
      describe: "Read the new kmsuser password from standard input",
    })
    .option("param", {
      type: "string",
      array: true,
      describe: "Runbook parameter NAME=VALUE (BackupId, SubnetIds, HsmType); repeatable",
    })
    .option("poll-interval", {
      type: "string",
      describe: "How often waits poll (default 15s on aws, 200ms on sim)",
    })
    .option("timeout", { type: "string", describe: "Longest any wait may take (default: each step's own)" })
    .option("hsm-hook", {
      type: "string",
      describe:
        "aws backend: run this program for each manual HSM step instead of asking (action as argument, input in KCS_STEP_INPUT, password on stdin)",
    })
    .example("$0 fix --dry-run -o markdown", "The plan for a change review")
    .example('echo "$NEW_PW" | $0 fix --yes --password-stdin', "Repair everything kcs can")
    .example("$0 fix --plan plan.json --yes", "Apply a reviewed plan");
}

function parseParams(raw: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of raw ?? []) {
    const eq = p.indexOf("=");
    const name = p.slice(0, eq);
    if (eq < 1 || !PARAMS.includes(name)) {
      // Only the name is echoed: a mistaken --param may hold a secret (the password never comes from argv).
      throw new UsageError(
        `--param takes NAME=VALUE with NAME one of ${PARAMS.join(", ")}; got ${eq > 0 && /^[A-Za-z]+$/.test(name) ? `'${name}=…'` : "something else (not shown: it may be a secret)"}.`,
      );
    }
    out[name] = p.slice(eq + 1);
  }
  return out;
}

function selectFindings(findings: Finding[], snapshot: Snapshot, args: FixArgs): Finding[] {
  const wanted = args.store ?? [];
  const codes = args.finding ?? [];
  return findings.filter((f) => {
    const store = snapshot.stores.find((s) => s.customKeyStoreId === f.customKeyStoreId);
    const storeOk =
      wanted.length === 0 || wanted.some((w) => w === f.customKeyStoreId || w === store?.customKeyStoreName);
    return storeOk && (codes.length === 0 || codes.includes(f.code)) && f.runbook !== null;
  });
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

export async function handler(args: FixArgs): Promise<void> {
  const io = makeIo(args);
  const params = parseParams(args.param);
  const { FINDING_CODES } = await import("../../diagnose/catalog.js");
  for (const c of args.finding ?? []) {
    if (!(FINDING_CODES as readonly string[]).includes(c))
      throw new UsageError(`--finding ${c} is not a finding code; kcs doctor -o json lists them.`);
  }
  if (args.plan && args.dryRun)
    throw new UsageError("--plan applies a saved plan; --dry-run makes one. Use one of them.");
  const pollMs = args.pollInterval ? parseDuration(args.pollInterval, "--poll-interval") : undefined;
  const timeoutMs = args.timeout ? parseDuration(args.timeout, "--timeout") : undefined;
  const saved = args.plan
    ? (await import("../../remediate/plan-file.js")).readPlanFile(args.plan)
    : undefined;

  const { openBackend, ledgerPath } = await import("../../backend/backend.js");
  const backend = await openBackend(args);
  try {
    const { Ledger } = await import("../../remediate/ledger.js");
    const ledger = new Ledger(ledgerPath(backend));
    const diagnoseNow = await diagnoser(backend, ledger);
    const { snapshot, findings } = await diagnoseNow(args.store);
    if (snapshot.errors.length > 0) {
      // A plan made from a partial picture could act on the wrong state (or miss what matters).
      const e = snapshot.errors[0]!;
      throw new KcsError(
        `kcs fix needs a complete diagnosis, but ${e.service}:${e.operation} failed (${e.code}: ${e.message}). Nothing was changed; kcs doctor shows every read that failed.`,
      );
    }
    const passwordSource = args.passwordStdin
      ? "stdin"
      : process.env.KCS_KMSUSER_PASSWORD !== undefined
        ? "env"
        : "prompt";
    let plan: Plan;
    if (saved) {
      const { fingerprint } = await import("../../remediate/fingerprint.js");
      plan = checkBasis(saved, snapshot, backend, args.plan!, fingerprint);
    } else {
      const { buildPlan } = await import("../../remediate/planner.js");
      const { loadRunbooks } = await import("../../remediate/runbooks.js");
      plan = buildPlan({
        snapshot,
        findings: selectFindings(findings, snapshot, args),
        runbooks: loadRunbooks(),
        params,
        passwordSource,
        createdAt: new Date().toISOString(),
      });
    }
    const { planCounts } = await import("../../remediate/plan.js");
    const counts = planCounts(plan);
    if (args.out && !saved) (await import("../../remediate/plan-file.js")).writePlanFile(args.out, plan);
    if (args.dryRun) {
      await printPlan(plan, args, io, true);
      process.exitCode = counts.steps > 0 ? 2 : 0;
      return;
    }
    if (counts.steps === 0) {
      const unfixable = findings.filter((f) => f.runbook === null && f.severity !== "info");
      if (args.output === "json")
        io.stdout.write(
          `${JSON.stringify({ schemaVersion: 1, kind: "kcs-fix-result", ok: true, plan, outcomes: [], remaining: [] }, null, 2)}\n`,
        );
      else
        io.stdout.write(
          `Nothing to fix${unfixable.length ? `; these need a person: ${unfixable.map((f) => f.code).join(", ")}` : ""}.\n${(plan.notes ?? []).map((n) => `Not in this plan: ${n}.\n`).join("")}`,
        );
      return;
    }
    // Refuse before showing anything: without a terminal only --yes can confirm.
    if (!args.yes && !interactive(args)) {
      throw new UsageError(
        "kcs fix changes your key store: add --yes to apply it without a terminal (or --dry-run to only see the plan).",
      );
    }
    if (args.output === "text") await printPlan(plan, args, io, false);

    // Every refusal happens before the first change: password, then confirmation.
    const needsPassword = plan.actions.some((a) => a.parameters.some((p) => p.name === "KmsUserPassword"));
    const { readPassword } = await import("../secret-input.js");
    const password = needsPassword
      ? (
          await readPassword({
            stdin: args.passwordStdin === true,
            envVar: "KCS_KMSUSER_PASSWORD",
            prompt: "New kmsuser password: ",
            flag: "--password-stdin",
          })
        ).secret
      : undefined;
    if (!args.yes) {
      if (!interactive(args))
        throw new UsageError(
          "kcs fix changes your key store: add --yes to apply it without a terminal (or --dry-run to only see the plan).",
        );
      if (!(await confirmTty(`Apply this plan to ${plan.actions.length} store action(s)? [y/N] `)))
        throw new KcsError("Nothing was changed.", 1);
    }

    const operator = await makeOperator(backend, args, io);
    const { executePlan } = await import("../../remediate/executor.js");
    const targeted = new Map(plan.actions.map((a) => [a.customKeyStoreId, [] as string[]]));
    for (const a of plan.actions) targeted.get(a.customKeyStoreId)!.push(...a.findings);
    const result = await executePlan(
      plan,
      {
        clients: backend.clients,
        operator,
        ...(password ? { password } : {}),
        pollIntervalMs: pollMs ?? (backend.kind === "sim" ? 200 : 15_000),
        ...(timeoutMs ? { timeoutMs } : {}),
        outputs: {},
        burned: new Set(),
        storePassword: new Map(),
        passwordSetOn: new Set(),
        ledger,
        verify: async (action) => {
          const again = await diagnoseNow([action.customKeyStoreId]);
          if (again.snapshot.errors.length > 0) {
            const e = again.snapshot.errors[0]!;
            throw new StepFailure(
              `cannot confirm: ${e.service}:${e.operation} failed (${e.code})`,
              "Run kcs doctor once the read works.",
            );
          }
          return remainingFor(action, again.findings);
        },
        now: () => Date.now(),
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
      },
      rendererFor(args, backend, plan),
    );
    // Verify: exit 0 only when every targeted finding is gone.
    const after = await diagnoseNow(args.store);
    const remaining = plan.actions.flatMap((a) => remainingFor(a, after.findings));
    // A diagnosis with failed reads cannot confirm anything is gone.
    const unconfirmed = after.snapshot.errors[0];
    const ok = result.ok && remaining.length === 0 && !unconfirmed;
    if (args.output === "json") {
      io.stdout.write(
        `${JSON.stringify({ schemaVersion: 1, kind: "kcs-fix-result", ok, plan, outcomes: result.outcomes, remaining }, null, 2)}\n`,
      );
    } else if (ok) {
      io.stdout.write(
        `${io.style.green("✔")} Fixed: ${plan.actions.map((a) => `${a.findings.join(", ")} on ${a.customKeyStoreName}`).join("; ")}. kcs doctor agrees.\n`,
      );
    }
    if (!ok) {
      const f = result.failure;
      const store = f
        ? after.snapshot.stores.find((s) => s.customKeyStoreId === f.action.customKeyStoreId)
        : undefined;
      const where = store
        ? ` The store is now ${store.connectionState}${store.connectionErrorCode ? ` (${store.connectionErrorCode})` : ""}.`
        : "";
      const msg = f
        ? `step ${f.stepId} of ${f.action.runbook} on ${f.action.customKeyStoreName} failed: ${f.message}.${where}${f.hint ? ` ${f.hint}` : ""}${f.hint?.includes("kcs fix again") ? "" : " Running kcs fix again continues from the live state."}`
        : unconfirmed
          ? `the steps ran, but ${unconfirmed.service}:${unconfirmed.operation} failed (${unconfirmed.code}), so kcs cannot confirm the repair; run kcs doctor once the read works.`
          : `the steps ran but kcs doctor still finds ${remaining.map((r) => r.code).join(", ")}; run kcs doctor for the evidence.`;
      throw new KcsError(msg, 1);
    }
  } finally {
    backend.close();
  }
}

/** The live task list redraws the terminal, so a person prompted for manual steps gets the plain one. */
function rendererFor(args: FixArgs, backend: Backend, plan: Plan): "default" | "simple" | "silent" {
  if (args.output === "json") return "silent";
  const asksPerson =
    backend.kind === "aws" &&
    !args.hsmHook &&
    plan.actions.some((a) => a.steps.some((s) => s.kind === "manual"));
  return process.stderr.isTTY && !asksPerson ? "default" : "simple";
}

async function diagnoser(backend: Backend, ledger: import("../../remediate/ledger.js").Ledger) {
  const { gather } = await import("../../gather/gather.js");
  const { diagnose } = await import("../../diagnose/diagnose.js");
  return async (stores: string[] | undefined) => {
    const now = new Date();
    const snapshot = await gather(backend.clients, {
      backend: backend.kind,
      ...(stores?.length ? { stores } : {}),
      since: new Date(now.getTime() - 90 * 86_400_000),
      now,
      ...(backend.endpoint ? { endpoint: backend.endpoint } : {}),
    });
    snapshot.resolvedOrphans = ledger.resolvedKeys();
    // A store seen CONNECTED has a password KMS knows: whatever was in flight has landed.
    for (const st of snapshot.stores)
      if (st.connectionState === "CONNECTED") ledger.finishPassword(st.customKeyStoreId);
    snapshot.passwordsInFlight = ledger
      .passwordsInFlight()
      .map((p) => ({ customKeyStoreId: p.customKeyStoreId, cloudHsmClusterId: p.cloudHsmClusterId }));
    return { snapshot, findings: diagnose(snapshot) };
  };
}

function checkBasis(
  plan: Plan,
  snapshot: Snapshot,
  backend: Backend,
  path: string,
  fingerprint: (s: Snapshot, id: string) => string,
): Plan {
  if (plan.backend !== backend.kind || plan.region !== backend.region) {
    throw new UsageError(
      `${path} was made for ${plan.backend} in ${plan.region}, not ${backend.kind} in ${backend.region}. Nothing was changed.`,
    );
  }
  const uncovered = plan.actions.filter(
    (a) => !plan.basis.some((b) => b.customKeyStoreId === a.customKeyStoreId),
  );
  if (uncovered.length) {
    throw new UsageError(
      `${path} acts on ${uncovered[0]!.customKeyStoreId} without a basis fingerprint for it: not a plan kcs made. Nothing was changed.`,
    );
  }
  const stale = plan.basis.filter((b) => fingerprint(snapshot, b.customKeyStoreId) !== b.fingerprint);
  if (stale.length) {
    throw new UsageError(
      `${path} is stale: ${stale.map((s) => s.customKeyStoreId).join(", ")} changed since the plan was made. Nothing was changed; make a new plan with kcs fix --dry-run.`,
    );
  }
  return plan;
}

async function printPlan(plan: Plan, args: FixArgs, io: Io, dryRun: boolean) {
  if (args.output === "json") {
    if (dryRun) io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  const { renderPlanMarkdown, renderPlanText } = await import("../views/plan-text.js");
  const text = args.output === "markdown" ? renderPlanMarkdown(plan) : renderPlanText(plan, io.style, dryRun);
  // The plan of a real run is context for the person confirming: it goes to stderr, stdout stays for results.
  (dryRun ? io.stdout : io.stderr).write(text);
}

async function makeOperator(backend: Backend, args: FixArgs, io: Io) {
  if (backend.kind === "sim" && backend.sim) {
    const { SimulatedOperator } = await import("../../backend/simulated-operator.js");
    return new SimulatedOperator(backend.sim.store);
  }
  const { ManualOperator } = await import("../../backend/manual-operator.js");
  return new ManualOperator(async (task) => {
    io.stderr.write(
      `\n${io.errStyle.bold(`Manual step: ${task.what}`)}\n${task.commands.map((c) => `  ${c}`).join("\n")}\n${io.errStyle.dim(`  legacy: ${task.legacyCommands.join(" ; ")}`)}\n`,
    );
    if (args.yes) {
      io.stderr.write(io.errStyle.dim("  --yes: taken as done.\n"));
      return;
    }
    if (!(await confirmTty("Done? [y/N] ")))
      throw new KcsError("The operator did not confirm the manual step; stopping here.", 1);
  }, args.hsmHook);
}
