import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FINDING_CODES, runbookFor } from "../../src/diagnose/catalog.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { type RunOptions, type RunResult, runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { HAS_SCRIPT, runKcsInTty } from "../helpers/tty.js";
import { initWorld, worldStatus } from "../helpers/world-file.js";

// Every test gets its own world file, so the whole file runs concurrently (it only spawns processes).
// Commands run in a scratch working directory too: nothing can reach the repository's .kcs/.
const SANDBOX = tempDir("kcs-cli-");
const kcs = (args: string[], opts: RunOptions = {}) => runKcs(args, { cwd: SANDBOX, ...opts });

let seq = 0;
/** A fresh world file path in its own temp dir (the file does not exist yet). */
const newStatePath = () => join(tempDir("kcs-cli-world-"), `world-${++seq}.json`);

/** A scenario in a fresh world file (written in this process: `sim init` has tests of its own). */
async function world(scenario: string): Promise<string> {
  return initWorld(newStatePath(), scenario);
}

/** The contract's error shape: exit 1, exactly one line on stderr, no stack trace. */
function expectOneLineError(res: RunResult, ...mentions: (string | RegExp)[]): void {
  expect(res.code, res.stderr).toBe(1);
  expect(res.stderr, "exactly one line on stderr").toMatch(/^[^\n]+\n?$/);
  expect(res.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
  for (const m of mentions) {
    if (typeof m === "string") expect(res.stderr).toContain(m);
    else expect(res.stderr).toMatch(m);
  }
}

const ANSI = "\u001b[";

/** The finding codes of the CLI contract's table for kcs doctor (README: JSON output). */
const CONTRACT_FINDING_CODES = [
  "STORE_DISCONNECTED",
  "CONNECTION_IN_PROGRESS",
  "INVALID_CREDENTIALS",
  "USER_LOCKED_OUT",
  "USER_NOT_FOUND",
  "USER_LOGGED_IN",
  "CLUSTER_NOT_FOUND",
  "NO_ACTIVE_HSMS",
  "INSUFFICIENT_HSMS",
  "NETWORK_ERRORS",
  "SUBNET_NOT_FOUND",
  "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
  "INTERNAL_ERROR",
  "CONNECTION_FAILED",
  "KEY_MATERIAL_MISSING",
  "ORPHANED_KEY_MATERIAL",
  "PENDING_DELETION_KEYS",
];

const AWS_CREDS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "not-a-secret" };

interface Report {
  schemaVersion: number;
  kind: string;
  backend: string;
  stores: { customKeyStoreId: string; customKeyStoreName: string; healthy: boolean }[];
  findings: { code: string; severity: string; customKeyStoreId: string }[];
  errors: { service: string; operation: string; code: string; message: string }[];
}

interface Status {
  scenario: string;
  now: string;
  timeScale: number;
  stores: { customKeyStoreId: string }[];
  clusters: { clusterId: string; kmsuser: { exists: boolean; locked: boolean; failedLogins: number } }[];
  subnets: { subnetId: string }[];
  cloudTrailReads: number;
}

interface Faults {
  latencyMs: number;
  transientErrorRate: number;
  accessDenied: string[];
}

interface HsmAnswer<T> {
  error_code: number;
  data: T;
}

interface Runbook {
  id: string;
  findings: string[];
  steps: { id: string; title: string }[];
}

const RUNBOOKS: Omit<Runbook, "findings">[] = readdirSync("runbooks")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => parse(readFileSync(join("runbooks", f), "utf8")) as Runbook);

const PACKAGE_VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

/** The world as `sim status -o json` shows it, read in this process (the command has a test of its own). */
async function status(state: string): Promise<Status> {
  return JSON.parse(JSON.stringify(worldStatus(state))) as Status;
}

/** `kcs sim status -o json` itself. */
async function statusCommand(state: string): Promise<Status> {
  const res = await kcs(["sim", "status", "-o", "json", "--sim-state", state]);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as Status;
}

async function doctorJson(state: string, ...args: string[]): Promise<{ res: RunResult; report: Report }> {
  const res = await kcs(["doctor", "-o", "json", "--sim-state", state, ...args]);
  expect(res.stdout, res.stderr).not.toBe("");
  return { res, report: parseDocument<Report>(res.stdout, "kcs-doctor-report") };
}

