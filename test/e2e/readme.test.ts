import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import MarkdownIt from "markdown-it";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, tempDir } from "../helpers/cli.js";

/**
 * Every ```sh block of README.md, run as written and in order, in one shell on a fresh copy of the
 * repository, as a newcomer would type them: each command's exit status must be the one the README
 * implies. What a command should end with is written here, beside why, so the README's prose stays
 * the README's. A README command this table does not know fails the test: decide its status here.
 */
type Outcome =
  | { code: number; why?: string; run?: string }
  /** Not run, and why. */
  | { skip: string };

/** The README's commands (comments dropped), in order, each with its expected outcome. */
const EXPECTED: [command: string, outcome: Outcome][] = [
  // ## Two commands
  [
    "npm install && node bin/kcs.js doctor",
    {
      run: "node bin/kcs.js doctor",
      code: 2,
      why: "npm install builds dist/, which the e2e setup has just done for this checkout (the copy uses its node_modules); the default world, fleet, has six failing stores",
    },
  ],
  ["npm test", { skip: "the whole test suite, this test included" }],
  // ## A short tour
  [
    'KCS_HOME="$PWD"; kcs() { node "$KCS_HOME/bin/kcs.js" "$@"; }',
    { code: 0, why: "defines kcs for the rest" },
  ],
  ["kcs sim scenarios", { code: 0 }],
  ["kcs sim init --scenario invalid-credentials", { code: 0 }],
  ["kcs sim status", { code: 0 }],
  ["kcs doctor", { code: 2, why: "INVALID_CREDENTIALS" }],
  ["kcs doctor -o json", { code: 2, why: "INVALID_CREDENTIALS" }],
  [
    'kcs doctor -o markdown >> "$GITHUB_STEP_SUMMARY"',
    {
      code: 2,
      why: "INVALID_CREDENTIALS; GITHUB_STEP_SUMMARY is set here as a GitHub Actions runner sets it",
    },
  ],
  ["kcs completion bash >> ~/.bashrc", { skip: "writes the reader's shell startup file" }],
  ["echo 'source <(kcs completion zsh)' >> ~/.zshrc", { skip: "writes the reader's shell startup file" }],
  // ### Languages
  ["kcs --lang ja doctor", { code: 2, why: "INVALID_CREDENTIALS, said in Japanese" }],
  ["LANG=ja_JP.UTF-8 kcs sim status", { code: 0 }],
  // ## Repairing: kcs fix (the demo)
  ["kcs sim init --scenario cluster-not-found", { code: 0 }],
  ["kcs doctor", { code: 2, why: "CLUSTER_NOT_FOUND" }],
  ["kcs fix --dry-run -o markdown", { code: 2, why: "a dry run with a non-empty plan exits 2" }],
  ["printf 'Demo2026pass\\n' | kcs fix --yes --password-stdin", { code: 0 }],
  ["kcs doctor", { code: 0, why: "healthy again" }],
  // ### Against AWS, or the simulator over HTTP
  ["kcs --backend aws --region eu-west-1 doctor", { skip: "needs a real AWS account" }],
  [
    "kcs sim serve --port 4566 &",
    { code: 0, why: "runs in the background: the test waits for its first line and stops it at the end" },
  ],
  ["export AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=sim AWS_SECRET_ACCESS_KEY=sim", { code: 0 }],
  [
    "kcs --backend aws --endpoint-url http://127.0.0.1:4566 doctor",
    { code: 0, why: "the served world is the demo's, repaired" },
  ],
  ["aws --endpoint-url http://127.0.0.1:4566 --region eu-west-1 kms describe-custom-key-stores", { code: 0 }],
  ["aws --endpoint-url http://127.0.0.1:4566 --region eu-west-1 ec2 describe-subnets", { code: 0 }],
  // ### Practising on the simulated HSM
  ["kcs sim init --scenario healthy", { code: 0 }],
  ["kcs sim act disconnect payments-cks --wait", { code: 0 }],
  ["kcs sim hsm user list", { code: 0 }],
  [
    'echo "NewPassw0rd" | kcs sim hsm user change-password --username kmsuser --role crypto-user --password-stdin',
    { code: 0 },
  ],
  [
    'echo "NewPassw0rd" | kcs sim hsm login --username kmsuser --role crypto-user --password-stdin',
    { code: 0 },
  ],
  [
    "kcs sim hsm key list --filter attr.label=arn:aws:kms:eu-west-1:111122223333:key/1e023855-9b12-4805-a8f5-bf5f805b4f6c",
    { code: 0, why: "the healthy scenario's first key: scenario ids are the same on every init" },
  ],
  ["kcs sim hsm logout", { code: 0 }],
  ['echo "NewPassw0rd" | kcs sim act set-kmsuser-password payments-cks --password-stdin', { code: 0 }],
  ["kcs sim act connect payments-cks --wait", { code: 0 }],
  ["kcs sim act disconnect payments-cks --wait", { code: 0 }],
  ["kcs doctor", { code: 2, why: "STORE_DISCONNECTED" }],
  ["kcs fix --yes", { code: 0, why: "the reconnect runbook needs no password" }],
  ["kcs doctor", { code: 0, why: "healthy" }],
  ["kcs sim faults --latency 50ms --error-rate 0.05 --deny cloudtrail:LookupEvents", { code: 0 }],
  ["kcs sim faults --lost-answer-rate 0.2 --reset-rate 0.05 --hang-rate 0.02 --hang 3s", { code: 0 }],
  ["kcs sim faults --clear", { code: 0 }],
  ["kcs sim advance 20m", { code: 0 }],
  // ### External key stores (XKS)
  ["kcs sim init --scenario xks-healthy", { code: 0 }],
  [
    "printf 'DemoProxySecretDemoProxySecretDemoProxySecret0\\n' | kcs sim act set-proxy-credential partner-xks --access-key-id DEMOXKSACCESSKEY2345 --secret-stdin",
    { code: 0 },
  ],
  ["kcs sim act disconnect partner-xks --wait", { code: 0 }],
  [
    "kcs sim act connect partner-xks --wait",
    { code: 0, why: "act reports the FAILED store; the call itself worked" },
  ],
  ["kcs doctor", { code: 2, why: "INVALID_CREDENTIALS on partner-xks" }],
  [
    "printf 'DEMOXKSACCESSKEY2345:DemoProxySecretDemoProxySecretDemoProxySecret0\\n' | kcs fix --yes --xks-credential-stdin",
    { code: 0 },
  ],
  ["kcs sim act set-ekm-health partner-xks ekm-2 DEGRADED", { code: 0 }],
  [
    "KCS_XKS_ACCESS_KEY_ID=DEMOXKSACCESSKEY2345 KCS_XKS_SECRET_ACCESS_KEY=DemoProxySecretDemoProxySecretDemoProxySecret0 kcs doctor --probe",
    { code: 2, why: "XKS_PROXY_DEGRADED, a warning" },
  ],
  ["kcs sim init --scenario xks-tls", { code: 0 }],
  ["kcs fix --dry-run", { code: 2, why: "a dry run with a non-empty plan exits 2" }],
  ["kcs fix --yes", { code: 0, why: "the simulated operator does the manual TLS step" }],
  // ### On AWS's own engine: the plan as an SSM Automation document
  ["kcs sim init --scenario invalid-credentials", { code: 0 }],
  [
    "kcs fix --dry-run -o ssm-automation > fix.yaml",
    { code: 2, why: "a dry run with a non-empty plan exits 2" },
  ],
  [
    "aws ssm create-document --name kcs-fix --document-type Automation --document-format YAML --content file://fix.yaml",
    { skip: "needs a real AWS account (Systems Manager)" },
  ],
  ["read -rs KMSUSER_PW", { skip: "waits for a person to type the password" }],
  [
    `printf '{"AutomationAssumeRole":["arn:aws:iam::111122223333:role/kcs-automation"],"Approvers":["arn:aws:iam::111122223333:role/hsm-admins"],"KmsUserPassword":["%s"]}' "$KMSUSER_PW" | aws ssm start-automation-execution --document-name kcs-fix --parameters file:///dev/stdin`,
    { skip: "needs a real AWS account (Systems Manager)" },
  ],
  // ### Snapshots: a past read, diagnosed or planned offline
  ["kcs sim init --scenario invalid-credentials", { code: 0 }],
  ["kcs doctor --save-snapshot snap.json", { code: 2, why: "INVALID_CREDENTIALS" }],
  ["kcs doctor --from-snapshot snap.json -o markdown", { code: 2, why: "the same INVALID_CREDENTIALS" }],
  [
    "kcs fix --dry-run --from-snapshot snap.json --out plan.json",
    { code: 2, why: "a dry run with a non-empty plan exits 2" },
  ],
  [
    "printf 'Demo2026pass\\n' | kcs fix --plan plan.json --yes --password-stdin",
    { code: 0, why: "the world is as the snapshot saw it" },
  ],
  // ### CloudTrail older than 90 days
  ["kcs sim init --scenario old-orphaned-key-material", { code: 0 }],
  ["kcs doctor", { code: 0, why: "the orphan's DeleteKey is older than LookupEvents' 90 days" }],
  ["kcs sim export-trail --dir trail", { code: 0 }],
  ["kcs doctor --cloudtrail-dir trail", { code: 2, why: "ORPHANED_KEY_MATERIAL, a warning" }],
  [
    "printf 'Demo2026pass\\n' | kcs fix --cloudtrail-dir trail --finding ORPHANED_KEY_MATERIAL --yes --password-stdin",
    { code: 0 },
  ],
  [
    "aws s3 sync s3://aws-cloudtrail-logs-111122223333-management/AWSLogs/111122223333/CloudTrail/eu-west-1/ trail/AWSLogs/111122223333/CloudTrail/eu-west-1/",
    { skip: "needs a real AWS account and trail bucket" },
  ],
  // ### Fleets: every Region and account at once
  ["kcs sim init --scenario fleet", { code: 0 }],
  ["ROLE=arn:aws:iam::444455556666:role/kcs-audit", { code: 0 }],
  [
    "kcs doctor --region eu-west-1 --region us-east-1 --region eu-south-1 --role-arn $ROLE --external-id kcs-fleet-audit",
    { code: 2, why: "failing stores in every partition, and the member account's eu-south-1 is disabled" },
  ],
  ["kcs doctor --all-regions -o json", { code: 2, why: "failing stores in every Region of the account" }],
  [
    "kcs fix --dry-run --region us-east-1 --role-arn $ROLE --external-id kcs-fleet-audit --out fleet-plan.json",
    { code: 2, why: "a plan for both accounts' us-east-1" },
  ],
  [
    "printf 'Demo2026pass\\n' | kcs fix --plan fleet-plan.json --region us-east-1 --role-arn $ROLE --external-id kcs-fleet-audit --yes --password-stdin --same-password",
    { code: 0 },
  ],
  [
    "kcs doctor --region eu-west-1 --region us-east-1 --role-arn $ROLE --external-id kcs-fleet-audit --save-snapshot fleet.json",
    { code: 2, why: "the stores the plan did not touch still fail" },
  ],
  ["kcs doctor --from-snapshot fleet.json -o markdown", { code: 2, why: "the same report, from the file" }],
  [
    "kcs --backend aws doctor --all-regions --profile mgmt --role-arn arn:aws:iam::444455556666:role/kcs-audit",
    { skip: "needs real AWS accounts" },
  ],
  // ### How strict the simulator is
  [
    "npm run build && node scripts/sim-coverage.mjs",
    {
      run: "node scripts/sim-coverage.mjs",
      code: 0,
      why: "npm run build is what the e2e setup has just done (45 s on two cores)",
    },
  ],
  [
    "npx vitest run test/sim/conformance/model-constraints.test.ts",
    { skip: "a test-suite run (about 20 s): the unit tier of npm test runs it" },
  ],
  // ## Development
  ["npm run typecheck && npm run lint && npm test", { skip: "CI's own run, npm test included" }],
  ["npm run test:unit", { skip: "the test suite's unit tier (npm test)" }],
  ["npm run test:e2e", { skip: "the test suite's e2e tier (npm test), this test included" }],
  ["npm run schemas", { skip: "a maintainer's step: builds again (45 s) and rewrites schema/" }],
  [
    "npm run models",
    { skip: "a maintainer's step: needs python3 and botocore, and rewrites src/sim/model/aws/" },
  ],
  ["npm run bench", { skip: "a long benchmark" }],
  ["npm run chaos", { skip: "the chaos campaign: builds, then runs for many minutes" }],
  // ### Performance: big accounts
  [
    `npx tsc -p tsconfig.bench.json && cd dist-bench && node -e 'import("./bench/big-account.js").then(async (b) => console.log(JSON.stringify(await b.bigAccountBench([{ keys: 100000, events: 200 }]))))'`,
    { skip: "the 100,000-key benchmark (minutes)" },
  ],
];

