import { execFileSync, spawn } from "node:child_process";
import { cleanEnv, KCS } from "./cli.js";

/** util-linux `script`, which runs a command on a pseudo-terminal (BSD `script` takes other flags). */
export const HAS_SCRIPT: boolean = (() => {
  try {
    return execFileSync("script", ["--version"], { encoding: "utf8", stdio: "pipe" }).includes("util-linux");
  } catch {
    return false;
  }
})();

export interface TtyResult {
  code: number | null;
  /** stdout and stderr as the terminal saw them (lines end in \r\n). */
  output: string;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs the built `kcs` with stdout and stderr on a pseudo-terminal, so colour decisions see a TTY. */
export function runKcsInTty(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<TtyResult> {
  const command = [process.execPath, KCS, ...args].map(quote).join(" ");
  return new Promise((resolvePromise, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd: opts.cwd ?? process.cwd(),
      env: cleanEnv(opts.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

/**
 * Runs the built `kcs` on a pseudo-terminal and types `answers` as their prompts appear: what a person
 * at the keyboard does.
 */
export function runKcsInteractive(
  args: string[],
  answers: { when: RegExp; type: string }[],
  opts: { env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<TtyResult> {
  const command = [process.execPath, KCS, ...args].map(quote).join(" ");
  return new Promise((resolvePromise, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      env: cleanEnv(opts.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    const pending = [...answers];
    const onData = (d: Buffer) => {
      output += d.toString();
      const next = pending[0];
      if (next?.when.test(output)) {
        pending.shift();
        child.stdin.write(next.type);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}
