import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "shell-quote";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DoctorReport } from "../../src/report/doctor-report.js";
import {
  FLEET_AUDIT_EXTERNAL_ID,
  FLEET_AUDIT_ROLE,
  FLEET_MEMBER_ACCOUNT,
} from "../../src/sim/scenarios/fleet-partitions.js";
import { awsEnv, runKcs, type ServedWorld, serveWorld, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

const ROOT = "111122223333";
const ROLE = ["--role-arn", FLEET_AUDIT_ROLE, "--external-id", FLEET_AUDIT_EXTERNAL_ID];
const THREE_REGIONS = ["--region", "eu-west-1", "--region", "us-east-1", "--region", "eu-south-1"];
const where = (x: { account?: string | undefined; region?: string | undefined; status?: string }) =>
  `${x.account} ${x.region}${x.status ? ` ${x.status}` : ""}`;

let state: string;
beforeAll(() => {
  state = initWorld(join(tempDir("kcs-fleet-world-"), "world.json"), "fleet");
});

const kcs = (args: string[], env: Record<string, string> = {}) =>
  runKcs([...args, "--sim-state", state], { cwd: tempDir("kcs-fleet-cwd-"), env });

describe("kcs doctor over a fleet (sim backend)", () => {
  it("3 Regions x 2 accounts: one report, the member's disabled Region an errors entry, exit 2", async () => {
    const res = await kcs(["doctor", ...THREE_REGIONS, ...ROLE, "-o", "json"]);
    expect(res.code, res.stderr).toBe(2);
    const report = parseDocument<DoctorReport>(res.stdout, "kcs-doctor-report");
    expect(report.targets?.map(where)).toEqual([
      `${ROOT} eu-south-1 read`,
      `${ROOT} eu-west-1 read`,
      `${ROOT} us-east-1 read`,
      `${FLEET_MEMBER_ACCOUNT} eu-south-1 failed`,
      `${FLEET_MEMBER_ACCOUNT} eu-west-1 read`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1 read`,
    ]);
    expect(report.errors.map(where)).toEqual([`${FLEET_MEMBER_ACCOUNT} eu-south-1`]);
    expect(report.errors[0]?.code).toBe("UnrecognizedClientException");
    expect(report.stores.every((s) => s.account && s.region)).toBe(true);
    expect(report.summary.stores).toBe(18);
  });

  it("text: each store is labelled with its account and Region, and the last line counts the fleet", async () => {
    const res = await kcs(["doctor", ...THREE_REGIONS, ...ROLE]);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toMatch(new RegExp(`^${FLEET_MEMBER_ACCOUNT} us-east-1 orders-useast1-cks `, "m"));
    expect(res.stdout).toContain(
      `! could not read kms:DescribeCustomKeyStores in ${FLEET_MEMBER_ACCOUNT} eu-south-1: UnrecognizedClientException`,
    );
    expect(res.stdout).toContain("(sim, 2 accounts × 3 Regions: 5 read, 1 failed)");
    expect(res.stdout).toContain("--region us-east-1 --dry-run");
  });

  it("a member account's next command names its role, and run as printed it plans that store", async () => {
    const res = await kcs(["doctor", "--region", "us-east-1", ...ROLE]);
    expect(res.code, res.stderr).toBe(2);
    const lines = res.stdout.split("\n").filter((l) => /^\s*→ kcs fix /.test(l));
    const member = lines.find((l) => l.includes("--role-arn"));
    expect(member, res.stdout).toBeDefined();
    const words = parse(member!.replace(/^\s*→ /, "").replace(/\s+\(runbook [^)]*\)$/, "")) as string[];
    expect(words.slice(words.indexOf("--role-arn"), words.indexOf("--dry-run"))).toEqual(ROLE);
    // The default account's lines name no role: its stores are reached without one.
    expect(lines.filter((l) => !l.includes("--role-arn")).length).toBeGreaterThan(0);
    const store = words[words.indexOf("--store") + 1]!;
    const fix = await kcs([...words.slice(1), "-o", "json"]);
    expect(fix.code, fix.stderr).toBe(2);
    const plan = JSON.parse(fix.stdout) as { actions: { customKeyStoreId: string; account?: string }[] };
    expect(plan.actions.map((a) => `${a.account} ${a.customKeyStoreId}`)).toEqual([
      `${FLEET_MEMBER_ACCOUNT} ${store}`,
    ]);
  });

  it("a role that cannot be assumed is an errors entry (exit 2); the rest is reported", async () => {
    const res = await kcs([
      "doctor",
      "--region",
      "us-east-1",
      "--role-arn",
      FLEET_AUDIT_ROLE,
      "--external-id",
      "not-the-one",
      "-o",
      "json",
    ]);
    expect(res.code, res.stderr).toBe(2);
    const report = parseDocument<DoctorReport>(res.stdout, "kcs-doctor-report");
    expect(report.errors).toEqual([
      expect.objectContaining({
        service: "sts",
        operation: "AssumeRole",
        code: "AccessDenied",
        account: FLEET_MEMBER_ACCOUNT,
        region: "us-east-1",
      }),
    ]);
    expect(new Set(report.stores.map((s) => s.account))).toEqual(new Set([ROOT]));
  });

  it("one --region of the world's other Regions reads that partition alone", async () => {
    const res = await kcs(["doctor", "--region", "us-east-1", "-o", "json"]);
    expect(res.code, res.stderr).toBe(2);
    const report = parseDocument<DoctorReport>(res.stdout, "kcs-doctor-report");
    expect(report.targets).toBeUndefined();
    expect(report.stores.map((s) => `${s.account} ${s.region} ${s.customKeyStoreName}`)).toContain(
      `${ROOT} us-east-1 orders-useast1-cks`,
    );
    expect(report.stores.every((s) => s.region === "us-east-1")).toBe(true);
  });

  it.each([
    [["doctor", "--region", "eu-west-1", "--region", "ap-east-1"], "--region ap-east-1 is for --backend aws"],
    [["doctor", "--role-arn", "kcs-audit"], "--role-arn takes an IAM role's ARN"],
    [
      ["doctor", "--profile", "a", "--profile", "b"],
      `--profile is for --backend aws; the simulator's other accounts are reached with --role-arn (this world's roles: ${FLEET_AUDIT_ROLE})`,
    ],
    [["doctor", "--external-id", "x1"], "--external-id is for the roles kcs assumes: add --role-arn ARN."],
    [["doctor", "--all-regions", "--region", "eu-west-1"], "give one or the other"],
    [
      ["sim", "status", "--region", "eu-west-1", "--region", "us-east-1"],
      "reads one Region: give --region once.",
    ],
    [
      ["fix", "--region", "eu-west-1", "--region", "us-east-1", "--probe"],
      "--probe is for one account and Region",
    ],
    [["sim", "status", "--region", "us-east-1"], "--region us-east-1 is for --backend aws"],
  ])("%j is refused in one line, exit 1", async (args, message) => {
    const res = await kcs(args);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/^kcs: [^\n]+\n$/);
    expect(res.stderr).toContain(message);
    expect(res.stdout).toBe("");
  });
});

describe("kcs --backend aws doctor over a fleet (against kcs sim serve)", () => {
  let served: ServedWorld;
  beforeAll(async () => {
    served = await serveWorld(state);
  });
  afterAll(async () => {
    await served.stop();
  });

  it("--all-regions and --role-arn reach every enabled Region of both accounts through STS and EC2", async () => {
    const res = await runKcs(
      ["--backend", "aws", "--endpoint-url", served.url, "doctor", "--all-regions", ...ROLE, "-o", "json"],
      { cwd: tempDir("kcs-fleet-cwd-"), env: awsEnv() },
    );
    expect(res.code, res.stderr).toBe(2);
    const report = parseDocument<DoctorReport>(res.stdout, "kcs-doctor-report");
    expect(report.targets?.map(where)).toEqual([
      `${ROOT} eu-south-1 read`,
      `${ROOT} eu-west-1 read`,
      `${ROOT} us-east-1 read`,
      `${FLEET_MEMBER_ACCOUNT} eu-west-1 read`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1 read`,
    ]);
    expect(report.errors).toEqual([]);
  });

  it("profiles repeat; one that does not exist is refused by name before any call", async () => {
    const dir = tempDir("kcs-fleet-aws-");
    const credentials = join(dir, "credentials");
    writeFileSync(credentials, "[root]\naws_access_key_id = AKIAROOT\naws_secret_access_key = x\n");
    const env = {
      ...awsEnv(),
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: join(dir, "config"),
    };
    const res = await runKcs(
      [
        "--backend",
        "aws",
        "--endpoint-url",
        served.url,
        "doctor",
        "--profile",
        "root",
        "--profile",
        "nosuch",
      ],
      { cwd: dir, env },
    );
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/^kcs: The AWS profile 'nosuch' \(--profile\) does not exist[^\n]*\n$/);
  });
});

