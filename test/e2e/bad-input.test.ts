import { type SpawnOptions, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { madeNoCall, mutations } from "../helpers/call-log.js";
import { awsEnv, cleanEnv, KCS, type RunResult, runKcs, serveWorld, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

// Every bad input: one line on stderr that says what to do, exit 1, nothing on stdout, and nothing
// created or changed (the working directory, the world). Each test runs in a scratch working
// directory so the default .kcs/ is its own.

/** Every file and folder under `dir` with its mode and a digest of its bytes. */
function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string, rel: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      const st = statSync(full);
      const key = `${rel}${name}`;
      if (st.isDirectory()) {
        out[`${key}/`] = (st.mode & 0o7777).toString(8);
        walk(full, `${key}/`);
      } else {
        out[key] =
          `${(st.mode & 0o7777).toString(8)} ${createHash("sha256").update(readFileSync(full)).digest("hex")}`;
      }
    }
  };
  walk(dir, "");
  return out;
}

function expectRefusal(res: RunResult, ...mentions: (string | RegExp)[]): void {
  expect(res.code, res.stderr).toBe(1);
  expect(res.stderr, "exactly one line on stderr").toMatch(/^kcs: [^\n]+\n$/);
  expect(res.stderr).not.toContain("internal error");
  expect(res.stdout).toBe("");
  for (const m of mentions) {
    if (typeof m === "string") expect(res.stderr).toContain(m);
    else expect(res.stderr).toMatch(m);
  }
}

/** A scenario world in a folder of its own, and a scratch working directory. */
function setup(scenario = "invalid-credentials") {
  const worldDir = tempDir("kcs-bad-world-");
  const state = initWorld(join(worldDir, "world.json"), scenario);
  const cwd = tempDir("kcs-bad-cwd-");
  return { worldDir, state, cwd, before: { world: treeOf(worldDir), cwd: treeOf(cwd) } };
}

/**
 * Runs kcs on the scenario and checks the refusal. Refused before it reads (the usual case): no call
 * at all, and neither folder changed by a byte. `reads`: refused after a diagnosis (only a diagnosis
 * can tell that no store has a finding, or that a plan needs a password), so the world's clock and
 * CloudTrail moved and the caches beside it were written, but no call changed anything.
 */