describe.concurrent("kcs CLI", () => {
  describe("usage and parsing", () => {
    it("--help exits 0 and lists doctor, fix, runbooks and sim", async () => {
      const res = await kcs(["--help"]);
      expect(res.code, res.stderr).toBe(0);
      for (const cmd of ["doctor", "fix", "runbooks", "sim"])
        expect(res.stdout).toMatch(new RegExp(`^\\s+kcs ${cmd}\\s`, "m"));
      expect(res.stderr).toBe("");
    });

    it("no command exits 1 with a one-line error", async () => {
      const res = await kcs([]);
      expectOneLineError(res);
      expect(res.stdout).toBe("");
    });

    it("an unknown command exits 1 with a one-line error naming it", async () => {
      expectOneLineError(await kcs(["nosuchcommand"]), "nosuchcommand");
    });

    it("an unknown flag exits 1 with a one-line error naming it", async () => {
      expectOneLineError(await kcs(["doctor", "--bogus", "--sim-state", newStatePath()]), "bogus");
    });

    // Regression: yargs 18 usage errors were once reported as "internal error" pointing at --debug.
    it("usage errors are not reported as internal errors and point to kcs --help", async () => {
      for (const args of [[], ["nosuchcommand"], ["doctor", "--bogus", "--sim-state", newStatePath()]]) {
        const res = await kcs(args);
        expectOneLineError(res, "--help");
        expect(res.stderr).not.toMatch(/internal error|--debug/);
      }
    });

    it("--max-time bounds doctor: a spent budget ends it with one line naming the flag; a bad value is refused", async () => {
      const state = await world("healthy");
      // Every answer takes 1.5s: the first read alone outlasts a budget of 1s.
      expect((await kcs(["sim", "faults", "--latency", "1500ms", "--sim-state", state])).code).toBe(0);
      expectOneLineError(
        await kcs(["doctor", "--max-time", "1s", "--sim-state", state]),
        /ran out of time before \S+ \(--max-time 1\.0s\)/,
      );
      expectOneLineError(
        await kcs(["doctor", "--max-time", "0s", "--sim-state", state]),
        "--max-time must be at least",
      );
      expectOneLineError(
        await kcs(["fix", "--max-time", "soon", "--sim-state", state]),
        "--max-time takes a duration",
      );
    });

    it.each([
      [["doctor", "--store", ""], "--store takes a store id or name; got an empty one"],
      [["doctor", "--store", "x".repeat(300)], "at most 256 characters"],
      [["doctor", "--since", "0d"], "--since must be at least 1d"],
      [["doctor", "--since", "91d"], "--since must be at most 90d"],
      [["fix", "--dry-run", "--poll-interval", "0"], "--poll-interval must be at least 10ms"],
      [["fix", "--dry-run", "--timeout", "0"], "--timeout must be at least 1.0s"],
      [
        ["fix", "--dry-run", "--param", "SubnetIds=subnet-1;rm"],
        "--param SubnetIds takes 1 to 10 different subnet ids",
      ],
      [
        ["fix", "--dry-run", "--param", "BackupId=Hunter2secret"],
        "--param BackupId takes a CloudHSM backup id",
      ],
      [
        ["fix", "--dry-run", "--param", "HsmType=hsm9.huge"],
        "--param HsmType takes hsm1.medium or hsm2m.medium",
      ],
      [["doctor", "--request-timeout", "0"], "--request-timeout must be at least 100ms"],
    ])("%j is refused up front in one line, before anything is read", async (args, message) => {
      const state = await world("invalid-credentials");
      const log = `${state}.calls.jsonl`;
      const res = await kcs([...args, "--sim-state", state], { env: { KCS_SIM_CALL_LOG: log } });
      expectOneLineError(res, message);
      expect(res.stderr).not.toContain("internal error");
      expect(res.stderr).not.toContain("Hunter2secret");
      expect(existsSync(log)).toBe(false);
    });

    it("--version prints the package version", async () => {
      const res = await kcs(["--version"], { cwd: process.cwd() });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout.trim()).toBe(PACKAGE_VERSION);
    });

    // Regression: the bundled CLI once printed "unknown" for --version outside the repository.
    it("--version prints the package version from any working directory", async () => {
      const res = await kcs(["--version"], { cwd: tempDir() });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout.trim()).toBe(PACKAGE_VERSION);
    });
  });

  describe("kcs runbooks", () => {
    it("list names every runbooks/*.yaml id", async () => {
      const res = await kcs(["runbooks", "list"]);
      expect(res.code, res.stderr).toBe(0);
      expect(RUNBOOKS.length).toBeGreaterThan(0);
      for (const rb of RUNBOOKS) expect(res.stdout).toMatch(new RegExp(`^${rb.id}\\s`, "m"));
    });

    it("list -o json is an array of every runbook with id, findings and steps", async () => {
      const res = await kcs(["runbooks", "list", "-o", "json"]);
      expect(res.code, res.stderr).toBe(0);
      const list = JSON.parse(res.stdout) as Runbook[];
      expect(Array.isArray(list)).toBe(true);
      expect(list.map((r) => r.id).sort()).toEqual(RUNBOOKS.map((r) => r.id).sort());
      for (const rb of list) {
        expect(rb.findings.length, rb.id).toBeGreaterThan(0);
        expect(rb.steps.length, rb.id).toBeGreaterThan(0);
        const yaml = RUNBOOKS.find((r) => r.id === rb.id)!;
        // The catalog says which findings a runbook fixes, on either store type; the YAML does not repeat it.
        expect(rb.findings).toEqual(
          FINDING_CODES.filter((c) =>
            (["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const).some((t) => runbookFor(c, t) === rb.id),
          ),
        );
        expect(rb.steps.map((s) => s.id)).toEqual(yaml.steps.map((s) => s.id));
      }
    });

    it("list -o markdown is a table with a header row", async () => {
      const res = await kcs(["runbooks", "list", "-o", "markdown"]);
      expect(res.code, res.stderr).toBe(0);
      const lines = res.stdout.split("\n");
      const sep = lines.findIndex((l) => /^\|(\s*:?-{3,}:?\s*\|)+$/.test(l));
      expect(sep, res.stdout).toBeGreaterThan(0);
      expect(lines[sep - 1]).toMatch(/^\|.*runbook.*\|$/);
      for (const rb of RUNBOOKS) expect(res.stdout).toContain(`\`${rb.id}\``);
    });

    it("show rotate-kmsuser-password lists its steps with the API calls and which mutate", async () => {
      const res = await kcs(["runbooks", "show", "rotate-kmsuser-password"]);
      expect(res.code, res.stderr).toBe(0);
      const rb = RUNBOOKS.find((r) => r.id === "rotate-kmsuser-password")!;
      for (const step of rb.steps) expect(res.stdout).toContain(step.title);
      const disconnect = res.stdout.split("\n").find((l) => l.includes("kms:DisconnectCustomKeyStore"));
      expect(disconnect, res.stdout).toBeDefined();
      expect(disconnect).toContain("(mutating)");
      const wait = res.stdout.split("\n").find((l) => l.includes("Wait until the store is DISCONNECTED"));
      expect(wait).not.toContain("(mutating)");
    });

    it("show of an unknown runbook exits 1 with one line naming kcs runbooks list", async () => {
      const res = await kcs(["runbooks", "show", "nope"]);
      expectOneLineError(res, "kcs runbooks list", "nope");
      expect(res.stdout).toBe("");
    });
  });

  describe("aws backend errors", () => {
    it("no credentials: exit 1, one line about credentials", async () => {
      const res = await kcs(["--backend", "aws", "--region", "eu-west-1", "doctor"], { cwd: tempDir() });
      expectOneLineError(res, /credentials/i);
      expect(res.stdout).toBe("");
    });

    it("no region: exit 1, one line naming --region", async () => {
      const res = await kcs(["--backend", "aws", "doctor"], { env: AWS_CREDS, cwd: tempDir() });
      expectOneLineError(res, "--region");
    });

    it("unreachable endpoint: exit 1, one line saying it cannot reach it", async () => {
      const res = await kcs(
        ["--backend", "aws", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:9", "doctor"],
        { env: AWS_CREDS, cwd: tempDir() },
      );
      expectOneLineError(res, "Cannot reach", "http://127.0.0.1:9");
    });

    it("a hung endpoint (accepts, never answers): exit 1 within its --request-timeout and retries, one line saying so", async () => {
      const hung = createServer(() => undefined);
      await new Promise<void>((r) => hung.listen(0, "127.0.0.1", r));
      const port = (hung.address() as AddressInfo).port;
      try {
        const res = await kcs(
          [
            "--backend",
            "aws",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            `http://127.0.0.1:${port}`,
            "--request-timeout",
            "200ms",
            "doctor",
          ],
          { env: AWS_CREDS, cwd: tempDir() },
        );
        expectOneLineError(res, "did not answer kms:DescribeCustomKeyStores in time", "--request-timeout");
        // That it ends at all is the point: before request timeouts, doctor waited here forever (the
        // test's own timeout would fail it).
      } finally {
        hung.close();
      }
    });

    it("AccessDenied on DescribeCustomKeyStores: exit 1, one line naming kms:DescribeCustomKeyStores", async () => {
      const state = await world("healthy");
      const deny = await kcs([
        "sim",
        "faults",
        "--deny",
        "kms:DescribeCustomKeyStores",
        "--sim-state",
        state,
      ]);
      expect(deny.code, deny.stderr).toBe(0);
      const res = await kcs(["doctor", "--sim-state", state]);
      expectOneLineError(res, "kms:DescribeCustomKeyStores");
      const json = await kcs(["doctor", "-o", "json", "--sim-state", state]);
      expectOneLineError(json, "kms:DescribeCustomKeyStores");
      expect(json.stdout).toBe("");
    });

    it("AccessDenied on CloudTrail only: the report lists it under errors and exits 2 when there are findings", async () => {
      const state = await world("invalid-credentials");
      const deny = await kcs(["sim", "faults", "--deny", "cloudtrail:LookupEvents", "--sim-state", state]);
      expect(deny.code, deny.stderr).toBe(0);
      const { res, report } = await doctorJson(state);
      expect(res.code).toBe(2);
      expect(report.kind).toBe("kcs-doctor-report");
      expect(report.findings.map((f) => f.code)).toContain("INVALID_CREDENTIALS");
      expect(report.errors).toEqual([
        {
          service: "cloudtrail",
          operation: "LookupEvents",
          code: "AccessDeniedException",
          message: expect.any(String),
        },
      ]);
    });

    it("AccessDenied on CloudTrail only: a healthy world still reports but exits 1, never 0", async () => {
      const state = await world("healthy");
      const deny = await kcs(["sim", "faults", "--deny", "cloudtrail:LookupEvents", "--sim-state", state]);
      expect(deny.code, deny.stderr).toBe(0);
      const { res, report } = await doctorJson(state);
      expect(res.code).toBe(1);
      expect(report.stores).toHaveLength(1);
      expect(report.stores[0]!.healthy).toBe(true);
      expect(report.findings).toEqual([]);
      expect(report.errors).toEqual([
        {
          service: "cloudtrail",
          operation: "LookupEvents",
          code: "AccessDeniedException",
          message: expect.any(String),
        },
      ]);
    });
  });

  describe("the simulator's world file", () => {
    it("a corrupt world file: doctor exits 1 with one line saying how to re-create it", async () => {
      const state = newStatePath();
      writeFileSync(state, "{oops");
      expectOneLineError(await kcs(["doctor", "--sim-state", state]), "kcs sim init --scenario NAME --force");
    });

    it("sim init onto a corrupt file without --force exits 1 and leaves the file as it was", async () => {
      const state = newStatePath();
      writeFileSync(state, "{oops");
      const res = await kcs(["sim", "init", "--scenario", "healthy", "--sim-state", state]);
      expectOneLineError(res, "--force");
      expect(readFileSync(state, "utf8")).toBe("{oops");
    });

    it("sim init --force replaces a corrupt file with a usable world", async () => {
      const state = newStatePath();
      writeFileSync(state, "{oops");
      const res = await kcs(["sim", "init", "--scenario", "healthy", "--force", "--sim-state", state]);
      expect(res.code, res.stderr).toBe(0);
      const { res: doc, report } = await doctorJson(state);
      expect(doc.code, doc.stderr).toBe(0);
      expect(report.stores).toHaveLength(1);
    });

    it("sim init with an unknown scenario exits 1 naming the valid ones, creating nothing", async () => {
      const state = newStatePath();
      const res = await kcs(["sim", "init", "--scenario", "nope", "--sim-state", state]);
      expectOneLineError(res, "nope", ...SCENARIOS.map((s) => s.name));
      expect(existsSync(state)).toBe(false);
    });

    it("with no world file yet, doctor creates the default fleet world and exits 2 with findings", async () => {
      const state = newStatePath();
      const { res, report } = await doctorJson(state);
      expect(res.code, res.stderr).toBe(2);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(existsSync(state)).toBe(true);
      const st = await status(state);
      expect(st.scenario).toBe("fleet");
      expect(report.stores.map((s) => s.customKeyStoreId).sort()).toEqual(
        st.stores.map((s) => s.customKeyStoreId).sort(),
      );
    });
  });

  describe("kcs sim scenarios, status, advance, faults", () => {
    it("sim scenarios -o json lists every scenario with name, description and findings", async () => {
      const res = await kcs(["sim", "scenarios", "-o", "json"]);
      expect(res.code, res.stderr).toBe(0);
      const list = JSON.parse(res.stdout) as { name: string; description: string; findings: string[] }[];
      expect(list.map((s) => s.name).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
      for (const s of list) {
        expect(s.description, s.name).toMatch(/\S/);
        expect(Array.isArray(s.findings), s.name).toBe(true);
      }
    });

    it("sim scenarios has one scenario per finding code, named after it in kebab-case, plus healthy and fleet", async () => {
      const res = await kcs(["sim", "scenarios", "-o", "json"]);
      expect(res.code, res.stderr).toBe(0);
      const names = (JSON.parse(res.stdout) as { name: string }[]).map((s) => s.name);
      for (const code of CONTRACT_FINDING_CODES)
        expect(names).toContain(code.toLowerCase().replaceAll("_", "-"));
      expect(names).toEqual(expect.arrayContaining(["healthy", "fleet"]));
    });

    it("sim status -o json has stores, clusters, subnets and the simulated now", async () => {
      const st = await statusCommand(await world("healthy"));
      expect(st.stores.length).toBeGreaterThan(0);
      expect(st.clusters.length).toBeGreaterThan(0);
      expect(st.subnets.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(st.now))).toBe(false);
    });

    it("sim status leaves a world with nothing due as it was: looking writes nothing", async () => {
      const state = await world("healthy");
      await statusCommand(state);
      const before = statSync(state);
      await statusCommand(state);
      const after = statSync(state);
      // An atomic rewrite would replace the file: a new inode.
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    });

    it("sim status text names the custom key stores and CloudHSM clusters sections", async () => {
      const state = await world("healthy");
      const res = await kcs(["sim", "status", "--sim-state", state]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain("Custom key stores");
      expect(res.stdout).toContain("CloudHSM clusters");
      const st = await status(state);
      expect(res.stdout).toContain(st.stores[0]!.customKeyStoreId);
    });

    it("sim advance 20m moves the simulated clock forward by at least 20 minutes", async () => {
      const state = await world("healthy");
      const start = Date.now();
      const before = await status(state);
      const adv = await kcs(["sim", "advance", "20m", "--sim-state", state]);
      expect(adv.code, adv.stderr).toBe(0);
      const after = await status(state);
      const wallMs = Date.now() - start;
      const movedMs = Date.parse(after.now) - Date.parse(before.now);
      expect(movedMs).toBeGreaterThanOrEqual(20 * 60_000);
      // ...and by not much more than the scaled wall clock would have moved it anyway.
      expect(movedMs).toBeLessThanOrEqual(20 * 60_000 + before.timeScale * wallMs + 60_000);
    });

    it("sim faults --latency --error-rate persists, and --clear restores the defaults", async () => {
      const state = await world("healthy");
      const initial = await kcs(["sim", "faults", "-o", "json", "--sim-state", state]);
      expect(initial.code, initial.stderr).toBe(0);
      const set = await kcs([
        "sim",
        "faults",
        "--latency",
        "50ms",
        "--error-rate",
        "0.1",
        "-o",
        "json",
        "--sim-state",
        state,
      ]);
      expect(set.code, set.stderr).toBe(0);
      expect(JSON.parse(set.stdout)).toMatchObject({ latencyMs: 50, transientErrorRate: 0.1 });
      const shown = await kcs(["sim", "faults", "-o", "json", "--sim-state", state]);
      expect(JSON.parse(shown.stdout) as Faults).toEqual(JSON.parse(set.stdout));
      const cleared = await kcs(["sim", "faults", "--clear", "-o", "json", "--sim-state", state]);
      expect(cleared.code, cleared.stderr).toBe(0);
      expect(JSON.parse(cleared.stdout) as Faults).toEqual(JSON.parse(initial.stdout));
    });

    it("sim faults --connect-failure with an unknown code exits 1 and changes nothing", async () => {
      const state = await world("healthy");
      const before = await kcs(["sim", "faults", "-o", "json", "--sim-state", state]);
      const res = await kcs(["sim", "faults", "--connect-failure", "BOGUS", "--sim-state", state]);
      expectOneLineError(res, "BOGUS");
      const after = await kcs(["sim", "faults", "-o", "json", "--sim-state", state]);
      expect(after.stdout).toBe(before.stdout);
    });
  });

  describe("kcs sim hsm (CloudHSM CLI shapes)", () => {
    const NEW_PASSWORD = "NewPassw0rd7";
    const hsm = (state: string, args: string[], input?: string) =>
      kcs(["sim", "hsm", ...args, "--sim-state", state], input === undefined ? {} : { input: `${input}\n` });
    const changePassword = (state: string) =>
      hsm(
        state,
        ["user", "change-password", "--username", "kmsuser", "--role", "crypto-user", "--password-stdin"],
        NEW_PASSWORD,
      );
    const login = (state: string, password: string) =>
      hsm(state, ["login", "--username", "kmsuser", "--role", "crypto-user", "--password-stdin"], password);
    type Users = HsmAnswer<{ users?: { username: string; role: string; locked: string }[] }>;

    // Regression: `sim hsm user list` once printed the serialised Promise of an async callback: no users.
    it("user list shows kmsuser as a crypto-user, not locked", async () => {
      const state = await world("invalid-credentials");
      const res = await hsm(state, ["user", "list"]);
      expect(res.code, res.stderr).toBe(0);
      const users = (JSON.parse(res.stdout) as Users).data.users ?? [];
      expect(users).toContainEqual(
        expect.objectContaining({ username: "kmsuser", role: "crypto-user", locked: "false" }),
      );
    });

    it("user change-password takes the password on stdin and never prints it", async () => {
      const state = await world("invalid-credentials");
      const res = await changePassword(state);
      expect(res.code, res.stderr).toBe(0);
      expect((JSON.parse(res.stdout) as HsmAnswer<{ username: string }>).data.username).toBe("kmsuser");
      expect(res.stdout + res.stderr).not.toContain(NEW_PASSWORD);
    });

    it("login with the new password, key list --verbose shows KMS key labels, logout ends the session", async () => {
      const state = await world("invalid-credentials");
      expect((await changePassword(state)).code).toBe(0);
      const li = await login(state, NEW_PASSWORD);
      expect(li.code, li.stderr).toBe(0);
      expect(li.stdout + li.stderr).not.toContain(NEW_PASSWORD);
      const keys = await hsm(state, ["key", "list", "--verbose"]);
      expect(keys.code, keys.stderr).toBe(0);
      const listed = JSON.parse(keys.stdout) as HsmAnswer<{
        matched_keys: { "key-reference": string; attributes: { label: string } }[];
        total_key_count: number;
      }>;
      expect(listed.data.matched_keys.length).toBeGreaterThan(0);
      expect(listed.data.total_key_count).toBe(listed.data.matched_keys.length);
      for (const k of listed.data.matched_keys) expect(k.attributes.label).toMatch(/^arn:aws:kms:/);
      const out = await hsm(state, ["logout"]);
      expect(out.code, out.stderr).toBe(0);
      expect((JSON.parse(out.stdout) as HsmAnswer<string>).data).toBe("Logout successful");
      // The session is over: key list needs a login again.
      expectOneLineError(await hsm(state, ["key", "list"]));
    });

    it("login with a wrong password fails with exit 1 and does not echo it", async () => {
      const state = await world("invalid-credentials");
      const res = await login(state, "WrongPassw0rd9");
      expectOneLineError(res);
      expect(res.stdout + res.stderr).not.toContain("WrongPassw0rd9");
    });

    // Regression: a refused login's failed-login count was once rolled back with the refusal.
    it("a wrong-password login counts toward lockout without locking kmsuser yet", async () => {
      const state = await world("invalid-credentials");
      const before = (await status(state)).clusters[0]!.kmsuser;
      expect(before.locked).toBe(false);
      expect((await login(state, "WrongPassw0rd9")).code).toBe(1);
      const after = (await status(state)).clusters[0]!.kmsuser;
      expect(after.failedLogins).toBe(before.failedLogins + 1);
      expect(after.locked).toBe(false);
    });

    it("a password given as --password is refused as an unknown flag: secrets never come from argv", async () => {
      const state = await world("invalid-credentials");
      const res = await hsm(state, ["login", "--username", "kmsuser", "--password", NEW_PASSWORD]);
      expectOneLineError(res, "password");
      expect(res.stdout + res.stderr).not.toContain(NEW_PASSWORD);
      const cp = await hsm(state, [
        "user",
        "change-password",
        "--username",
        "kmsuser",
        "--password",
        NEW_PASSWORD,
      ]);
      expectOneLineError(cp, "password");
      expect(cp.stdout + cp.stderr).not.toContain(NEW_PASSWORD);
    });
  });

  describe("hostile store names (issue 9)", () => {
    const HOSTILE = "evil\u001b]0;pwned\u0007\u001b[2J\n✔ Fixed: FORGED\r</details>";

    it("doctor, fix --dry-run and sim status print them without escape sequences or forged lines, in text and markdown", async () => {
      const state = await world("invalid-credentials");
      const w = JSON.parse(readFileSync(state, "utf8"));
      w.stores[0].CustomKeyStoreName = HOSTILE;
      writeFileSync(state, JSON.stringify(w));
      for (const output of ["text", "markdown"]) {
        for (const args of [["doctor"], ["fix", "--dry-run"], ["sim", "status"]]) {
          const res = await kcs([...args, "-o", output, "--sim-state", state]);
          const all = res.stdout + res.stderr;
          expect(all, args.join(" ")).toContain("evil");
          expect(all).not.toContain("\u001b");
          expect(all).not.toContain("\r");
          expect(all.split("\n").some((l) => l.startsWith("✔ Fixed: FORGED"))).toBe(false);
        }
      }
    });
  });

  describe("doctor output modes and selection", () => {
    let fleet: string;
    let full: Report;
    beforeAll(async () => {
      fleet = await world("fleet");
      full = (await doctorJson(fleet)).report;
    });

    it("-o json prints only JSON on stdout and nothing on stderr", async () => {
      const res = await kcs(["doctor", "-o", "json", "--sim-state", fleet]);
      expect(res.code).toBe(2);
      expect(res.stderr).toBe("");
      const report = parseDocument<Report>(res.stdout, "kcs-doctor-report");
      expect(report.schemaVersion).toBe(1);
      expect(report.kind).toBe("kcs-doctor-report");
      expect(report.stores.length).toBeGreaterThan(1);
    });

    it("-o markdown starts with ## kcs doctor", async () => {
      const res = await kcs(["doctor", "-o", "markdown", "--sim-state", fleet]);
      expect(res.code).toBe(2);
      expect(res.stdout.startsWith("## kcs doctor")).toBe(true);
    });

    it("text output has no ANSI escapes when NO_COLOR is set", async () => {
      const res = await kcs(["doctor", "--sim-state", fleet]);
      expect(res.code).toBe(2);
      expect(res.stdout).toContain("needs attention");
      expect(res.stdout + res.stderr).not.toContain(ANSI);
    });

    it("text output has no ANSI escapes with --no-color", async () => {
      const res = await kcs(["doctor", "--no-color", "--sim-state", fleet], { env: { NO_COLOR: "" } });
      expect(res.code).toBe(2);
      expect(res.stdout).toContain("needs attention");
      expect(res.stdout + res.stderr).not.toContain(ANSI);
    });

    describe.skipIf(!HAS_SCRIPT)("on a terminal", () => {
      it("text output is coloured on a TTY", async () => {
        const res = await runKcsInTty(["doctor", "--sim-state", fleet], {
          cwd: SANDBOX,
          env: { NO_COLOR: "" },
        });
        expect(res.code, res.output).toBe(2);
        expect(res.output).toContain(ANSI);
      });

      it("NO_COLOR turns colour off on a TTY", async () => {
        const res = await runKcsInTty(["doctor", "--sim-state", fleet], {
          cwd: SANDBOX,
          env: { NO_COLOR: "1" },
        });
        expect(res.code, res.output).toBe(2);
        expect(res.output).toContain("needs attention");
        expect(res.output).not.toContain(ANSI);
      });

      it("--no-color turns colour off on a TTY", async () => {
        const res = await runKcsInTty(["doctor", "--no-color", "--sim-state", fleet], {
          cwd: SANDBOX,
          env: { NO_COLOR: "" },
        });
        expect(res.code, res.output).toBe(2);
        expect(res.output).toContain("needs attention");
        expect(res.output).not.toContain(ANSI);
      });
    });

    it("--store NAME selects that store of the fleet", async () => {
      const target = full.stores.find((s) => !s.healthy)!;
      const { res, report } = await doctorJson(fleet, "--store", target.customKeyStoreName);
      expect(res.code).toBe(2);
      expect(report.stores.map((s) => s.customKeyStoreId)).toEqual([target.customKeyStoreId]);
      expect(report.findings.length).toBeGreaterThan(0);
      for (const f of report.findings) expect(f.customKeyStoreId).toBe(target.customKeyStoreId);
    });

    it("--store ID selects that store of the fleet", async () => {
      const target = full.stores.find((s) => s.healthy)!;
      const { res, report } = await doctorJson(fleet, "--store", target.customKeyStoreId);
      expect(res.code).toBe(0);
      expect(report.stores.map((s) => s.customKeyStoreName)).toEqual([target.customKeyStoreName]);
    });

    it("--since 7d reads CloudTrail back 7 days (a 5-day-old orphan is found, not with --since 1d)", async () => {
      const week = await doctorJson(fleet, "--since", "7d");
      expect(week.res.code).toBe(2);
      expect(week.report.findings.map((f) => f.code)).toContain("ORPHANED_KEY_MATERIAL");
      const day = await doctorJson(fleet, "--since", "1d");
      expect(day.res.code).toBe(2);
      expect(day.report.findings.map((f) => f.code)).not.toContain("ORPHANED_KEY_MATERIAL");
    });

    it("--since bogus exits 1 with one line", async () => {
      expectOneLineError(await kcs(["doctor", "--since", "bogus", "--sim-state", fleet]), "--since");
    });
  });

  describe("kcs fix", () => {
    it("--finding with an unknown code exits 1 naming doctor", async () => {
      const state = await world("invalid-credentials");
      expectOneLineError(await kcs(["fix", "--finding", "NOPE", "--sim-state", state]), "NOPE", "doctor");
    });

    it("--param with an unknown name exits 1 naming the allowed parameters", async () => {
      const state = await world("invalid-credentials");
      const res = await kcs(["fix", "--param", "Bogus=1", "--sim-state", state]);
      expectOneLineError(res, "Bogus", "BackupId", "SubnetIds", "HsmType");
    });

    it("--dry-run -o json prints a kcs-plan and changes nothing", async () => {
      const state = await world("invalid-credentials");
      const before = await status(state);
      const res = await kcs(["fix", "--dry-run", "-o", "json", "--sim-state", state]);
      expect(res.code, res.stderr).toBe(2);
      const plan = parseDocument<{
        kind: string;
        schemaVersion: number;
        actions: { finding: string; runbook: string; steps: { mutating: boolean }[] }[];
      }>(res.stdout, "kcs-plan");
      expect(plan.kind).toBe("kcs-plan");
      expect(plan.schemaVersion).toBe(1);
      expect(plan.actions.map((a) => [a.finding, a.runbook])).toEqual([
        ["INVALID_CREDENTIALS", "rotate-kmsuser-password"],
      ]);
      expect(plan.actions[0]!.steps.some((s) => s.mutating)).toBe(true);
      // Nothing changed: the world reads the same (but for the clock and CloudTrail's record of the
      // plan's reads) and doctor still finds the problem.
      const after = await status(state);
      expect(after.cloudTrailReads).toBeGreaterThan(before.cloudTrailReads);
      expect({ ...after, now: "", cloudTrailReads: 0 }).toEqual({ ...before, now: "", cloudTrailReads: 0 });
      const { res: doc, report } = await doctorJson(state);
      expect(doc.code).toBe(2);
      expect(report.findings.map((f) => f.code)).toEqual(["INVALID_CREDENTIALS"]);
    });

    it("on a healthy world exits 0 with Nothing to fix", async () => {
      const state = await world("healthy");
      const res = await kcs(["fix", "--sim-state", state]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain("Nothing to fix");
    });
  });
});