describe("kcs fix over a fleet (sim backend)", () => {
  it("one run repairs a store in each account's us-east-1, each with its own credentials; doctor agrees", async () => {
    const own = initWorld(join(tempDir("kcs-fleet-fix-"), "world.json"), "fleet");
    const cwd = tempDir("kcs-fleet-cwd-");
    const args = ["--region", "us-east-1", ...ROLE, "--sim-state", own];
    const dry = await runKcs(
      ["fix", "--dry-run", ...args, "--finding", "INVALID_CREDENTIALS", "-o", "json"],
      { cwd },
    );
    expect(dry.code, dry.stderr).toBe(2);
    const plan = parseDocument<{ actions: { account?: string; region?: string }[] }>(dry.stdout, "kcs-plan");
    expect(plan.actions.map((a) => `${a.account} ${a.region}`)).toEqual([
      `${ROOT} us-east-1`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1`,
    ]);
    const res = await runKcs(
      [
        "fix",
        "--yes",
        "--password-stdin",
        "--same-password",
        ...args,
        "--finding",
        "INVALID_CREDENTIALS",
        "-o",
        "json",
      ],
      { cwd, input: "Fleet2026pass\n" },
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toContain("Fleet2026pass");
    // Each target's task list comes under its account and Region, in the plan's order.
    expect(res.stderr.split("\n").filter((l) => /^\d{12} [a-z]{2}-[a-z]+-\d$/.test(l))).toEqual([
      `${ROOT} us-east-1`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1`,
    ]);
    expect(parseDocument<{ ok: boolean }>(res.stdout, "kcs-fix-result").ok).toBe(true);
    const after = await runKcs(["doctor", ...args, "-o", "json"], { cwd });
    const report = parseDocument<DoctorReport>(after.stdout, "kcs-doctor-report");
    expect(report.findings.filter((f) => f.code === "INVALID_CREDENTIALS")).toEqual([]);
  });
});

