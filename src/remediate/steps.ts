import {
  CreateClusterCommand,
  CreateHsmCommand,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import {
  ConnectCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  UpdateCustomKeyStoreCommand,
} from "@aws-sdk/client-kms";
import pRetry, { AbortError } from "p-retry";
import { errorCode } from "../backend/aws-errors.js";
import type { ManualTask } from "../backend/hsm-operator.js";
import { formatDuration, parseDuration } from "../core/duration.js";
import type { Secret } from "../core/secret.js";
import { manualCommands } from "./hsm-commands.js";
import type { PlanAction, PlanStep } from "./plan.js";
import { withRetry } from "./retry.js";
import { digest, type RunContext, resolveInput, StepFailure } from "./step-context.js";

/** What a step reports on its task line while it runs. */
export type Report = (line: string) => void;

/** Connection errors that mean the password KMS holds is wrong: connecting again only adds failed logins. */
const CREDENTIAL_FAILURES = new Set(["INVALID_CREDENTIALS", "USER_LOCKED_OUT"]);
const KNOWN_BAD = "known-bad";

type StepFn = (
  input: Record<string, unknown>,
  step: PlanStep,
  action: PlanAction,
  ctx: RunContext,
  report: Report,
) => Promise<string>;

async function storeState(ctx: RunContext, id: string) {
  const res = await withRetry(() =>
    ctx.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id })),
  );
  const s = res.CustomKeyStores?.[0];
  if (!s) throw new StepFailure(`custom key store ${id} no longer exists`);
  return s;
}

async function cluster(ctx: RunContext, id: string) {
  const res = await withRetry(() =>
    ctx.clients.cloudhsm.send(new DescribeClustersCommand({ Filters: { clusterIds: [id] } })),
  );
  return res.Clusters?.find((c) => c.ClusterId === id);
}

class NotYet extends Error {}

/** Polls `read` every --poll-interval until `done`; stops at once on a terminal state or at the timeout. */
async function poll<T>(
  ctx: RunContext,
  step: PlanStep,
  report: Report,
  read: () => Promise<T>,
  judge: (value: T) => { done: boolean; state: string; terminal?: string; hint?: string },
): Promise<string> {
  const timeout = ctx.timeoutMs ?? (step.timeout ? parseDuration(step.timeout, "timeout") : 20 * 60_000);
  const start = ctx.now();
  let last = "";
  try {
    return await pRetry(
      async (attempt) => {
        const verdict = judge(await read());
        last = verdict.state;
        report(`${verdict.state} · attempt ${attempt} · ${formatDuration(ctx.now() - start)}`);
        if (verdict.terminal)
          throw new AbortError(new StepFailure(verdict.terminal, verdict.hint ?? step.onFailure));
        if (verdict.done) return `${verdict.state} after ${formatDuration(ctx.now() - start)}`;
        throw new NotYet(verdict.state);
      },
      {
        retries: Number.POSITIVE_INFINITY,
        minTimeout: ctx.pollIntervalMs,
        maxTimeout: ctx.pollIntervalMs,
        factor: 1,
        randomize: false,
        maxRetryTime: timeout,
        shouldRetry: ({ error }) => error instanceof NotYet,
      },
    );
  } catch (err) {
    if (err instanceof NotYet) {
      throw new StepFailure(
        `still ${last} after ${formatDuration(timeout)} (--timeout)`,
        "Run kcs fix again later: it continues from the live state.",
      );
    }
    throw err;
  }
}

/**
 * Polls a store's ConnectionState. While connecting, FAILED stops the run at once (and a password that
 * ended INVALID_CREDENTIALS is never tried again), and so does a store someone else disconnected.
 */
