import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const KCS = resolve("bin/kcs.js");

/** Shared by every kcs a test run spawns: each command compiles once per build. */
const TEST_CODE_CACHE = join(tmpdir(), `kcs-test-code-cache-${process.getuid?.() ?? "user"}`);

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

/** A clean environment: no AWS settings leak in from the machine running the tests. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The machine's locale too: a test asks for Japanese by name (LANG, KCS_LANG or --lang).
    if (v === undefined || k.startsWith("AWS_") || k.startsWith("KCS_") || /^(LANG|LANGUAGE|LC_.*)$/.test(k))
      continue;
    env[k] = v;
  }
  env.NO_COLOR = "1";
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  env.AWS_CONFIG_FILE = "/dev/null";
  env.AWS_SHARED_CREDENTIALS_FILE = "/dev/null";
  env.AWS_EC2_METADATA_DISABLED = "true";
  // V8's compiled code (src/cli/code-cache.ts) in a folder of the test run's, not the user's.
  env.KCS_CODE_CACHE_DIR = TEST_CODE_CACHE;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Spawns the built `kcs` and collects its stdout, stderr and exit status. */
export function runKcs(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [KCS, ...args], {
      cwd: opts.cwd ?? process.cwd(),
      env: cleanEnv(opts.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

export function tempDir(prefix = "kcs-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ServedWorld {
  url: string;
  /** Where the world's XKS proxies answer (the Host header picks one). */
  xksUrl?: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `kcs sim serve --port 0` on a world file and waits for the URL it prints. */
export function serveWorld(statePath: string, env: Record<string, string> = {}): Promise<ServedWorld> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [KCS, "sim", "serve", "--port", "0", "-o", "json", "--sim-state", statePath],
      {
        env: cleanEnv(env),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      try {
        const { url, xksUrl } = JSON.parse(out) as { url: string; xksUrl?: string };
        resolvePromise({
          url,
          ...(xksUrl ? { xksUrl } : {}),
          child,
          stop: () =>
            new Promise<void>((done) => {
              child.once("close", () => done());
              child.kill("SIGTERM");
            }),
        });
      } catch {
        // Not the whole JSON yet.
      }
    });
    child.on("close", (code) => reject(new Error(`kcs sim serve exited ${code}: ${err}`)));
  });
}

/**
 * Environment for `kcs --backend aws` against a served simulator: dummy credentials, a Region, and
 * an orphan ledger of its own (by default the aws backend keeps one under ./.kcs).
 */
export function awsEnv(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "not-a-secret",
    AWS_REGION: "eu-west-1",
    KCS_LEDGER: join(tempDir("kcs-ledger-"), "ledger.json"),
  };
}
