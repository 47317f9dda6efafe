import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ParseEntry, parse } from "shell-quote";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, KCS, type RunOptions, type RunResult, runKcs, tempDir } from "../helpers/cli.js";
import { description, type HelpPage, isBoolean, parseHelp } from "../helpers/help-page.js";
import { initWorld } from "../helpers/world-file.js";

// Scratch working directories only: no example may reach the repository's .kcs/.
const SANDBOX = tempDir("kcs-help-");
const kcs = (args: string[], opts: RunOptions = {}) => runKcs(args, { cwd: SANDBOX, ...opts });

const GLOBAL_FLAGS = [
  "--backend",
  "--sim-state",
  "--region",
  "--profile",
  "--endpoint-url",
  "--request-timeout",
  "--output",
  "--color",
  "--debug",
  "--lang",
  "--help",
  "--version",
];

/** Every help page, found from `kcs --help` down through each page's Commands: section. */
async function walkHelp(): Promise<HelpPage[]> {
  const pages: HelpPage[] = [];
  let level: string[][] = [[]];
  while (level.length > 0) {
    const found = await Promise.all(
      level.map(async (path) => {
        const res = await kcs([...path, "--help"]);
        expect(res.code, `kcs ${path.join(" ")} --help: ${res.stderr}`).toBe(0);
        expect(res.stderr).toBe("");
        return parseHelp(path, res.stdout);
      }),
    );
    pages.push(...found);
    level = found.flatMap((p) => p.commands.map((c) => c.path));
  }
  return pages;
}

const title = (p: HelpPage) => ["kcs", ...p.path, "--help"].join(" ");

/** The password every example's secrets are (stdin, $PW, KCS_HSM_PASSWORD, KCS_KMSUSER_PASSWORD). */
const PASSWORD = "Passw0rd1234";
const EXAMPLE_ENV = { KCS_HSM_PASSWORD: PASSWORD, KCS_KMSUSER_PASSWORD: PASSWORD };

interface ExampleLine {
  /** The words after `kcs`. */
  args: string[];
  /** Piped in by `echo "$PW" | kcs ...`. */
  input?: string;
  /** Redirections, process substitution: a line for a shell, not one kcs can be run with here. */
  shellOnly: boolean;
}

function readExample(line: string): ExampleLine {
  const words: ParseEntry[] = parse(line, (name) => (name.endsWith("PW") ? PASSWORD : `$${name}`));
  const at = words.indexOf("kcs");
  // echo 'source <(kcs completion zsh)' >> ~/.zshrc: the kcs line is inside a quoted word.
  const quoted = words.find((w): w is string => typeof w === "string" && /\bkcs /.test(w));
  if (at < 0 && quoted) return { ...readExample(quoted), shellOnly: true };
  expect(at, `${line}: names kcs`).toBeGreaterThanOrEqual(0);
  const before = words.slice(0, at);
  const after = words.slice(at + 1);
  const piped = before.length === 3 && before[0] === "echo" && (before[2] as { op?: string }).op === "|";
  const rest = after.findIndex((w) => typeof w !== "string");
  return {
    args: (rest < 0 ? after : after.slice(0, rest)) as string[],
    ...(piped ? { input: `${String(before[1])}\n` } : {}),
    shellOnly: (before.length > 0 && !piped) || rest >= 0,
  };
}

/** The page an example's command line reaches, checking every flag on the way is one that page lists. */
function resolve(args: string[], pages: Map<string, HelpPage>, line: string): HelpPage {
  let page = pages.get("")!;
  let positionals = 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word.startsWith("-")) {
      const name = word.replace(/=.*/, "");
      const entry = page.entries.find(
        (e) => e.names.includes(name) || (isBoolean(e) && e.names.includes(name.replace(/^--no-/, "--"))),
      );
      expect(entry, `${line}: ${title(page)} lists ${name}`).toBeDefined();
      if (!isBoolean(entry!) && !word.includes("=")) i++;
      continue;
    }
    const child = pages.get([...page.path, word].join(" "));
    if (child && positionals === 0) page = child;
    else positionals++;
  }
  const takes = page.entries.filter((e) => e.heading === "Positionals:").length;
  expect(positionals, `${line}: ${title(page)} takes ${takes} argument(s)`).toBeLessThanOrEqual(takes);
  return page;
}

/**
 * What an example needs first: a scenario (its kmsuser password set to PASSWORD) and commands run in
 * it. The first rule that matches the example's line applies.
 */