function waitForStore(
  input: Record<string, unknown>,
  step: PlanStep,
  ctx: RunContext,
  report: Report,
  done: (state: string) => boolean,
  connecting: boolean,
) {
  const id = String(input.CustomKeyStoreId);
  return poll(
    ctx,
    step,
    report,
    () => storeState(ctx, id),
    (s) => {
      const state = s.ConnectionState ?? "?";
      if (done(state)) return { done: true, state };
      if (connecting && state === "FAILED") {
        const pw = ctx.storePassword.get(id);
        if (s.ConnectionErrorCode === "INVALID_CREDENTIALS" && pw) ctx.burned.add(pw);
        return {
          done: false,
          state,
          terminal: `the connect ended FAILED with ${s.ConnectionErrorCode ?? "no error code"}`,
          // The runbook's advice is about its own failure; another code has its own runbook.
          ...(step.onFailure?.includes(s.ConnectionErrorCode ?? "\u0000")
            ? {}
            : {
                hint: `Run kcs doctor: ${s.ConnectionErrorCode ?? "this failure"} has a runbook of its own, and kcs fix runs it.`,
              }),
        };
      }
      if (connecting && state === "DISCONNECTED") {
        return {
          done: false,
          state,
          terminal: "the store went back to DISCONNECTED (someone disconnected it)",
        };
      }
      return { done: false, state };
    },
  );
}

