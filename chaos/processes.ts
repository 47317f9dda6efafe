import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The built CLI, as an operator runs it. */
export const KCS = resolve("bin/kcs.js");

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The machine's environment without AWS or kcs settings, plus `extra`. */
export function env(extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("AWS_") && !k.startsWith("KCS_")) out[k] = v;
  }
  return {
    ...out,
    NO_COLOR: "1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  /** SIGKILL the run once this returns true (checked every 10 ms): kill -9 at a step boundary. */
  killWhen?: () => boolean;
  timeoutMs?: number;
}

/** Runs `kcs args`; resolves however it ends, killed included. */
export function runKcs(args: string[], opts: RunOptions = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [KCS, ...args], {
      env: env(opts.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const watch = opts.killWhen
      ? setInterval(() => {
          if (opts.killWhen?.()) child.kill("SIGKILL");
        }, 10)
      : undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
    child.on("error", fail);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (watch) clearInterval(watch);
      done({ code, signal, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** `kcs sim serve` on a world file: the aws backend's endpoint. */
export function serve(world: string, extra: Record<string, string>): Promise<Server> {
  return new Promise((done, fail) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [KCS, "sim", "serve", "--port", "0", "-o", "json", "--sim-state", world],
      { env: env(extra), stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      try {
        const { url } = JSON.parse(out) as { url: string };
        done({
          url,
          stop: () =>
            new Promise<void>((stopped) => {
              child.once("close", () => stopped());
              child.kill("SIGTERM");
            }),
        });
      } catch {
        // Not the whole JSON yet.
      }
    });
    child.on("close", (code) => fail(new Error(`kcs sim serve exited ${code}`)));
  });
}

export interface CallRecord {
  service: string;
  operation: string;
  mutating: boolean;
  error?: string;
}

/** The simulator's call log (KCS_SIM_CALL_LOG): every call it answered, in order. */
export function calls(log: string): CallRecord[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as CallRecord];
      } catch {
        return []; // a line cut short by kill -9 mid-write
      }
    });
}

/** Every change attempted, answered or not: a lost answer still changed the world. */
export const mutations = (log: string) => calls(log).filter((c) => c.mutating);