const SETUPS: [RegExp, string, string[][]][] = [
  [/sim hsm key /, "invalid-credentials", [["sim", "hsm", "login"]]],
  [/sim hsm user create/, "user-not-found", []],
  // kmsuser owns keys in every scenario that has one: a new kmsuser owns none.
  [/sim hsm user delete/, "user-not-found", [["sim", "hsm", "user", "create"]]],
  // A console connect needs a DISCONNECTED store; a cluster can be deleted once it has no HSM.
  [/sim act (connect|set-kmsuser-password) /, "store-disconnected", []],
  [/sim act delete-cluster /, "no-active-hsms", []],
  // The proxy side: a world with XKS proxies (one behind a VPC endpoint service) and a CloudHSM finding.
  [/sim act (proxy-|set-ekm-health|enable-xks-key|disable-xks-key|fix-vpce)/, "mixed-fleet", []],
  // Fleet runs: the world of 3 Regions and 2 accounts, whose member account has the audit role.
  [/--all-regions|--region \S+ --region/, "fleet", []],
  [/./, "invalid-credentials", []],
];

/**
 * A folder holding a scenario's world (in .kcs/, where kcs looks), the plan.json examples apply and
 * the snap.json and trail/ they diagnose.
 */
function scenarioFolders(): (scenario: string) => Promise<string> {
  const made = new Map<string, Promise<string>>();
  const make = async (scenario: string) => {
    const dir = tempDir(`kcs-help-${scenario}-`);
    initWorld(join(dir, ".kcs", "sim-world.json"), scenario);
    // No kmsuser to set in user-not-found; no HSM to reach in no-active-hsms; the fleet has many clusters.
    if (scenario !== "user-not-found" && scenario !== "no-active-hsms" && scenario !== "fleet") {
      const set = await runKcs(["sim", "hsm", "user", "change-password"], { cwd: dir, env: EXAMPLE_ENV });
      expect(set.code, set.stderr).toBe(0);
    }
    const plan = await runKcs(["fix", "--dry-run", "--out", "plan.json"], { cwd: dir, env: EXAMPLE_ENV });
    expect(plan.code, plan.stderr).toBe(2);
    // The trail folder --cloudtrail-dir examples read (kcs sim export-trail fills one), and the
    // snapshot the --from-snapshot examples read.
    mkdirSync(join(dir, "trail"));
    const snap = await runKcs(["doctor", "--save-snapshot", "snap.json"], { cwd: dir, env: EXAMPLE_ENV });
    expect(snap.code, snap.stderr).toBeLessThanOrEqual(2);
    expect(snap.stderr).toBe("");
    return dir;
  };
  return (scenario) => {
    if (!made.has(scenario)) made.set(scenario, make(scenario));
    return made.get(scenario)!;
  };
}

describe.concurrent("kcs --help pages", () => {
  let pages: HelpPage[];
  let byPath: Map<string, HelpPage>;
  beforeAll(async () => {
    pages = await walkHelp();
    byPath = new Map(pages.map((p) => [p.path.join(" "), p]));
  });

  it("reach every command and subcommand", () => {
    for (const path of [
      "doctor",
      "fix",
      "runbooks list",
      "runbooks show",
      "sim scenarios",
      "sim init",
      "sim status",
      "sim serve",
      "sim faults",
      "sim advance",
      "sim hsm user list",
      "sim hsm user change-password",
      "sim hsm user create",
      "sim hsm user delete",
      "sim hsm login",
      "sim hsm logout",
      "sim hsm key list",
      "sim hsm key delete",
      "completion",
    ])
      expect(byPath.has(path), path).toBe(true);
  });

  it("describe every command, flag and positional", () => {
    const missing = pages.flatMap((p) => [
      ...p.commands
        .filter((c) => c.description.trim() === "")
        .map((c) => `${title(p)}: kcs ${c.path.join(" ")}`),
      ...p.entries.filter((e) => description(e) === "").map((e) => `${title(p)}: ${e.names[0]}`),
    ]);
    expect(missing).toEqual([]);
    // The walk would pass on pages it failed to read: make sure it read entries at all.
    expect(byPath.get("sim init")!.entries.map((e) => e.names[0])).toContain("--scenario");
  });

  it("list a command's own flags first and the global ones after them, under Global options:", () => {
    for (const p of pages) {
      const at = (h: string) => p.headings.indexOf(h);
      expect(at("Global options:"), title(p)).toBeGreaterThanOrEqual(0);
      const globals = p.entries.filter((e) => e.heading === "Global options:").map((e) => e.names[0]);
      expect(globals.sort(), title(p)).toEqual([...GLOBAL_FLAGS].sort());
      for (const own of ["Positionals:", "Options:"]) {
        if (at(own) >= 0) expect(at(own), `${title(p)}: ${own}`).toBeLessThan(at("Global options:"));
      }
    }
    const doctor = byPath.get("doctor")!;
    expect(doctor.entries.filter((e) => e.heading === "Options:").map((e) => e.names[0])).toContain(
      "--store",
    );
  });

  it("show examples on every page, each one a command line that page (or one below it) takes", () => {
    for (const p of pages) {
      expect(p.examples.length, title(p)).toBeGreaterThan(0);
      for (const line of p.examples) {
        const reached = resolve(readExample(line).args, byPath, line);
        expect(reached.path.slice(0, p.path.length), `${line} (on ${title(p)})`).toEqual(p.path);
      }
    }
  });

  it("examples run: each one that needs no AWS, no server and no shell succeeds in a simulated world", async () => {
    const folder = scenarioFolders();
    const lines = [...new Set(pages.flatMap((p) => p.examples))];
    const runnable = lines
      .map((line) => ({ line, ...readExample(line) }))
      // AWS needs credentials; sim serve runs until stopped; redirections need a shell.
      .filter((e) => !e.shellOnly && !e.args.includes("aws") && !e.line.includes("sim serve"));
    expect(runnable.length).toBeGreaterThan(25);
    const failed: string[] = [];
    // Two at a time: the machine has two cores, and other files' tests run meanwhile.
    const queue = [...runnable];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift()) await runExample(e);
    };
    const runExample = async (e: (typeof runnable)[number]) => {
      const cwd = tempDir("kcs-help-example-");
      const [, scenario, first] = SETUPS.find(([re]) => re.test(e.line))!;
      cpSync(await folder(scenario), cwd, { recursive: true });
      for (const args of first) {
        const res = await runKcs(args, { cwd, env: EXAMPLE_ENV });
        expect(res.code, `${args.join(" ")}: ${res.stderr}`).toBe(0);
      }
      const res = await runKcs(e.args, { cwd, env: EXAMPLE_ENV, ...(e.input ? { input: e.input } : {}) });
      // 2 is a command that worked and found something to attend to (doctor, fix --dry-run).
      if (res.code !== 0 && res.code !== 2) failed.push(`${e.line} -> ${res.code}: ${res.stderr.trim()}`);
    };
    await Promise.all([worker(), worker()]);
    expect(failed).toEqual([]);
  }, 240_000);
});