const STEPS: Record<string, StepFn> = {
  async "kms.disconnect"(input, _step, _a, ctx) {
    const id = String(input.CustomKeyStoreId);
    const s = await storeState(ctx, id);
    if (s.ConnectionState === "DISCONNECTED" || s.ConnectionState === "DISCONNECTING") {
      return `skipped: already ${s.ConnectionState}`;
    }
    if (s.ConnectionState === "FAILED" && CREDENTIAL_FAILURES.has(s.ConnectionErrorCode ?? "")) {
      // The password KMS holds is known to be wrong: no connect until kcs gives it a new one. The
      // ledger remembers it past this run, since the disconnect erases FAILED's evidence.
      ctx.storePassword.set(id, KNOWN_BAD);
      ctx.burned.add(KNOWN_BAD);
      ctx.ledger.startPassword(id, s.CloudHsmClusterId ?? "", "known-bad");
    }
    await withRetry(() =>
      ctx.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id })),
    );
    return `was ${s.ConnectionState}${s.ConnectionErrorCode ? ` (${s.ConnectionErrorCode})` : ""}`;
  },

  async "kms.connect"(input, _step, _a, ctx) {
    const id = String(input.CustomKeyStoreId);
    const s = await storeState(ctx, id);
    if (s.ConnectionState === "CONNECTED" || s.ConnectionState === "CONNECTING")
      return `skipped: already ${s.ConnectionState}`;
    if (s.ConnectionState !== "DISCONNECTED")
      throw new StepFailure(`the store is ${s.ConnectionState}; it must be DISCONNECTED to connect`);
    const pw = ctx.storePassword.get(id);
    const unknown = ctx.ledger
      .passwordsInFlight()
      .some((p) => p.customKeyStoreId === id && p.cloudHsmClusterId === s.CloudHsmClusterId);
    if (unknown && !pw) {
      // An earlier run left KMS's password for this cluster unknown: connecting could only add failed logins.
      throw new StepFailure(
        "refusing to connect: KMS may not know kmsuser's password on this cluster (an earlier kcs fix was replacing it)",
        "Run kcs fix with --password-stdin: it sets a new password before connecting.",
      );
    }
    if (pw && ctx.burned.has(pw)) {
      // kmsuser locks after five failed logins: a password that already failed is never tried again.
      throw new StepFailure(
        pw === KNOWN_BAD
          ? "refusing to connect: the store's kmsuser password failed (INVALID_CREDENTIALS or USER_LOCKED_OUT) and each try counts toward lockout"
          : "refusing to connect again with a kmsuser password that already failed with INVALID_CREDENTIALS",
        pw === KNOWN_BAD
          ? "Repair the password first: kcs fix --finding INVALID_CREDENTIALS (or USER_LOCKED_OUT)."
          : undefined,
      );
    }
    await withRetry(() => ctx.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id })));
    return "CONNECTING";
  },

  async "kms.update-password"(input, _step, _a, ctx) {
    const id = String(input.CustomKeyStoreId);
    const pw = requirePassword(ctx);
    await withRetry(() =>
      ctx.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: pw.reveal() }),
      ),
    );
    ctx.storePassword.set(id, digest(pw));
    passwordLanded(ctx, id);
    return "KeyStorePassword ********";
  },

  async "kms.update-cluster"(input, _step, _a, ctx) {
    const id = String(input.CustomKeyStoreId);
    const clusterId = String(input.CloudHsmClusterId);
    const pw = requirePassword(ctx);
    const s = await storeState(ctx, id);
    await withRetry(() =>
      ctx.clients.kms.send(
        new UpdateCustomKeyStoreCommand({
          CustomKeyStoreId: id,
          KeyStorePassword: pw.reveal(),
          ...(s.CloudHsmClusterId === clusterId ? {} : { CloudHsmClusterId: clusterId }),
        }),
      ),
    );
    ctx.storePassword.set(id, digest(pw));
    passwordLanded(ctx, id);
    return s.CloudHsmClusterId === clusterId
      ? `already on ${clusterId}; password updated`
      : `${s.CloudHsmClusterId} → ${clusterId}`;
  },

  async "kms.check-key-deleted"(input, _step, _a, ctx) {
    const keyId = String(input.KeyId);
    try {
      const res = await withRetry(() => ctx.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId })));
      throw new StepFailure(
        `DescribeKey still finds ${keyId} (${res.KeyMetadata?.KeyState}): its key material is not orphaned, and kcs will not delete material a KMS key may need`,
      );
    } catch (err) {
      if (errorCode(err) === "NotFoundException") return "NotFoundException: the KMS key is gone";
      if (err instanceof StepFailure) throw err;
      throw new StepFailure(
        `DescribeKey ${keyId} answered ${errorCode(err)}, not NotFoundException: refusing to delete its material`,
      );
    }
  },

  async "cloudhsm.create-cluster-from-backup"(input, _step, _a, ctx) {
    const backupId = String(input.SourceBackupId);
    const backups = await withRetry(() =>
      ctx.clients.cloudhsm.send(new DescribeBackupsCommand({ Filters: { backupIds: [backupId] } })),
    );
    const backup = backups.Backups?.find((b) => b.BackupId === backupId);
    if (backup?.BackupState !== "READY")
      throw new StepFailure(`backup ${backupId} is ${backup?.BackupState ?? "gone"}, not READY`);
    // Not retried here: CreateCluster has no idempotency token, and a lost answer retried could make a
    // second cluster. Running kcs fix again finds and reuses the one that was made.
    const res = await ctx.clients.cloudhsm.send(
      new CreateClusterCommand({
        HsmType: String(input.HsmType),
        SubnetIds: input.SubnetIds as string[],
        SourceBackupId: backupId,
      }),
    );
    const created = res.Cluster;
    if (!created?.ClusterId) throw new StepFailure("CreateCluster returned no cluster id");
    learnCluster(ctx, created.ClusterId, created.SubnetMapping ?? {});
    return `${created.ClusterId} from ${backupId}`;
  },

  async "cloudhsm.create-hsm"(input, _step, _a, ctx) {
    const clusterId = String(input.ClusterId);
    const az = String(input.AvailabilityZone);
    const c = await cluster(ctx, clusterId);
    if (!c) throw new StepFailure(`cluster ${clusterId} is not visible`);
    const existing = c.Hsms?.find(
      (h) => h.AvailabilityZone === az && (h.State === "ACTIVE" || h.State === "CREATE_IN_PROGRESS"),
    );
    if (existing) return `skipped: ${existing.HsmId} is already ${existing.State} in ${az}`;
    // Not retried here either: a retried CreateHsm whose first answer was lost adds a second HSM.
    const res = await ctx.clients.cloudhsm.send(
      new CreateHsmCommand({ ClusterId: clusterId, AvailabilityZone: az }),
    );
    return `${res.Hsm?.HsmId} in ${az}`;
  },

  async "wait.store-disconnected"(input, step, _a, ctx, report) {
    return waitForStore(input, step, ctx, report, (state) => state === "DISCONNECTED", false);
  },

  async "wait.store-connected"(input, step, _a, ctx, report) {
    return waitForStore(input, step, ctx, report, (state) => state === "CONNECTED", true);
  },

  async "wait.store-settled"(input, step, _a, ctx, report) {
    return waitForStore(
      input,
      step,
      ctx,
      report,
      (state) => state === "CONNECTED" || state === "DISCONNECTED",
      true,
    );
  },

  async "wait.cluster-active"(input, step, _a, ctx, report) {
    const id = String(input.ClusterId);
    return poll(
      ctx,
      step,
      report,
      () => cluster(ctx, id),
      (c) => {
        const state = c?.State ?? "absent";
        if (c && !ctx.outputs.NewClusterAz1) learnCluster(ctx, id, c.SubnetMapping ?? {});
        if (state === "DELETED" || state === "DELETE_IN_PROGRESS" || state === "absent")
          return { done: false, state, terminal: `cluster ${id} is ${state}` };
        return { done: state === "ACTIVE", state };
      },
    );
  },

  async "wait.hsms-active"(input, step, _a, ctx, report) {
    const id = String(input.ClusterId);
    const want = Number(input.MinimumAvailabilityZones ?? 2);
    return poll(
      ctx,
      step,
      report,
      () => cluster(ctx, id),
      (c) => {
        const hsms = c?.Hsms ?? [];
        const active = new Set(hsms.filter((h) => h.State === "ACTIVE").map((h) => h.AvailabilityZone));
        const pending = hsms.filter((h) => h.State === "CREATE_IN_PROGRESS").length;
        const state = `${active.size} AZ(s) with an ACTIVE HSM, ${pending} creating`;
        if (active.size >= want) return { done: true, state };
        if (pending === 0)
          return {
            done: false,
            state,
            terminal: `only ${active.size} AZ(s) have an ACTIVE HSM and none is being created`,
          };
        return { done: false, state };
      },
    );
  },

  async "hsm.set-kmsuser-password"(input, step, action, ctx) {
    return setKmsuser(input, action, ctx, (cluster, pw) =>
      ctx.operator.setKmsuserPassword(task(step, input), cluster, pw),
    );
  },
  async "hsm.create-kmsuser"(input, step, action, ctx) {
    return setKmsuser(input, action, ctx, (cluster, pw) =>
      ctx.operator.createKmsuser(task(step, input), cluster, pw),
    );
  },
  async "hsm.logout-kmsuser"(input, step, _a, ctx) {
    return ctx.operator.logoutKmsuser(task(step, input), String(input.ClusterId));
  },
  async "hsm.delete-key-material"(input, step, action, ctx) {
    const target = {
      label: String(input.Label),
      backingKeyId: String(input.BackingKeyId),
      ...(input.KeyHandle ? { keyHandle: String(input.KeyHandle) } : {}),
    };
    const out = await ctx.operator.deleteKeyMaterial(
      task(step, input),
      String(input.ClusterId),
      target,
      requirePassword(ctx),
    );
    ctx.ledger.add({
      eventId: String(input.EventId),
      backingKeyId: target.backingKeyId,
      keyArn: target.label,
      cloudHsmClusterId: String(input.ClusterId),
      resolvedAt: new Date().toISOString(),
      how: `kcs fix (${action.runbook}, ${ctx.operator.kind} operator)`,
    });
    return out;
  },
  async "hsm.verify-key-material"(input, step, _a, ctx) {
    try {
      return await ctx.operator.verifyKeyMaterial(
        task(step, input),
        String(input.ClusterId),
        input.Labels as string[],
        requirePassword(ctx),
      );
    } catch (err) {
      throw new StepFailure((err as Error).message, step.onFailure);
    }
  },

  async "verify.doctor"(input, _step, action, ctx) {
    const codes = input.Findings as string[];
    const remaining = await ctx.verify(action);
    if (remaining.length) {
      throw new StepFailure(
        `still found: ${remaining.map((f) => f.code).join(", ")}`,
        "Run kcs doctor for the evidence.",
      );
    }
    return `${codes.join(", ")} gone`;
  },
};