describe("a fleet's saved plan and snapshot (sim backend)", () => {
  it("a saved fleet plan applies after each target's basis is checked, and is refused once the world changed", async () => {
    const own = initWorld(join(tempDir("kcs-fleet-plan-"), "world.json"), "fleet");
    const cwd = tempDir("kcs-fleet-cwd-");
    const args = ["--region", "us-east-1", ...ROLE, "--sim-state", own];
    const dry = await runKcs(
      ["fix", "--dry-run", ...args, "--finding", "INVALID_CREDENTIALS", "--out", "plan.json"],
      {
        cwd,
      },
    );
    expect(dry.code, dry.stderr).toBe(2);
    // Without the role, the member account's part cannot be checked: refused, nothing changed.
    const partial = await runKcs(
      [
        "fix",
        "--plan",
        "plan.json",
        "--yes",
        "--region",
        "us-east-1",
        "--region",
        "eu-west-1",
        "--sim-state",
        own,
      ],
      {
        cwd,
      },
    );
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(
      new RegExp(
        `^kcs: plan\\.json acts in ${FLEET_MEMBER_ACCOUNT} us-east-1, which this run does not read: [^\\n]+\\n$`,
      ),
    );
    const alone = await runKcs(["fix", "--plan", "plan.json", "--yes", "--sim-state", own], { cwd });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain(
      `plan.json is a fleet plan (${ROOT} us-east-1, ${FLEET_MEMBER_ACCOUNT} us-east-1)`,
    );

    const apply = [
      "fix",
      "--plan",
      "plan.json",
      "--yes",
      "--password-stdin",
      "--same-password",
      ...args,
      "-o",
      "json",
    ];
    const res = await runKcs(apply, { cwd, input: "Fleet2026pass\n" });
    expect(res.code, res.stderr).toBe(0);
    const result = parseDocument<{ ok: boolean; plan: { actions: { account?: string }[] } }>(
      res.stdout,
      "kcs-fix-result",
    );
    expect(result.ok).toBe(true);
    expect(result.plan.actions.map((a) => a.account)).toEqual([ROOT, FLEET_MEMBER_ACCOUNT]);
    const doctor = await runKcs(["doctor", ...args, "-o", "json"], { cwd });
    const after = parseDocument<DoctorReport>(doctor.stdout, "kcs-doctor-report");
    expect(after.findings.filter((f) => f.code === "INVALID_CREDENTIALS")).toEqual([]);
    // The stores it repaired are not the ones it was planned on: the same file is stale now.
    const again = await runKcs(apply, { cwd, input: "Fleet2026pass\n" });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^kcs: plan\.json is stale: [^\n]+ Nothing was changed; make a new plan with kcs fix --dry-run\.\n$/,
    );
  });

  it("doctor --save-snapshot over the fleet reads back to the same report, and plans from it as the fleet run does", async () => {
    const cwd = tempDir("kcs-fleet-snap-");
    const live = await kcs([
      "doctor",
      ...THREE_REGIONS,
      ...ROLE,
      "-o",
      "json",
      "--save-snapshot",
      join(cwd, "snap.json"),
    ]);
    expect(live.code, live.stderr).toBe(2);
    const back = await runKcs(
      [
        "doctor",
        "--from-snapshot",
        join(cwd, "snap.json"),
        "-o",
        "json",
        "--sim-state",
        "/nonexistent/w.json",
      ],
      {
        cwd,
      },
    );
    expect(back.code, back.stderr).toBe(2);
    const { source, ...report } = parseDocument<DoctorReport>(back.stdout, "kcs-doctor-report");
    expect(report).toEqual(JSON.parse(live.stdout));
    expect(source?.kind).toBe("snapshot");
    // The text from the snapshot names the member's role in its next commands, as the live one does.
    const text = await runKcs(["doctor", "--from-snapshot", join(cwd, "snap.json")], { cwd });
    expect(text.stdout).toContain(
      `--region us-east-1 --role-arn ${FLEET_AUDIT_ROLE} --external-id ${FLEET_AUDIT_EXTERNAL_ID} --dry-run`,
    );

    const planned = await runKcs(
      ["fix", "--dry-run", "--from-snapshot", join(cwd, "snap.json"), "-o", "json"],
      { cwd },
    );
    const plannedLive = await kcs(["fix", "--dry-run", ...THREE_REGIONS, ...ROLE, "-o", "json"]);
    expect(planned.code, planned.stderr).toBe(2);
    const withoutTime = (text: string) => ({ ...JSON.parse(text), createdAt: undefined });
    expect(withoutTime(planned.stdout)).toEqual(withoutTime(plannedLive.stdout));
  });
});