describe.concurrent("kcs --help text", () => {
  it("lists the exit statuses 0, 1, 2, 3 and 130 with their meanings", async () => {
    const res = await kcs(["--help"]);
    expect(res.stdout).toMatch(/^Exit status:$/m);
    expect(res.stdout).toMatch(/^ {2}0 +success/m);
    expect(res.stdout).toMatch(/^ {2}1 +kcs could not do what was asked: a usage error/m);
    expect(res.stdout).toMatch(/^ {2}2 +the command worked and found something that needs attention/m);
    expect(res.stdout).toMatch(/^ {2}3 +kcs fix stopped, on purpose, before a manual step/m);
    expect(res.stdout).toMatch(/^ {2}130 +interrupted/m);
  });

  it("is the same for kcs help and kcs -oh: every way of asking gets the words, not empty columns", async () => {
    const asked = await kcs(["--help"]);
    expect(asked.stdout).toContain("Diagnose every custom key store");
    expect((await kcs(["help"])).stdout).toBe(asked.stdout);
    const doctor = await kcs(["doctor", "--help"]);
    expect(doctor.stdout).toContain("Only this store (id or name)");
    expect((await kcs(["doctor", "-oh"])).stdout).toBe(doctor.stdout);
  });
});

/** The contract's error shape for usage errors: exit 1 and exactly this one line on stderr. */
function expectUsageError(res: RunResult, line: string): void {
  expect(res.code, res.stderr).toBe(1);
  expect(res.stderr).toBe(`kcs: ${line}\n`);
  expect(res.stdout).toBe("");
}