/** README.ja.md's commands, in order: the two commands, the tour (in Japanese, KCS_LANG=ja) and the demo. */
const EXPECTED_JA: [command: string, outcome: Outcome][] = [
  // ## 2 つのコマンド
  [
    "npm install && node bin/kcs.js --lang ja doctor",
    {
      run: "node bin/kcs.js --lang ja doctor",
      code: 2,
      why: "as README.md's first command, in Japanese: the default world, fleet, has failing stores",
    },
  ],
  ["npm test", { skip: "the whole test suite, this test included" }],
  // ## 短いツアー
  [
    'KCS_HOME="$PWD"; kcs() { node "$KCS_HOME/bin/kcs.js" "$@"; }',
    { code: 0, why: "defines kcs for the rest" },
  ],
  ["export KCS_LANG=ja", { code: 0, why: "every later command speaks Japanese" }],
  ["kcs sim scenarios", { code: 0 }],
  ["kcs sim init --scenario invalid-credentials", { code: 0 }],
  ["kcs sim status", { code: 0 }],
  ["kcs doctor", { code: 2, why: "INVALID_CREDENTIALS" }],
  ["kcs doctor -o json", { code: 2, why: "INVALID_CREDENTIALS" }],
  [
    'kcs doctor -o markdown >> "$GITHUB_STEP_SUMMARY"',
    { code: 2, why: "INVALID_CREDENTIALS; GITHUB_STEP_SUMMARY is set here as a runner sets it" },
  ],
  ["kcs completion bash >> ~/.bashrc", { skip: "writes the reader's shell startup file" }],
  ["echo 'source <(kcs completion zsh)' >> ~/.zshrc", { skip: "writes the reader's shell startup file" }],
  // ## 修復: kcs fix (the demo)
  ["kcs sim init --scenario cluster-not-found", { code: 0 }],
  ["kcs doctor", { code: 2, why: "CLUSTER_NOT_FOUND" }],
  ["kcs fix --dry-run -o markdown", { code: 2, why: "a dry run with a non-empty plan exits 2" }],
  ["printf 'Demo2026pass\\n' | kcs fix --yes --password-stdin", { code: 0 }],
  ["kcs doctor", { code: 0, why: "healthy again" }],
];

