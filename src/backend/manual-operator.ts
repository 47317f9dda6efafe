import { spawn } from "node:child_process";
import { printable } from "../core/printable.js";
import { redact, type Secret } from "../core/secret.js";
import { t } from "../i18n/index.js";
import type { HsmOperator, ManualTask } from "./hsm-operator.js";

/** Shows the operator the task and resolves once they confirm it is done (or rejects if they refuse). */
export type Confirm = (task: ManualTask) => Promise<void>;

/** The hook's environment: the step's input, and none of the places a password may sit in kcs's own. */
function hookEnv(input: Record<string, unknown>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KCS_STEP_INPUT: JSON.stringify(input) };
  delete env.KCS_KMSUSER_PASSWORD;
  delete env.KCS_HSM_PASSWORD;
  // Nor the XKS proxy credential kcs fix may have been given: a hook's steps do not need it.
  delete env.KCS_XKS_ACCESS_KEY_ID;
  delete env.KCS_XKS_SECRET_ACCESS_KEY;
  return env;
}

/**
 * Runs an operator's own automation for a manual step (for example a script that drives the CloudHSM
 * CLI on a client instance through SSM): the action is its one argument, the step's input is JSON in
 * KCS_STEP_INPUT, and the kmsuser password, when the step needs one, arrives on its stdin, never in
 * its arguments or environment. Exit status 0 means done.
 */
export function runHook(
  hook: string,
  task: ManualTask,
  password?: Secret,
  report: (line: string) => void = () => undefined,
  timeoutMs = Number.POSITIVE_INFINITY,
): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that stopping it stops whatever it started too.
    const child = spawn(hook, [task.action], {
      env: hookEnv(task.input),
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    // A hook that echoes what it read must not put the password in kcs's output, nor its escape
    // sequences on the operator's terminal.
    const clean = (line: string) => printable(redact(line, password)).trim();
    let out = "";
    let partial = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    // Its stderr is the operator's view of what it is doing: every line, as it comes.
    child.stderr.on("data", (d: Buffer) => {
      const text = partial + d.toString();
      out += d.toString();
      const lines = text.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines.map(clean).filter(Boolean)) report(`--hsm-hook: ${line}`);
    });
    child.on("error", (err) => reject(new Error(t("fix.hook.cannotRun", { hook, message: err.message }))));
    // Automation is bounded by the run's --max-time like any other step: a hung hook is ended.
    let timedOut = false;
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(
          () => {
            timedOut = true;
            try {
              process.kill(-child.pid!, "SIGKILL");
            } catch {
              child.kill("SIGKILL");
            }
            reject(new Error(t("fix.hook.timedOut", { hook, action: task.action })));
          },
          Math.max(1_000, timeoutMs),
        )
      : undefined;
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      if (timedOut) return;
      if (clean(partial)) report(`--hsm-hook: ${clean(partial)}`);
      const last = clean(out.trim().split("\n").pop() ?? "");
      if (code === 0) resolve(t("fix.hook.done", { last: last ? `: ${last}` : "" }));
      else
        reject(
          new Error(
            t("fix.hook.exited", {
              hook,
              action: task.action,
              code: String(code),
              last: last ? `: ${last}` : "",
            }),
          ),
        );
    });
    // A hook need not read its stdin: one that exits first makes this write fail with EPIPE, which
    // unhandled would end kcs mid-fix. Its exit status (above) is what says how the step went.
    child.stdin.on("error", () => undefined);
    child.stdin.end(password ? `${password.reveal()}\n` : "");
  });
}

/** On AWS a person does the HSM steps: kcs shows the task's CloudHSM CLI lines and waits (or runs --hsm-hook). */
export class ManualOperator implements HsmOperator {
  readonly kind = "manual" as const;
  readonly person: boolean;
  constructor(
    private readonly confirm: Confirm,
    private readonly hook?: string,
    /** What is left of the run's --max-time, for a hook. */
    private readonly timeLeft: () => number = () => Number.POSITIVE_INFINITY,
  ) {
    this.person = hook === undefined;
  }

  private async ask(task: ManualTask, password?: Secret, report?: (line: string) => void): Promise<string> {
    if (this.hook) return runHook(this.hook, task, password, report, this.timeLeft());
    await this.confirm(task);
    return t("fix.hook.confirmed");
  }

  perform(task: ManualTask, password?: Secret, report?: (line: string) => void) {
    return this.ask(task, password, report);
  }
}