describe.concurrent("usage errors suggest what was meant", () => {
  it("an unknown flag close to a known one", async () => {
    expectUsageError(
      await kcs(["doctor", "--stor", "x"]),
      "Unknown argument --stor. Did you mean --store? (kcs doctor --help shows usage)",
    );
    expectUsageError(
      await kcs(["fix", "--dryrun"]),
      "Unknown argument --dryrun. Did you mean --dry-run? (kcs fix --help shows usage)",
    );
  });

  it("a mistyped global flag on a subcommand, and a flag typed in part", async () => {
    expectUsageError(
      await kcs(["sim", "status", "--sim-stat", "w.json"]),
      "Unknown argument --sim-stat. Did you mean --sim-state? (kcs sim status --help shows usage)",
    );
    expectUsageError(
      await kcs(["doctor", "--endpoint", "http://127.0.0.1:1"]),
      "Unknown argument --endpoint. Did you mean --endpoint-url? (kcs doctor --help shows usage)",
    );
  });

  it("names the flag once, as typed (yargs reports a mistyped --some-flag twice)", async () => {
    expectUsageError(
      await kcs(["sim", "hsm", "login", "--pasword-stdin"]),
      "Unknown argument --pasword-stdin. Did you mean --password-stdin? (kcs sim hsm login --help shows usage)",
    );
  });

  it("a flag like no other gets no guess", async () => {
    expectUsageError(
      await kcs(["doctor", "--bogus"]),
      "Unknown argument --bogus (kcs doctor --help shows usage)",
    );
  });

  it("an unknown command close to a known one", async () => {
    expectUsageError(
      await kcs(["doctr"]),
      "Unknown command doctr. Did you mean kcs doctor? (kcs --help shows usage)",
    );
    expectUsageError(
      await kcs(["sim", "stauts"]),
      "Unknown command stauts. Did you mean kcs sim status? (kcs sim --help shows usage)",
    );
  });

  it("a missing required flag and a value not among the choices are named as flags", async () => {
    const init = await kcs(["sim", "init"]);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(
      /^kcs: Missing required argument --scenario\. .*\(kcs sim init --help shows usage\)\n$/,
    );
    expectUsageError(
      await kcs(["doctor", "-o", "yaml"]),
      '--output takes "text", "json", "markdown", "ssm-automation"; got "yaml" (kcs doctor --help shows usage)',
    );
  });
});

/** Runs `script` in bash with a `kcs` on PATH that is the built one. */
function inBash(script: string): Promise<RunResult> {
  const bin = tempDir("kcs-help-bin-");
  writeFileSync(join(bin, "kcs"), `#!/bin/sh\nexec "${process.execPath}" "${KCS}" "$@"\n`, { mode: 0o755 });
  return new Promise((resolvePromise, reject) => {
    const env = cleanEnv({ PATH: `${bin}:${process.env.PATH}`, SHELL: "/bin/bash" });
    const child = spawn("bash", ["-c", script], { cwd: SANDBOX, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe.concurrent("kcs completion", () => {
  it("prints a bash script by default, and a zsh one for zsh", async () => {
    const bash = await kcs(["completion"], { env: { SHELL: "/bin/bash" } });
    expect(bash.code, bash.stderr).toBe(0);
    expect(bash.stdout).toContain("complete -o bashdefault -o default -F _kcs_completions kcs");
    expect(bash.stdout).toContain("kcs --get-yargs-completions");
    for (const res of [
      await kcs(["completion", "zsh"]),
      await kcs(["completion"], { env: { SHELL: "/bin/zsh" } }),
    ]) {
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/^#compdef kcs$/m);
      expect(res.stdout).toContain("compdef _kcs_completions kcs");
    }
  });

  it("answers the completion protocol: a command's flags, subcommands, a flag's choices", async () => {
    const flags = await kcs(["--get-yargs-completions", "kcs", "doctor", "--s"]);
    expect(flags.code, flags.stderr).toBe(0);
    expect(flags.stdout.split("\n")).toEqual(expect.arrayContaining(["--store", "--since", "--sim-state"]));
    const subcommands = await kcs(["--get-yargs-completions", "kcs", "sim", "hsm", "user", ""]);
    expect(subcommands.stdout.split("\n")).toEqual(
      expect.arrayContaining(["list", "change-password", "create", "delete"]),
    );
    const choices = await kcs(["--get-yargs-completions", "kcs", "doctor", "-o", ""]);
    expect(choices.stdout.split("\n").filter(Boolean)).toEqual([
      "text",
      "json",
      "markdown",
      "ssm-automation",
    ]);
  });

  it("completes in bash: doctor --s<Tab> offers --save-snapshot, --sim-state, --since and --store", async () => {
    const res = await inBash(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${...}, not JavaScript's.
      'source <(kcs completion bash) && COMP_WORDS=(kcs doctor --s) && COMP_CWORD=2 && _kcs_completions && printf "%s\\n" "${COMPREPLY[@]}"',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.split("\n").filter(Boolean).sort()).toEqual([
      "--save-snapshot",
      "--sim-state",
      "--since",
      "--store",
    ]);
  });

  it("completing runs the help bundle: the cache it keeps is the help bundle's, never a command's", async () => {
    const cache = join(tempDir("kcs-help-cache-"), "cache");
    const res = await kcs(["--get-yargs-completions", "kcs", "doctor", "--s"], {
      env: { KCS_CODE_CACHE_DIR: cache },
    });
    expect(res.code).toBe(0);
    const light = JSON.parse(readFileSync("dist/bundle-cjs/light.cjs.json", "utf8")) as { sha256: string };
    expect(readdirSync(cache).map((d) => d.slice(0, 20))).toEqual([light.sha256.slice(0, 20)]);
  });
});