/** Commands that only run where a program is installed; elsewhere they are skipped, saying so. */
const NEEDS: [prefix: string, program: string][] = [["aws ", "aws"]];

/** The commands of every ```sh block: one per line (a trailing backslash continues it), comments dropped. */
function readmeCommands(markdown: string): string[] {
  const fences = new MarkdownIt()
    .parse(markdown, {})
    .filter((t) => t.type === "fence" && t.info.trim() === "sh");
  return fences.flatMap((t) =>
    t.content
      .replace(/\\\n\s*/g, " ")
      .split("\n")
      .map(withoutComment)
      .filter((line) => line !== ""),
  );
}

/** A line without its trailing `# comment` (a # after whitespace, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i).trim();
  }
  return line.trim();
}

const installed = (program: string) => spawnSync("sh", ["-c", `command -v ${program}`]).status === 0;

/** A fresh copy of the checkout's files (what git tracks), with this checkout's node_modules and dist/. */
function freshCopy(): string {
  const dir = join(tempDir("kcs-readme-"), "kcs");
  const files = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      copyFileSync(f, join(dir, f));
    } catch {
      // A file deleted in the working tree but not yet in git's index is not part of the checkout.
    }
  }
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
  symlinkSync(resolve("dist"), join(dir, "dist"));
  return dir;
}