/**
 * Gives kmsuser a new password on a cluster. Until KMS is told it too, the ledger says KMS's password
 * for that cluster is unknown, so an interruption in between cannot lead to a blind connect.
 */
async function setKmsuser(
  input: Record<string, unknown>,
  action: PlanAction,
  ctx: RunContext,
  set: (clusterId: string, password: Secret) => Promise<string>,
): Promise<string> {
  const clusterId = String(input.ClusterId);
  ctx.ledger.startPassword(action.customKeyStoreId, clusterId, action.runbook);
  const out = await set(clusterId, requirePassword(ctx));
  ctx.passwordSetOn.add(action.customKeyStoreId);
  return out;
}

/** A manual step as the person (or the --hsm-hook) receives it: the step's own commands and input. */
function task(step: PlanStep, input: Record<string, unknown>): ManualTask {
  const { commands, legacyCommands } = manualCommands(step.action, input);
  return {
    action: step.action,
    what: `${step.title} (cluster ${String(input.ClusterId)})`,
    input,
    commands,
    legacyCommands,
  };
}

/** KMS and the HSMs now share the password kcs set in this run: nothing is in flight any more. */
function passwordLanded(ctx: RunContext, storeId: string) {
  if (ctx.passwordSetOn.has(storeId)) ctx.ledger.finishPassword(storeId);
}