async function refused(
  args: string[],
  mentions: (string | RegExp)[],
  opts: { scenario?: string; env?: Record<string, string>; input?: string; reads?: boolean } = {},
): Promise<RunResult> {
  const s = setup(opts.scenario);
  const log = join(tempDir("kcs-bad-log-"), "calls.jsonl");
  const res = await runKcs([...args, "--sim-state", s.state], {
    cwd: s.cwd,
    env: { ...opts.env, KCS_SIM_CALL_LOG: log },
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  expectRefusal(res, ...mentions);
  expect(treeOf(s.cwd), "nothing was created in the working directory").toEqual(s.before.cwd);
  if (opts.reads) {
    expect(mutations(log), "no call changed anything").toEqual([]);
  } else {
    expect(madeNoCall(log), "refused before its first call").toBe(true);
    expect(treeOf(s.worldDir), "the world is unchanged").toEqual(s.before.world);
  }
  return res;
}

describe("bad input: one line, exit 1, nothing changed", () => {
  it.each([
    // 1. CloudTrail keeps 90 days: more is refused, not quietly cut to 90.
    [
      ["doctor", "--since", "400d"],
      ["--since must be at most 90d (CloudTrail keeps 90 days of events); got 400d."],
    ],
    // 2. Flags the simulator cannot honour.
    [
      ["doctor", "--region", "us-east-1"],
      ["--region us-east-1 is for --backend aws", "eu-west-1", "kcs sim status"],
    ],
    [
      ["doctor", "--endpoint-url", "http://127.0.0.1:4566"],
      ["--endpoint-url is for --backend aws", "kcs sim status"],
    ],
    [["fix", "--dry-run", "--profile", "dev"], ["--profile is for --backend aws"]],
    [["sim", "status", "--region", "us-east-1"], ["--region us-east-1 is for --backend aws"]],
    // 8. A missing argument says what to type.
    [["runbooks", "show"], ["Name a runbook: kcs runbooks show ID (kcs runbooks list shows them)."]],
    [["sim", "advance"], ["Say how far: kcs sim advance DURATION"]],
    // 10. A format the command cannot write.
    [
      ["sim", "hsm", "user", "list", "-o", "markdown"],
      ["kcs sim hsm writes -o text or -o json", "not -o markdown"],
    ],
    // Others of the kind.
    [["fix", "--hsm-hook", "/bin/true"], ["--hsm-hook is for --backend aws"]],
    [
      ["fix", "--dry-run", "--out", "/nonexistent-kcs-folder/plan.json"],
      ["--out", "it does not exist"],
    ],
    [["doctor", "--max-time", "0"], ["--max-time must be at least"]],
    [["fix", "--plan", "plan.json", "--out", "other.json"], ["--out shapes a new plan"]],
    [["fix", "--plan", "plan.json", "--finding", "INVALID_CREDENTIALS"], ["--finding shapes a new plan"]],
    // An SSM Automation document is a dry run's plan: every other command and a real run refuse it.
    [
      ["doctor", "-o", "ssm-automation"],
      ["kcs doctor writes -o text, -o json, -o markdown, not -o ssm-automation"],
    ],
    [
      ["runbooks", "list", "-o", "ssm-automation"],
      ["kcs runbooks list writes", "only kcs fix --dry-run"],
    ],
    [["fix", "--yes", "-o", "ssm-automation"], ["kcs fix writes -o ssm-automation only with --dry-run"]],
    // A snapshot is a past read: nothing to probe, reread or save again, and fix only plans from it.
    [["doctor", "--from-snapshot", "snap.json", "--probe"], ["--probe calls AWS"]],
    [["doctor", "--from-snapshot", "snap.json", "--since", "7d"], ["--since chooses how far back"]],
    [["doctor", "--from-snapshot", "snap.json", "--save-snapshot", "b.json"], ["use one of them"]],
    [["fix", "--from-snapshot", "snap.json"], ["only plans: add --dry-run"]],
    [["fix", "--dry-run", "--from-snapshot", "snap.json", "--probe"], ["--probe calls AWS"]],
    [["doctor", "--from-snapshot", "absent.json"], ["Cannot read the snapshot absent.json: ENOENT"]],
    [["doctor", "--from-snapshot", "/dev/null"], ["not a regular file"]],
    [
      ["doctor", "--cloudtrail-dir", "/nonexistent-kcs-trail"],
      ["--cloudtrail-dir /nonexistent-kcs-trail is not a folder"],
    ],
    [["sim", "export-trail"], ["Name the folder: --dir DIR"]],
    [
      ["doctor", "--save-snapshot", "/nonexistent-kcs-folder/snap.json"],
      ["--save-snapshot", "it does not exist"],
    ],
  ])("%j", async (args, mentions) => {
    await refused(args, mentions);
  });

  it.each([
    // 3. A finding no selected store has: exit 1 (the contract), naming what doctor does find.
    [
      ["fix", "--finding", "USER_LOCKED_OUT"],
      ["no selected store has it", "doctor finds INVALID_CREDENTIALS on payments-cks"],
    ],
    [["fix", "--dry-run", "--finding", "USER_LOCKED_OUT"], ["doctor finds INVALID_CREDENTIALS"]],
    [["doctor", "--store", "nosuch"], ["No custom key store has the id or name 'nosuch'"]],
  ])("%j (after a diagnosis)", async (args, mentions) => {
    await refused(args, mentions, { reads: true });
  });

  it("--region equal to the world's is accepted on the simulator: it is true of every answer", async () => {
    const s = setup("healthy");
    const res = await runKcs(["doctor", "--region", "eu-west-1", "--sim-state", s.state, "-o", "json"], {
      cwd: s.cwd,
    });
    expect(res.code, res.stderr).toBe(0);
  });

  it("4. KCS_SIM_STATE or --sim-state in a folder that does not exist is refused, and the folder is not made", async () => {
    const cwd = tempDir("kcs-bad-cwd-");
    const missing = join(tempDir("kcs-bad-parent-"), "nope", "world.json");
    expectRefusal(
      await runKcs(["doctor"], { cwd, env: { KCS_SIM_STATE: missing } }),
      `kcs sim init --scenario NAME --sim-state ${missing}`,
      "(KCS_SIM_STATE)",
    );
    const atRoot = `/kcs-bad-input-${process.pid}/world.json`;
    expectRefusal(
      await runKcs(["sim", "status", "--sim-state", atRoot], { cwd }),
      "(--sim-state) does not exist",
    );
    expect(existsSync(join(missing, ".."))).toBe(false);
    expect(existsSync(`/kcs-bad-input-${process.pid}`)).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
    // kcs sim init is how such a world is made: it makes the folder.
    const init = await runKcs(["sim", "init", "--scenario", "healthy", "--sim-state", missing], { cwd });
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(missing)).toBe(true);
  });

  it("4. the default .kcs/sim-world.json is still made on a first kcs doctor (the README's first run)", async () => {
    const cwd = tempDir("kcs-bad-cwd-");
    const res = await runKcs(["doctor", "-o", "json"], { cwd });
    expect(res.code, res.stderr).toBe(2);
    expect(existsSync(join(cwd, ".kcs", "sim-world.json"))).toBe(true);
  });

  it("a --sim-state that is a folder is refused before any lock is taken", async () => {
    const dir = tempDir("kcs-bad-dir-");
    const before = treeOf(dir);
    expectRefusal(await runKcs(["sim", "status", "--sim-state", dir], { cwd: dir }), "is not a file");
    expect(treeOf(dir)).toEqual(before);
  });

  it("5. --endpoint-url that is not an http(s) URL is refused up front (was: internal error: Invalid URL)", async () => {
    const cwd = tempDir("kcs-bad-cwd-");
    for (const url of ["notaurl", "ftp://127.0.0.1:21"]) {
      expectRefusal(
        await runKcs(["--backend", "aws", "--region", "eu-west-1", "--endpoint-url", url, "doctor"], {
          cwd,
          env: awsEnv(),
        }),
        "--endpoint-url takes an http:// or https:// URL",
        url,
      );
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("a --region the SDK could not put in a host name, or a --sim-state with --backend aws, is refused by name", async () => {
    const cwd = tempDir("kcs-bad-cwd-");
    for (const [args, env, message] of [
      [["--region", "bad region"], {}, "--region takes a Region name like eu-west-1; got 'bad region'."],
      [["--region", ""], {}, "--region takes a Region name"],
      [[], { AWS_REGION: "eu west 1" }, "AWS_REGION takes a Region name"],
      [["--sim-state", "world.json"], {}, "--sim-state is for the sim backend"],
    ] as const) {
      expectRefusal(
        await runKcs(["--backend", "aws", ...args, "doctor"], { cwd, env: { ...awsEnv(), ...env } }),
        message,
      );
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("a world folder that takes no files (/proc) is one line, not internal error: ENOENT", async () => {
    const cwd = tempDir("kcs-bad-cwd-");
    const path = `/proc/kcs-bad-input-${process.pid}.json`;
    expectRefusal(await runKcs(["doctor", "--sim-state", path], { cwd }), /cannot write/i);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("7. --profile that neither AWS file defines names the profile and both files (was: No AWS Region)", async () => {
    const cwd = tempDir("kcs-bad-cwd-");
    const aws = tempDir("kcs-bad-aws-");
    const config = join(aws, "config");
    const credentials = join(aws, "credentials");
    writeFileSync(config, "[profile dev]\nregion = eu-west-1\n");
    writeFileSync(credentials, "[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n");
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
    expectRefusal(
      await runKcs(["--backend", "aws", "--profile", "nope", "doctor"], { cwd, env }),
      "The AWS profile 'nope' (--profile) does not exist",
      config,
      credentials,
    );
    expectRefusal(
      await runKcs(["--backend", "aws", "doctor"], { cwd, env: { ...env, AWS_PROFILE: "nope" } }),
      "The AWS profile 'nope' (AWS_PROFILE) does not exist",
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each([
    ["--password-stdin", { input: "bad!pw\n" }, "The password from stdin is not valid"],
    ["", { env: { KCS_KMSUSER_PASSWORD: "short" } }, "The password from KCS_KMSUSER_PASSWORD is not valid"],
    ["", {}, "A password is needed: add --password-stdin"],
  ] as const)(
    "9. fix --yes %s (%o): refused in one line before the plan, not after it",
    async (flag, opts, message) => {
      const res = await refused(["fix", "--yes", ...(flag ? [flag] : [])], [message], {
        ...opts,
        reads: true,
      });
      expect(res.stderr).not.toContain("bad!pw");
      expect(res.stderr).not.toContain("short");
    },
  );
});

/**
 * A read-only state folder. Root writes anyway, so as root the kcs under test runs as nobody; the
 * folders it must read are given to nobody first.
 */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/**
 * Whether nobody can reach bin/kcs.js: a checkout inside a private folder (`mktemp -d` makes 0700
 * ones) cannot be run as nobody at all, which says nothing about kcs.
 */
function nobodyReaches(file: string): boolean {
  for (let d = dirname(file); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (dirname(d) === d) return true;
  }
}

function runAsUser(args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  const own = tempDir("kcs-bad-cc-");
  if (AS_ROOT) chownSync(own, NOBODY, NOBODY);
  const options: SpawnOptions = {
    cwd,
    env: cleanEnv({ ...env, KCS_CODE_CACHE_DIR: own, HOME: own }),
    stdio: ["pipe", "pipe", "pipe"],
    ...(AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KCS, ...args], options);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end("");
  });
}

/** The aws backend's environment with its ledger where kcs keeps it by default: the .kcs under test. */
function awsEnvWithDefaultLedger(): Record<string, string> {
  const { KCS_LEDGER: _, ...env } = awsEnv();
  return env;
}

/** A working directory whose .kcs holds a scenario world and cannot be written in. */
function readOnlyStateFolder(scenario: string): { cwd: string; kcs: string } {
  const cwd = tempDir("kcs-bad-ro-");
  const kcs = join(cwd, ".kcs");
  mkdirSync(kcs);
  initWorld(join(kcs, "sim-world.json"), scenario);
  if (AS_ROOT) {
    chownSync(cwd, NOBODY, NOBODY);
    for (const name of ["", ...readdirSync(kcs)]) chownSync(join(kcs, name), NOBODY, NOBODY);
  }
  chmodSync(kcs, 0o500);
  return { cwd, kcs };
}

describe.skipIf(AS_ROOT && !nobodyReaches(KCS))(
  "6. a state folder kcs cannot write in: one line naming it, before anything changes",
  () => {
    it("doctor and fix on the simulator", async () => {
      const { cwd, kcs } = readOnlyStateFolder("invalid-credentials");
      const before = treeOf(cwd);
      for (const args of [["doctor"], ["fix", "--yes", "--password-stdin"], ["sim", "status"]]) {
        expectRefusal(
          await runAsUser(args, cwd),
          `kcs cannot write the simulator world in ${kcs}`,
          "permission denied",
        );
      }
      expect(treeOf(cwd)).toEqual(before);
    });

    it("fix on the aws backend refuses before its first AWS change", async () => {
      const worldDir = tempDir("kcs-bad-served-");
      const state = initWorld(join(worldDir, "world.json"), "no-active-hsms");
      const served = await serveWorld(state);
      try {
        const cwd = tempDir("kcs-bad-ro-");
        const kcs = join(cwd, ".kcs");
        mkdirSync(kcs);
        if (AS_ROOT) {
          chownSync(cwd, NOBODY, NOBODY);
          chownSync(kcs, NOBODY, NOBODY);
        }
        chmodSync(kcs, 0o500);
        const res = await runAsUser(
          ["--backend", "aws", "--endpoint-url", served.url, "fix", "--yes", "--no-cache"],
          cwd,
          awsEnvWithDefaultLedger(),
        );
        expectRefusal(res, `kcs fix keeps its ledger and lock in ${kcs}`, "permission denied");
        const calls = await runKcs(["sim", "status", "-o", "json", "--sim-state", state]);
        const status = JSON.parse(calls.stdout) as { clusters: { hsms: unknown[] }[] };
        expect(status.clusters[0]!.hsms, "no HSM was created").toEqual([]);
      } finally {
        await served.stop();
      }
    });

    it("a first fix on the aws backend with --no-cache makes .kcs for its lock (was: internal error: ENOENT)", async () => {
      const worldDir = tempDir("kcs-bad-served-");
      const state = initWorld(join(worldDir, "world.json"), "no-active-hsms");
      const served = await serveWorld(state);
      try {
        const cwd = tempDir("kcs-bad-fresh-");
        const env = awsEnvWithDefaultLedger();
        const res = await runKcs(
          [
            "--backend",
            "aws",
            "--endpoint-url",
            served.url,
            "fix",
            "--yes",
            "--no-cache",
            "--poll-interval",
            "50ms",
          ],
          { cwd, env },
        );
        expect(res.code, res.stderr).toBe(0);
        expect(existsSync(join(cwd, ".kcs"))).toBe(true);
      } finally {
        await served.stop();
      }
    });
  },
);