/**
 * `npx kcs` as the README writes it, without npm's second of start-up per command: the copy's own
 * bin/kcs.js (npx would find the same program). Any other npx goes to the real one.
 */
function npxShim(copy: string): string {
  const bin = tempDir("kcs-readme-bin-");
  const realNpx = spawnSync("sh", ["-c", "command -v npx"], { encoding: "utf8" }).stdout.trim();
  writeFileSync(
    join(bin, "npx"),
    `#!/bin/sh\nif [ "$1" = kcs ]; then shift; exec "${process.execPath}" "${join(copy, "bin/kcs.js")}" "$@"; fi\nexec "${realNpx}" "$@"\n`,
  );
  chmodSync(join(bin, "npx"), 0o755);
  return bin;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** One shell for the whole README, fed a command at a time, as a person at a terminal types them. */
class Terminal {
  private readonly child: ChildProcess;
  private out = "";
  private err = "";
  private seq = 0;
  private closed = false;
  /** Where the last command's output ended in stdout: a background job's output comes after it. */
  private endOfLast = 0;

  constructor(cwd: string, env: Record<string, string>) {
    // Its own process group: the background server and anything else it started stop with it.
    this.child = spawn("sh", [], { cwd, env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    this.child.stdout!.on("data", (d: Buffer) => (this.out += d.toString()));
    this.child.stderr!.on("data", (d: Buffer) => (this.err += d.toString()));
    this.child.on("close", () => (this.closed = true));
  }

  /**
   * Runs one command line as typed; stdin is /dev/null (a terminal nobody types into), so a command
   * that would wait for input fails instead of reading the next command.
   */
  async run(command: string, timeoutMs = 45_000): Promise<Ran> {
    const mark = `__kcs_readme_${++this.seq}__`;
    const [outFrom, errFrom] = [this.out.length, this.err.length];
    this.child.stdin!.write(`{ ${command}\n} </dev/null; echo "${mark} $?"; echo "${mark}" >&2\n`);
    const done = new RegExp(`${mark} (\\d+)\\n`);
    const deadline = Date.now() + timeoutMs;
    while (!(done.test(this.out.slice(outFrom)) && this.err.slice(errFrom).includes(`${mark}\n`))) {
      if (this.closed || Date.now() > deadline)
        throw new Error(
          `${command}: ${this.closed ? "the shell ended" : `no end after ${timeoutMs} ms`}\n${this.out.slice(outFrom)}\n${this.err.slice(errFrom)}`,
        );
      await sleep(20);
    }
    const stdout = this.out.slice(outFrom);
    const match = done.exec(stdout)!;
    this.endOfLast = outFrom + match.index + match[0].length;
    return {
      code: Number(match[1]),
      stdout: stdout.slice(0, match.index),
      stderr: this.err.slice(errFrom, this.err.indexOf(`${mark}\n`, errFrom)),
    };
  }

  /** Waits until a background job has written to the terminal: a server is up once it says so. */
  async waitForBackground(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.out.length <= this.endOfLast) {
      if (Date.now() > deadline) throw new Error(`the background command wrote nothing in ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  stop(): void {
    if (this.child.pid === undefined || this.closed) return;
    try {
      process.kill(-this.child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once("error", () => resolvePort(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolvePort(true)));
  });
}

/**
 * A README's ```sh blocks, run in order in one shell on a fresh copy; `heading` is what the tour's
 * markdown line must have appended to the job summary.
 */
function readmeSuite(file: string, expected: [string, Outcome][], heading: RegExp) {
  describe(`${file}, command by command`, () => {
    const commands = readmeCommands(readFileSync(file, "utf8"));
    let terminal: Terminal;
    let summary: string;

    beforeAll(async () => {
      // The README's server takes port 4566: another process holding it would fail that line, not kcs.
      if (expected.some(([c]) => c.includes("--port 4566")) && !(await portFree(4566)))
        throw new Error("port 4566 is in use here: the README's `kcs sim serve --port 4566` cannot run");
      const copy = freshCopy();
      summary = join(tempDir("kcs-readme-summary-"), "step-summary.md");
      terminal = new Terminal(
        copy,
        cleanEnv({
          PATH: `${npxShim(copy)}:${process.env.PATH ?? ""}`,
          // Simulated time 1200x instead of 120x: the demo's fix takes a second, not ten.
          KCS_SIM_TIME_SCALE: "1200",
          GITHUB_STEP_SUMMARY: summary,
        }),
      );
    });
    afterAll(() => terminal?.stop());

    it("every command block is in this test's table, in the README's order", () => {
      expect(commands).toEqual(expected.map(([command]) => command));
    });

    it("runs every command as written, in order, each ending as the README says", {
      timeout: 120_000,
    }, async () => {
      const started = Date.now();
      const skipped: string[] = [];
      for (const [i, [command, outcome]] of expected.entries()) {
        const needs = NEEDS.find(([prefix]) => command.startsWith(prefix));
        if ("skip" in outcome || (needs && !installed(needs[1]))) {
          skipped.push(
            `${command}: ${"skip" in outcome ? outcome.skip : `${needs![1]} is not installed here`}`,
          );
          continue;
        }
        const ran = await terminal.run(outcome.run ?? command);
        expect(
          ran.code,
          `${file} command ${i + 1}, ${command}${outcome.why ? ` (${outcome.why})` : ""}\n${ran.stdout}\n${ran.stderr}`,
        ).toBe(outcome.code);
        if (command.endsWith("&")) await terminal.waitForBackground();
      }
      // What the tour's markdown line appended, as a CI job summary would show it.
      expect(readFileSync(summary, "utf8")).toMatch(heading);
      console.info(
        `${file}: commands run in ${Date.now() - started} ms; not run:\n  ${skipped.join("\n  ")}`,
      );
    });
  });
}

readmeSuite("README.md", EXPECTED, /^## kcs doctor: 1 of 1 custom key stores need attention/);
// The Japanese guide's summary heading is whatever doctor's markdown says in Japanese: a heading.
readmeSuite("README.ja.md", EXPECTED_JA, /^## \S/);