function requirePassword(ctx: RunContext) {
  if (!ctx.password)
    throw new StepFailure(
      "this step needs the new kmsuser password (--password-stdin or KCS_KMSUSER_PASSWORD)",
    );
  return ctx.password;
}

function learnCluster(ctx: RunContext, clusterId: string, mapping: Record<string, string>) {
  ctx.outputs.NewClusterId = clusterId;
  const azs = Object.keys(mapping).sort();
  if (azs[0]) ctx.outputs.NewClusterAz1 = azs[0];
  if (azs[1]) ctx.outputs.NewClusterAz2 = azs[1];
}

export const KNOWN_STEP_ACTIONS = Object.keys(STEPS);

/** Runs one plan step against the live state: each checks its own precondition first. */
/** Steps that change kmsuser: CloudHSM refuses while KMS holds its session (the store is not DISCONNECTED). */
const NEEDS_DISCONNECTED = new Set([
  "hsm.set-kmsuser-password",
  "hsm.create-kmsuser",
  "hsm.delete-key-material",
]);

export async function runStep(
  step: PlanStep,
  action: PlanAction,
  ctx: RunContext,
  report: Report,
): Promise<string> {
  const fn = STEPS[step.action];
  if (!fn) throw new StepFailure(`unknown step action ${step.action}`);
  if (step.onlyIfNotConnected || NEEDS_DISCONNECTED.has(step.action)) {
    const live = await storeState(ctx, action.customKeyStoreId);
    if (step.onlyIfNotConnected && live.ConnectionState === "CONNECTED")
      return "skipped: the store is CONNECTED";
    // A wrong kmsuser password is rotate-kmsuser-password's to fix: reconnecting here would only add
    // a failed login, and disconnecting would erase the evidence.
    if (
      step.onlyIfNotConnected &&
      live.ConnectionState === "FAILED" &&
      CREDENTIAL_FAILURES.has(live.ConnectionErrorCode ?? "")
    ) {
      return `skipped: the store is FAILED with ${live.ConnectionErrorCode}; rotate-kmsuser-password reconnects it`;
    }
    // KMS holds kmsuser's session on the store's own cluster while connected; a restored cluster is free.
    const target =
      step.input.ClusterId === "{{NewClusterId}}" ? ctx.outputs.NewClusterId : step.input.ClusterId;
    if (
      NEEDS_DISCONNECTED.has(step.action) &&
      target === live.CloudHsmClusterId &&
      live.ConnectionState !== "DISCONNECTED"
    ) {
      throw new StepFailure(
        `the store is ${live.ConnectionState}; kmsuser can be changed only while it is DISCONNECTED`,
      );
    }
  }
  // A reused restored cluster (named by the plan's parameters) is known before any step learns it.
  const reused = action.parameters.find((p) => p.name === "NewClusterId");
  if (reused && !ctx.outputs.NewClusterId) ctx.outputs.NewClusterId = reused.value;
  if (reused && !ctx.outputs.NewClusterAz1) {
    const c = await cluster(ctx, reused.value);
    if (c) learnCluster(ctx, reused.value, c.SubnetMapping ?? {});
  }
  return fn(resolveInput(step.input, ctx.outputs), step, action, ctx, report);
}
