import { describe, expect, it } from "vitest";
import { impactInWords } from "../../src/cli/views/impact.js";
import type { BackupState } from "../../src/core/aws-states.js";
import { UsageError } from "../../src/core/errors.js";
import type { FindingCode } from "../../src/diagnose/catalog.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { type Finding, finding } from "../../src/diagnose/finding.js";
import type { BackupFacts, Snapshot } from "../../src/gather/snapshot.js";
import { fingerprint } from "../../src/remediate/fingerprint.js";
import type { Plan, PlanAction, PlanStep } from "../../src/remediate/plan.js";
import { buildPlan, type PlanRequest } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { remainingFor } from "../../src/remediate/verify.js";
import {
  backingKey,
  CLUSTER_ID,
  cluster,
  deleteKeyEvent,
  hsm,
  key,
  keyArn,
  network,
  OTHER_CLUSTER_ID,
  OTHER_STORE_ID,
  REGION,
  STORE_ID,
  STORE_NAME,
  snapshot,
  store,
  storeIn,
  subnet,
} from "../diagnose/fixtures.js";
import { inLang } from "../helpers/lang.js";

const RUNBOOKS = loadRunbooks();
const CREATED_AT = "2026-11-28T12:30:00.000Z";
const SECRET = "********";
const NEW_CLUSTER = "{{NewClusterId}}";
const AZ_A = "eu-west-1a";
const AZ_B = "eu-west-1b";
const AZ_C = "eu-west-1c";
const SUBNET_A = "subnet-0a0a0a0a";
const SUBNET_B = "subnet-0b0b0b0b";
const SUBNET_C = "subnet-0c0c0c0c";

function plan(
  snap: Snapshot,
  findings: Finding[],
  params: Record<string, string> = {},
  passwordSource: PlanRequest["passwordSource"] = "prompt",
): Plan {
  return buildPlan({
    snapshot: snap,
    findings,
    runbooks: RUNBOOKS,
    params,
    passwordSource,
    createdAt: CREATED_AT,
  });
}

/** What doctor finds in `snap`, checked to be exactly `expected`, so each test states its input. */
function diagnosed(snap: Snapshot, ...expected: FindingCode[]): Finding[] {
  const found = diagnose(snap);
  expect(found.map((f) => f.code).sort(), "what doctor finds").toEqual([...expected].sort());
  return found;
}

/** A finding built by hand, for combinations diagnosis never produces. */
const made = (code: FindingCode, customKeyStoreId = STORE_ID, evidence: Record<string, unknown> = {}) =>
  finding(code, { customKeyStoreId, cloudHsmClusterId: CLUSTER_ID }, `${code} (by hand)`, evidence);

function onlyAction(p: Plan): PlanAction {
  expect(p.actions.map((a) => a.runbook)).toHaveLength(1);
  return p.actions[0]!;
}

const ids = (a: PlanAction) => a.steps.map((s) => s.id);
const actionsOf = (a: PlanAction | Plan): string[] =>
  ("steps" in a ? (a as PlanAction).steps : (a as Plan).actions.flatMap((x) => x.steps)).map((s) => s.action);

function stepOf(a: PlanAction, id: string): PlanStep {
  const s = a.steps.find((x) => x.id === id);
  expect(s, `step ${id} of ${a.runbook}: ${ids(a).join(", ")}`).toBeDefined();
  return s!;
}

const backup = (backupId: string, state: BackupState, createTimestamp: string, clusterId = CLUSTER_ID) =>
  ({ backupId, clusterId, state, createTimestamp }) satisfies BackupFacts;

/** Every value in `value` under a key named like a password, and every password parameter's value. */
function passwordValues(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const v of value) passwordValues(v, out);
  } else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.name === "string" && /password/i.test(o.name) && "value" in o) out.push(o.value);
    for (const [k, v] of Object.entries(o)) {
      if (/password/i.test(k)) out.push(v);
      else passwordValues(v, out);
    }
  }
  return out;
}

/**
 * Walks a plan's steps for one store in order, tracking the connection state the steps leave it in,
 * and returns the steps that change kmsuser or KMS's copy of its password while the store is not
 * DISCONNECTED (CloudHSM refuses to change a logged-in user's password; UpdateCustomKeyStore needs a
 * disconnected store), each as "runbook/step@state".
 */
function stepsWhileNotDisconnected(p: Plan, storeId: string, initial: string): string[] {
  const NEEDS_DISCONNECTED = new Set([
    "hsm.set-kmsuser-password",
    "hsm.create-kmsuser",
    "hsm.delete-key-material",
    "kms.update-password",
    "kms.update-cluster",
  ]);
  let state = initial;
  const bad: string[] = [];
  for (const a of p.actions.filter((x) => x.customKeyStoreId === storeId)) {
    for (const s of a.steps) {
      // A restored cluster is not the one KMS holds kmsuser's session on: its password can change any time.
      const onNewCluster = s.input.ClusterId === NEW_CLUSTER;
      if (NEEDS_DISCONNECTED.has(s.action) && !onNewCluster && state !== "DISCONNECTED")
        bad.push(`${a.runbook}/${s.id}@${state}`);
      if (s.action === "wait.store-disconnected") state = "DISCONNECTED";
      if (s.action === "wait.store-connected") state = "CONNECTED";
    }
  }
  return bad;
}

// ---------------------------------------------------------------------------------------------------

/** Backing key ids as KMS writes them: 64 hex digits. */
const BK_A = "a".repeat(64);
const BK_B = "b".repeat(64);
const BK_DONE = "d".repeat(64);

describe("INVALID_CREDENTIALS: rotate-kmsuser-password", () => {
  const failed = () =>
    snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
      keys: [key("Unavailable"), key("Unavailable")],
    });

  it("plans one action: disconnect, wait, set the password on the HSMs, tell KMS, connect, wait, verify", () => {
    const s = failed();
    const a = onlyAction(plan(s, diagnosed(s, "INVALID_CREDENTIALS")));
    expect(a).toMatchObject({
      finding: "INVALID_CREDENTIALS",
      findings: ["INVALID_CREDENTIALS"],
      runbook: "rotate-kmsuser-password",
      customKeyStoreId: STORE_ID,
      customKeyStoreName: STORE_NAME,
    });
    expect(ids(a)).toEqual([
      "disconnect",
      "wait-disconnected",
      "set-kmsuser-password",
      "update-store-password",
      "connect",
      "wait-connected",
      "verify",
    ]);
    expect(a.steps.map((x) => [x.kind, x.operation ?? null])).toEqual([
      ["api", "DisconnectCustomKeyStore"],
      ["wait", "DescribeCustomKeyStores"],
      ["manual", null],
      ["api", "UpdateCustomKeyStore"],
      ["api", "ConnectCustomKeyStore"],
      ["wait", "DescribeCustomKeyStores"],
      ["verify", null],
    ]);
    expect(stepOf(a, "verify").input).toEqual({
      CustomKeyStoreId: STORE_ID,
      Findings: ["INVALID_CREDENTIALS"],
    });
  });

  it("writes the disconnect step exactly as the contract's Plan JSON example does", () => {
    const s = failed();
    const step = stepOf(onlyAction(plan(s, diagnosed(s, "INVALID_CREDENTIALS"))), "disconnect");
    expect({
      id: step.id,
      title: step.title,
      kind: step.kind,
      service: step.service,
      operation: step.operation,
      input: step.input,
      mutating: step.mutating,
    }).toEqual({
      id: "disconnect",
      title: "Disconnect the custom key store",
      kind: "api",
      service: "kms",
      operation: "DisconnectCustomKeyStore",
      input: { CustomKeyStoreId: STORE_ID },
      mutating: true,
    });
  });

  it("is a schemaVersion 1 kcs-plan whose basis is the store's fingerprint, and survives JSON", () => {
    const s = failed();
    const p = plan(s, diagnosed(s, "INVALID_CREDENTIALS"));
    expect(p).toMatchObject({
      schemaVersion: 1,
      kind: "kcs-plan",
      createdAt: CREATED_AT,
      backend: "aws",
      region: REGION,
    });
    const fp = fingerprint(s, STORE_ID);
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    expect(p.basis).toEqual([{ customKeyStoreId: STORE_ID, fingerprint: fp }]);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it.each(["stdin", "env", "prompt"] as const)(
    "lists KmsUserPassword as ******** with the source %s it will come from",
    (source) => {
      const s = failed();
      const a = onlyAction(plan(s, diagnosed(s, "INVALID_CREDENTIALS"), {}, source));
      expect(a.parameters).toEqual([{ name: "KmsUserPassword", value: SECRET, source }]);
    },
  );

  it("holds no password: every KeyStorePassword input and password parameter is ********", () => {
    const s = failed();
    const p = plan(s, diagnosed(s, "INVALID_CREDENTIALS"));
    const update = stepOf(onlyAction(p), "update-store-password");
    expect(update.input).toEqual({ CustomKeyStoreId: STORE_ID, KeyStorePassword: SECRET });
    const values = passwordValues(JSON.parse(JSON.stringify(p)));
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(new Set(values)).toEqual(new Set([SECRET]));
  });

  it("plans the same runbook for USER_LOCKED_OUT", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "USER_LOCKED_OUT")] });
    const a = onlyAction(plan(s, diagnosed(s, "USER_LOCKED_OUT")));
    expect(a.runbook).toBe("rotate-kmsuser-password");
    expect(actionsOf(a)).toContain("hsm.set-kmsuser-password");
  });
});

describe("only what is needed", () => {
  it("connects a DISCONNECTED store without disconnecting it first", () => {
    const s = snapshot({ stores: [storeIn("DISCONNECTED")], keys: [key("Unavailable")] });
    const a = onlyAction(plan(s, diagnosed(s, "STORE_DISCONNECTED")));
    expect(a.runbook).toBe("reconnect");
    expect(ids(a)).toEqual(["connect", "wait-connected", "verify"]);
    expect(actionsOf(a)).not.toContain("kms.disconnect");
    expect(actionsOf(a)).not.toContain("wait.store-disconnected");
    expect(a.parameters).toEqual([]);
  });

  it("disconnects a FAILED store before connecting it (INTERNAL_ERROR → reconnect)", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "INTERNAL_ERROR")] });
    const a = onlyAction(plan(s, diagnosed(s, "INTERNAL_ERROR")));
    expect(a.runbook).toBe("reconnect");
    expect(ids(a)).toEqual(["disconnect", "wait-disconnected", "connect", "wait-connected", "verify"]);
  });

  it("only waits, without connecting, while a connect is in progress (CONNECTION_IN_PROGRESS)", () => {
    const s = snapshot({ stores: [storeIn("CONNECTING")] });
    const a = onlyAction(plan(s, diagnosed(s, "CONNECTION_IN_PROGRESS")));
    expect(a.runbook).toBe("await-connection");
    expect(actionsOf(a)).toEqual(["wait.store-settled", "verify.doctor"]);
    expect(a.steps.some((x) => x.mutating)).toBe(false);
  });
});

describe("add-hsms", () => {
  it("INSUFFICIENT_HSMS on a CONNECTED store adds one HSM in the AZ that lacks one and does not reconnect", () => {
    const s = snapshot({ clusters: { [CLUSTER_ID]: cluster([hsm(AZ_A)]) } });
    const a = onlyAction(plan(s, diagnosed(s, "INSUFFICIENT_HSMS")));
    expect(a.runbook).toBe("add-hsms");
    expect(ids(a)).toEqual(["create-hsm-1", "wait-hsms-active", "verify"]);
    expect(stepOf(a, "create-hsm-1")).toMatchObject({
      kind: "api",
      service: "cloudhsmv2",
      operation: "CreateHsm",
      mutating: true,
      input: { ClusterId: CLUSTER_ID, AvailabilityZone: AZ_B },
    });
    expect(actionsOf(a)).not.toContain("kms.disconnect");
    expect(actionsOf(a)).not.toContain("kms.connect");
    expect(a.parameters).toEqual([]);
  });

  it("NO_ACTIVE_HSMS with the HSMs already back (a run killed after adding them): only the reconnect is left", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS")],
      clusters: { [CLUSTER_ID]: cluster([hsm(AZ_A), hsm(AZ_B)]) },
    });
    const a = onlyAction(plan(s, diagnosed(s, "NO_ACTIVE_HSMS")));
    expect(actionsOf(a)).not.toContain("cloudhsm.create-hsm");
    expect(ids(a)).toEqual([
      "wait-hsms-active",
      "disconnect",
      "wait-disconnected",
      "connect",
      "wait-connected",
      "verify",
    ]);
  });

  it("NO_ACTIVE_HSMS on a FAILED store adds HSMs in the first two of three AZs, then reconnects", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS")],
      clusters: {
        [CLUSTER_ID]: cluster([], {
          subnetMapping: { [AZ_C]: SUBNET_C, [AZ_A]: SUBNET_A, [AZ_B]: SUBNET_B },
        }),
      },
    });
    const a = onlyAction(plan(s, diagnosed(s, "NO_ACTIVE_HSMS")));
    expect(ids(a)).toEqual([
      "create-hsm-1",
      "create-hsm-2",
      "wait-hsms-active",
      "disconnect",
      "wait-disconnected",
      "connect",
      "wait-connected",
      "verify",
    ]);
    expect(a.steps.filter((x) => x.action === "cloudhsm.create-hsm").map((x) => x.input)).toEqual([
      { ClusterId: CLUSTER_ID, AvailabilityZone: AZ_A },
      { ClusterId: CLUSTER_ID, AvailabilityZone: AZ_B },
    ]);
    expect(stepOf(a, "wait-hsms-active").input).toEqual({
      ClusterId: CLUSTER_ID,
      MinimumAvailabilityZones: 2,
    });
  });

  it("counts an HSM already being created, so an interrupted run adds only the one still missing", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS")],
      clusters: { [CLUSTER_ID]: cluster([hsm(AZ_A, "CREATE_IN_PROGRESS")]) },
    });
    const a = onlyAction(plan(s, diagnosed(s, "NO_ACTIVE_HSMS")));
    expect(a.steps.filter((x) => x.action === "cloudhsm.create-hsm").map((x) => x.input)).toEqual([
      { ClusterId: CLUSTER_ID, AvailabilityZone: AZ_B },
    ]);
  });

  it("refuses with a UsageError when the cluster has subnets in only one AZ", () => {
    const s = snapshot({
      clusters: { [CLUSTER_ID]: cluster([hsm(AZ_A)], { subnetMapping: { [AZ_A]: SUBNET_A } }) },
    });
    const f = diagnosed(s, "INSUFFICIENT_HSMS");
    expect(() => plan(s, f)).toThrow(UsageError);
    expect(() => plan(s, f)).toThrow(/fewer than two Availability Zones/);
  });
});

describe("CLUSTER_NOT_FOUND: restore-cluster-from-backup", () => {
  const NEWEST_READY = "backup-newestready";
  /** Newest first, as the gatherer sorts them: the newest READY backup of CLUSTER_ID is third. */
  const backups = () => [
    backup("backup-inprogress0", "CREATE_IN_PROGRESS", "2026-11-27T00:00:00.000Z"),
    backup("backup-othercluster", "READY", "2026-11-26T00:00:00.000Z", OTHER_CLUSTER_ID),
    backup("backup-deleted0000", "DELETED", "2026-11-25T00:00:00.000Z"),
    backup(NEWEST_READY, "READY", "2026-11-20T00:00:00.000Z"),
    backup("backup-olderready0", "READY", "2026-11-10T00:00:00.000Z"),
  ];
  const deletedCluster = () =>
    cluster([], {
      state: "DELETED",
      hsmType: "hsm2m.medium",
      subnetMapping: { [AZ_B]: SUBNET_B, [AZ_A]: SUBNET_A },
    });

  it("restores the deleted cluster's newest READY backup into its subnets and HSM type, then moves the store", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: deletedCluster() },
      backups: backups(),
    });
    const a = onlyAction(plan(s, diagnosed(s, "CLUSTER_NOT_FOUND")));
    expect(a.runbook).toBe("restore-cluster-from-backup");
    expect(ids(a)).toEqual([
      "create-cluster",
      "wait-cluster-active",
      "create-hsm-1",
      "create-hsm-2",
      "wait-hsms-active",
      "set-kmsuser-password",
      "disconnect",
      "wait-disconnected",
      "update-store-cluster",
      "connect",
      "wait-connected",
      "verify",
    ]);
    const create = stepOf(a, "create-cluster");
    expect(create).toMatchObject({ service: "cloudhsmv2", operation: "CreateCluster", mutating: true });
    // The order of the subnets does not matter to CreateCluster; which ones they are does.
    const { SubnetIds, ...rest } = create.input;
    expect(rest).toEqual({ HsmType: "hsm2m.medium", SourceBackupId: NEWEST_READY });
    expect([...(SubnetIds as string[])].sort()).toEqual([SUBNET_A, SUBNET_B]);
    expect(
      a.parameters.map((x) => (x.name === "SubnetIds" ? { ...x, value: x.value.split(",").sort() } : x)),
    ).toEqual([
      { name: "BackupId", value: NEWEST_READY, source: "live state" },
      { name: "SubnetIds", value: [SUBNET_A, SUBNET_B], source: "live state" },
      { name: "HsmType", value: "hsm2m.medium", source: "live state" },
      { name: "KmsUserPassword", value: SECRET, source: "prompt" },
    ]);
    expect(stepOf(a, "wait-cluster-active").input).toEqual({ ClusterId: NEW_CLUSTER });
    expect(a.steps.filter((x) => x.action === "cloudhsm.create-hsm").map((x) => x.input)).toEqual([
      { ClusterId: NEW_CLUSTER, AvailabilityZone: AZ_A },
      { ClusterId: NEW_CLUSTER, AvailabilityZone: AZ_B },
    ]);
    expect(stepOf(a, "update-store-cluster").input).toEqual({
      CustomKeyStoreId: STORE_ID,
      CloudHsmClusterId: NEW_CLUSTER,
      KeyStorePassword: SECRET,
    });
  });

  it("refuses with a UsageError naming --param SubnetIds when DescribeClusters no longer shows the cluster", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: null },
      backups: backups(),
    });
    const f = diagnosed(s, "CLUSTER_NOT_FOUND");
    expect(() => plan(s, f)).toThrow(UsageError);
    expect(() => plan(s, f)).toThrow(/--param SubnetIds/);
  });

  it("uses --param SubnetIds and BackupId for a cluster DescribeClusters no longer shows, with AZ placeholders", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: null },
      backups: backups(),
    });
    const a = onlyAction(
      plan(s, diagnosed(s, "CLUSTER_NOT_FOUND"), {
        SubnetIds: "subnet-11111111, subnet-22222222",
        BackupId: "backup-olderready0",
      }),
    );
    expect(stepOf(a, "create-cluster").input).toEqual({
      HsmType: "hsm1.medium",
      SubnetIds: ["subnet-11111111", "subnet-22222222"],
      SourceBackupId: "backup-olderready0",
    });
    expect(a.parameters).toEqual([
      { name: "BackupId", value: "backup-olderready0", source: "--param" },
      { name: "SubnetIds", value: "subnet-11111111,subnet-22222222", source: "--param" },
      { name: "HsmType", value: "hsm1.medium", source: "default" },
      { name: "KmsUserPassword", value: SECRET, source: "prompt" },
    ]);
    expect(a.steps.filter((x) => x.action === "cloudhsm.create-hsm").map((x) => x.input)).toEqual([
      { ClusterId: NEW_CLUSTER, AvailabilityZone: "{{NewClusterAz1}}" },
      { ClusterId: NEW_CLUSTER, AvailabilityZone: "{{NewClusterAz2}}" },
    ]);
  });

  it("refuses with a UsageError naming --param BackupId when no backup of the cluster is READY", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: deletedCluster() },
      backups: backups().filter((b) => b.state !== "READY" || b.clusterId !== CLUSTER_ID),
    });
    const f = diagnosed(s, "CLUSTER_NOT_FOUND");
    expect(() => plan(s, f)).toThrow(UsageError);
    expect(() => plan(s, f)).toThrow(/--param BackupId/);
  });

  it("reuses a cluster an interrupted run restored from the chosen backup: no CreateCluster, HSMs only where missing", () => {
    const RESTORED = "cluster-restored222";
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: {
        [CLUSTER_ID]: deletedCluster(),
        [RESTORED]: cluster([hsm(AZ_A)], { clusterId: RESTORED, sourceBackupId: NEWEST_READY }),
      },
      backups: backups(),
    });
    const a = onlyAction(plan(s, diagnosed(s, "CLUSTER_NOT_FOUND")));
    expect(actionsOf(a)).not.toContain("cloudhsm.create-cluster-from-backup");
    expect(ids(a)[0]).toBe("wait-cluster-active");
    expect(a.parameters).toContainEqual({ name: "NewClusterId", value: RESTORED, source: "live state" });
    expect(a.steps.filter((x) => x.action === "cloudhsm.create-hsm").map((x) => x.input)).toEqual([
      { ClusterId: RESTORED, AvailabilityZone: AZ_B },
    ]);
    expect(stepOf(a, "update-store-cluster").input).toMatchObject({ CloudHsmClusterId: RESTORED });
  });

  it("does not reuse a cluster restored from the lineage that another store already uses", () => {
    const TAKEN = "cluster-takenbyzzz2";
    const s = snapshot({
      stores: [
        storeIn("FAILED", "CLUSTER_NOT_FOUND"),
        store({ customKeyStoreId: OTHER_STORE_ID, customKeyStoreName: "Other", cloudHsmClusterId: TAKEN }),
      ],
      clusters: {
        [CLUSTER_ID]: deletedCluster(),
        [TAKEN]: cluster(undefined, { clusterId: TAKEN, sourceBackupId: NEWEST_READY }),
      },
      backups: backups(),
    });
    const a = onlyAction(plan(s, diagnosed(s, "CLUSTER_NOT_FOUND")));
    expect(ids(a)[0]).toBe("create-cluster");
    expect(a.parameters.map((x) => x.name)).not.toContain("NewClusterId");
    expect(stepOf(a, "update-store-cluster").input).toMatchObject({ CloudHsmClusterId: NEW_CLUSTER });
  });
});

describe("SUBNET_NOT_FOUND: restore-cluster-to-new-subnets", () => {
  const failed = () =>
    snapshot({
      stores: [storeIn("FAILED", "SUBNET_NOT_FOUND")],
      backups: [backup("backup-readyready0", "READY", "2026-11-20T00:00:00.000Z")],
    });

  it("refuses with a UsageError naming --param SubnetIds when EC2's subnets could not be read", () => {
    const s = failed();
    const f = diagnosed(s, "SUBNET_NOT_FOUND");
    expect(() => plan(s, f)).toThrow(UsageError);
    expect(() => plan(s, f)).toThrow(
      /kcs cannot choose subnets: kcs could not read the VPC's subnets.*--param SubnetIds=/,
    );
  });

  it("chooses subnets from EC2 itself: the cluster's own where it exists, another of the same AZ where it is gone", () => {
    const s = { ...failed(), network: network([subnet(SUBNET_C, AZ_A, 120), subnet(SUBNET_B, AZ_B, 30)]) };
    const p = plan(s, diagnosed(s, "SUBNET_NOT_FOUND"));
    const a = onlyAction(p);
    expect(stepOf(a, "create-cluster").input).toEqual({
      HsmType: "hsm1.medium",
      SubnetIds: [SUBNET_C, SUBNET_B],
      SourceBackupId: "backup-readyready0",
    });
    expect(a.parameters.find((x) => x.name === "SubnetIds")).toEqual({
      name: "SubnetIds",
      value: `${SUBNET_C},${SUBNET_B}`,
      source: "live state",
    });
    // The AZs are known now, so the HSM steps name them instead of placeholders.
    expect(ids(a).filter((id) => id.startsWith("create-hsm"))).toHaveLength(2);
    expect(a.steps.filter((st) => st.id.startsWith("create-hsm")).map((st) => st.input)).toEqual([
      expect.objectContaining({ AvailabilityZone: AZ_A }),
      expect.objectContaining({ AvailabilityZone: AZ_B }),
    ]);
    expect((p.notes ?? []).join("\n")).toContain(
      `${SUBNET_C} (${AZ_A}, 120 free addresses) in place of the cluster's own subnet there`,
    );
  });

  it("for INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET leaves the full subnet for one with room in its AZ", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET")],
      backups: [backup("backup-readyready0", "READY", "2026-11-20T00:00:00.000Z")],
      network: network([subnet(SUBNET_A, AZ_A, 0), subnet(SUBNET_C, AZ_A, 90), subnet(SUBNET_B, AZ_B, 30)]),
    });
    const a = onlyAction(plan(s, diagnosed(s, "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET")));
    expect(stepOf(a, "create-cluster").input).toMatchObject({ SubnetIds: [SUBNET_C, SUBNET_B] });
  });

  it("refuses, naming --param SubnetIds, when no second AZ of the VPC has room", () => {
    const s = { ...failed(), network: network([subnet(SUBNET_B, AZ_B, 30)]) };
    expect(() => plan(s, diagnosed(s, "SUBNET_NOT_FOUND"))).toThrow(
      /only one Availability Zone \(eu-west-1b\).*--param SubnetIds=subnet-a,subnet-b/,
    );
  });

  it("--param SubnetIds still overrides the subnets kcs would choose, with the AZs EC2 shows for them", () => {
    const s = {
      ...failed(),
      network: network([subnet(SUBNET_C, AZ_C, 120), subnet(SUBNET_B, AZ_B, 30), subnet(SUBNET_A, AZ_A, 9)]),
    };
    const a = onlyAction(plan(s, diagnosed(s, "SUBNET_NOT_FOUND"), { SubnetIds: `${SUBNET_C},${SUBNET_B}` }));
    expect(stepOf(a, "create-cluster").input).toMatchObject({ SubnetIds: [SUBNET_C, SUBNET_B] });
    expect(a.parameters.find((x) => x.name === "SubnetIds")?.source).toBe("--param");
    expect(a.steps.filter((st) => st.id.startsWith("create-hsm")).map((st) => st.input)).toEqual([
      expect.objectContaining({ AvailabilityZone: AZ_B }),
      expect.objectContaining({ AvailabilityZone: AZ_C }),
    ]);
  });

  it("restores into the subnets given with --param SubnetIds", () => {
    const s = failed();
    const a = onlyAction(
      plan(s, diagnosed(s, "SUBNET_NOT_FOUND"), { SubnetIds: "subnet-33333333,subnet-44444444" }),
    );
    expect(a.runbook).toBe("restore-cluster-to-new-subnets");
    expect(stepOf(a, "create-cluster").input).toEqual({
      HsmType: "hsm1.medium",
      SubnetIds: ["subnet-33333333", "subnet-44444444"],
      SourceBackupId: "backup-readyready0",
    });
    expect(a.parameters.find((x) => x.name === "SubnetIds")).toEqual({
      name: "SubnetIds",
      value: "subnet-33333333,subnet-44444444",
      source: "--param",
    });
    expect(a.parameters.find((x) => x.name === "HsmType")).toEqual({
      name: "HsmType",
      value: "hsm1.medium",
      source: "live state",
    });
  });
});

describe("KEY_MATERIAL_MISSING: recover-key-material", () => {
  const NEWEST_KEY_AT = "2026-06-01T00:00:00.000Z";
  const lost1 = key("Unavailable", { creationDate: "2026-03-01T00:00:00.000Z" });
  const lost2 = key("Unavailable", { creationDate: NEWEST_KEY_AT });
  const keys = () => [
    key("Enabled", { creationDate: "2026-02-01T00:00:00.000Z" }),
    lost1,
    lost2,
    // Another store's newer key must not move the cut-off.
    key("Enabled", { customKeyStoreId: OTHER_STORE_ID, creationDate: "2026-11-01T00:00:00.000Z" }),
  ];

  it("restores the oldest READY backup taken after the store's newest key, and checks the labels before disconnecting", () => {
    const s = snapshot({
      keys: keys(),
      backups: [
        backup("backup-inprogress1", "CREATE_IN_PROGRESS", "2026-11-27T00:00:00.000Z"),
        backup("backup-otherclust1", "READY", "2026-11-26T00:00:00.000Z", OTHER_CLUSTER_ID),
        backup("backup-newestready", "READY", "2026-09-01T00:00:00.000Z"),
        backup("backup-middleready", "READY", "2026-07-01T00:00:00.000Z"),
        backup("backup-beforekey01", "READY", "2026-05-01T00:00:00.000Z"),
      ],
    });
    const a = onlyAction(plan(s, diagnosed(s, "KEY_MATERIAL_MISSING")));
    expect(a.runbook).toBe("recover-key-material");
    expect(ids(a)).toEqual([
      "create-cluster",
      "wait-cluster-active",
      "create-hsm-1",
      "create-hsm-2",
      "wait-hsms-active",
      "set-kmsuser-password",
      "verify-key-material",
      "disconnect",
      "wait-disconnected",
      "update-store-cluster",
      "connect",
      "wait-connected",
      "verify",
    ]);
    // The oldest that holds every key: newer ones are likelier to postdate the deletion.
    expect(stepOf(a, "create-cluster").input).toMatchObject({ SourceBackupId: "backup-middleready" });
    expect(a.parameters[0]).toEqual({ name: "BackupId", value: "backup-middleready", source: "live state" });
    const check = stepOf(a, "verify-key-material");
    expect(check).toMatchObject({ kind: "manual", mutating: false });
    // Every key of the store, not only the lost ones: the store moves to the restored cluster whole.
    const storeKeys = s.keys.filter((k) => k.customKeyStoreId === STORE_ID).map((k) => k.arn);
    expect(check.input).toEqual({ ClusterId: NEW_CLUSTER, Labels: storeKeys });
    expect(storeKeys).toEqual(expect.arrayContaining([lost1.arn, lost2.arn]));
    expect(storeKeys.length).toBeGreaterThan(2);
    expect(check.commands).toContain(`key list --filter attr.label=${lost2.arn}   # must match one key`);
    expect(check.legacyCommands).toContain(`findKey -l ${lost1.arn}`);
  });

  it("refuses a --param BackupId older than the store's newest key: moving there would lose that key", () => {
    const s = snapshot({
      keys: keys(),
      backups: [
        backup("backup-middleready", "READY", "2026-07-01T00:00:00.000Z"),
        backup("backup-beforekey01", "READY", "2026-05-01T00:00:00.000Z"),
      ],
    });
    const f = diagnosed(s, "KEY_MATERIAL_MISSING");
    expect(() => plan(s, f, { BackupId: "backup-beforekey01" })).toThrow(/predates the store's newest key/);
    expect(plan(s, f, { BackupId: "backup-middleready" }).actions[0]!.parameters[0]).toEqual({
      name: "BackupId",
      value: "backup-middleready",
      source: "--param",
    });
  });

  it("refuses with a UsageError when every READY backup predates the newest key (none holds every key)", () => {
    const s = snapshot({
      keys: keys(),
      backups: [
        backup("backup-inprogress1", "CREATE_IN_PROGRESS", "2026-11-27T00:00:00.000Z"),
        backup("backup-beforekey01", "READY", "2026-05-01T00:00:00.000Z"),
      ],
    });
    const f = diagnosed(s, "KEY_MATERIAL_MISSING");
    expect(() => plan(s, f)).toThrow(UsageError);
    expect(() => plan(s, f)).toThrow(/none holds every key/);
  });
});

describe("ORPHANED_KEY_MATERIAL: delete-orphaned-key-material", () => {
  const ARN_1 = keyArn("deadbeef-0000-4000-8000-00000000000a");
  const ARN_2 = keyArn("deadbeef-0000-4000-8000-00000000000b");
  const EVENT_1 = "11111111-4f50-6172-8394-a5b6c7d8e9f0";
  const EVENT_2 = "22222222-4f50-6172-8394-a5b6c7d8e9f0";
  const twoOrphans = (cluster2 = CLUSTER_ID) =>
    snapshot({
      deleteKeyEvents: [
        deleteKeyEvent([backingKey("SUCCESS", "262150", BK_DONE), backingKey("FAILURE", "262152", BK_A)], {
          eventId: EVENT_1,
          keyArn: ARN_1,
        }),
        deleteKeyEvent([backingKey("FAILURE", "262153", BK_B)], {
          eventId: EVENT_2,
          keyArn: ARN_2,
          eventTime: "2026-11-21T10:00:00.000Z",
          cloudHsmClusterId: cluster2,
        }),
      ],
    });

  it("plans one action that proves both keys are deleted before disconnecting, then deletes both by label", () => {
    const s = twoOrphans();
    const a = onlyAction(plan(s, diagnosed(s, "ORPHANED_KEY_MATERIAL", "ORPHANED_KEY_MATERIAL")));
    expect(a.findings).toEqual(["ORPHANED_KEY_MATERIAL"]);
    expect(ids(a)).toEqual([
      "check-key-deleted-1",
      "check-key-deleted-2",
      "disconnect",
      "wait-disconnected",
      "set-kmsuser-password",
      "delete-key-material-1",
      "delete-key-material-2",
      "update-store-password",
      "connect",
      "wait-connected",
      "verify",
    ]);
    const checks = a.steps.filter((x) => x.action === "kms.check-key-deleted");
    expect(
      checks.map((x) => ({ ...x.input, op: `${x.service}:${x.operation}`, mutating: x.mutating })),
    ).toEqual([
      { KeyId: ARN_1, op: "kms:DescribeKey", mutating: false },
      { KeyId: ARN_2, op: "kms:DescribeKey", mutating: false },
    ]);
    expect(a.steps.findIndex((x) => x.mutating)).toBe(ids(a).indexOf("disconnect"));
    const deletes = a.steps.filter((x) => x.action === "hsm.delete-key-material");
    expect(deletes.map((x) => [x.kind, x.mutating, x.input])).toEqual([
      [
        "manual",
        true,
        {
          ClusterId: CLUSTER_ID,
          Label: ARN_1,
          BackingKeyId: BK_A,
          KeyHandle: "262152",
          EventId: EVENT_1,
        },
      ],
      [
        "manual",
        true,
        {
          ClusterId: CLUSTER_ID,
          Label: ARN_2,
          BackingKeyId: BK_B,
          KeyHandle: "262153",
          EventId: EVENT_2,
        },
      ],
    ]);
    expect(deletes[0]!.commands).toContain(`key delete --filter attr.label=${ARN_1}`);
    // The legacy form deletes the handle findKey prints, never CloudTrail's (they need not match).
    expect(deletes[1]!.legacyCommands).toContain("deleteKey -k <the key handle findKey printed>");
    expect(deletes[1]!.legacyCommands?.join("\n")).not.toContain("262153");
  });

  it("leaves an orphan on a cluster the store no longer uses (and did not come from) to a person, with a note", () => {
    const s = snapshot({
      deleteKeyEvents: [
        deleteKeyEvent([backingKey("FAILURE", "262152")], { cloudHsmClusterId: OTHER_CLUSTER_ID }),
      ],
    });
    const p = plan(s, diagnosed(s, "ORPHANED_KEY_MATERIAL"));
    expect(p.actions).toEqual([]);
    expect(p.notes).toEqual([
      expect.stringMatching(new RegExp(`1 orphaned backing key\\(s\\) on ${OTHER_CLUSTER_ID}.*by hand`)),
    ]);
  });

  it("deletes the orphans on the store's cluster and notes the one on a foreign cluster; verify targets only its own", () => {
    const s = twoOrphans(OTHER_CLUSTER_ID);
    const p = plan(s, diagnosed(s, "ORPHANED_KEY_MATERIAL", "ORPHANED_KEY_MATERIAL"));
    const a = onlyAction(p);
    expect(
      a.steps.filter((x) => x.action === "hsm.delete-key-material").map((x) => x.input.BackingKeyId),
    ).toEqual([BK_A]);
    expect(p.notes).toHaveLength(1);
    const findings = diagnose(s);
    expect(remainingFor(a, findings).map((f) => f.evidence.backingKeyId)).toEqual([BK_A]);
  });

  it("deletes an orphan recorded on the cluster the store's cluster was restored from (the backup brought it along)", () => {
    const RESTORED = "cluster-restored777";
    const s = snapshot({
      stores: [store({ cloudHsmClusterId: RESTORED })],
      clusters: {
        [RESTORED]: cluster(undefined, { clusterId: RESTORED, sourceBackupId: "backup-fromoriginal" }),
      },
      backups: [backup("backup-fromoriginal", "READY", "2026-11-20T00:00:00.000Z", CLUSTER_ID)],
      deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "262152")], { cloudHsmClusterId: CLUSTER_ID })],
    });
    const a = onlyAction(plan(s, diagnosed(s, "ORPHANED_KEY_MATERIAL")));
    const del = a.steps.find((x) => x.action === "hsm.delete-key-material")!;
    expect(del.input.ClusterId).toBe(RESTORED);
  });
});

describe("several runbooks on one store", () => {
  const hsmsGoneAndBadPassword = () =>
    snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
      clusters: { [CLUSTER_ID]: cluster([]) },
    });

  it("orders them: add-hsms before rotate-kmsuser-password, whatever order the findings come in", () => {
    const s = hsmsGoneAndBadPassword();
    const f = diagnosed(s, "INVALID_CREDENTIALS", "NO_ACTIVE_HSMS");
    for (const findings of [f, [...f].reverse()]) {
      const p = plan(s, findings);
      expect(p.actions.map((a) => [a.runbook, a.finding])).toEqual([
        ["add-hsms", "NO_ACTIVE_HSMS"],
        ["rotate-kmsuser-password", "INVALID_CREDENTIALS"],
      ]);
      expect(p.basis).toEqual([{ customKeyStoreId: STORE_ID, fingerprint: fingerprint(s, STORE_ID) }]);
    }
  });

  it("drops reconnect when another runbook already connects the store", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] });
    const p = plan(s, [made("STORE_DISCONNECTED"), made("INVALID_CREDENTIALS")]);
    expect(p.actions.map((a) => a.runbook)).toEqual(["rotate-kmsuser-password"]);
    expect(actionsOf(p).filter((x) => x === "kms.connect")).toHaveLength(1);
  });

  it("drops reconnect for a DISCONNECTED store whose cluster is gone: the restore connects it", () => {
    const s = snapshot({
      stores: [storeIn("DISCONNECTED")],
      clusters: { [CLUSTER_ID]: cluster([], { state: "DELETED" }) },
      backups: [backup("backup-readyready0", "READY", "2026-11-20T00:00:00.000Z")],
    });
    const p = plan(s, diagnosed(s, "STORE_DISCONNECTED", "CLUSTER_NOT_FOUND"));
    expect(p.actions.map((a) => a.runbook)).toEqual(["restore-cluster-from-backup"]);
    expect(actionsOf(p)).not.toContain("kms.disconnect");
  });

  it("keeps each store's actions apart, in snapshot order, with one basis entry per store acted on", () => {
    const OTHER = store({
      customKeyStoreId: OTHER_STORE_ID,
      customKeyStoreName: "Other",
      connectionState: "DISCONNECTED",
    });
    const HEALTHY = store({ customKeyStoreId: "cks-00000000healthy0", customKeyStoreName: "Fine" });
    const s = snapshot({ stores: [HEALTHY, storeIn("FAILED", "INVALID_CREDENTIALS"), OTHER] });
    const p = plan(s, diagnosed(s, "INVALID_CREDENTIALS", "STORE_DISCONNECTED"));
    expect(p.actions.map((a) => [a.customKeyStoreId, a.runbook])).toEqual([
      [STORE_ID, "rotate-kmsuser-password"],
      [OTHER_STORE_ID, "reconnect"],
    ]);
    expect(p.basis).toEqual([
      { customKeyStoreId: STORE_ID, fingerprint: fingerprint(s, STORE_ID) },
      { customKeyStoreId: OTHER_STORE_ID, fingerprint: fingerprint(s, OTHER_STORE_ID) },
    ]);
    expect(stepOf(p.actions[1]!, "connect").input).toEqual({ CustomKeyStoreId: OTHER_STORE_ID });
  });

  // Regression: add-hsms once connected with the old (wrong) password before the rotation ran.
  it("does not connect the store before its kmsuser password is fixed (NO_ACTIVE_HSMS + INVALID_CREDENTIALS)", () => {
    const s = hsmsGoneAndBadPassword();
    const p = plan(s, diagnosed(s, "INVALID_CREDENTIALS", "NO_ACTIVE_HSMS"));
    const flat = p.actions.flatMap((a) => a.steps.map((x) => `${a.runbook}/${x.action}`));
    const firstConnect = flat.findIndex((x) => x.endsWith("/kms.connect"));
    expect(firstConnect).toBeGreaterThan(flat.indexOf("rotate-kmsuser-password/kms.update-password"));
  });

  it("changes kmsuser only while the store is DISCONNECTED, in every single-runbook plan", () => {
    const cases: [string, Snapshot, Record<string, string>][] = [
      ["rotate", snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] }), {}],
      ["create-kmsuser", snapshot({ stores: [storeIn("FAILED", "USER_NOT_FOUND")] }), {}],
      ["orphans", snapshot({ deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "262152")])] }), {}],
      [
        "recover",
        snapshot({
          keys: [key("Unavailable")],
          backups: [backup("backup-readyready0", "READY", "2026-11-20T00:00:00.000Z")],
        }),
        {},
      ],
      [
        "restore",
        snapshot({
          stores: [storeIn("FAILED", "SUBNET_NOT_FOUND")],
          backups: [backup("backup-readyready0", "READY", "2026-11-20T00:00:00.000Z")],
        }),
        { SubnetIds: "subnet-33333333,subnet-44444444" },
      ],
    ];
    for (const [name, s, params] of cases) {
      const p = plan(s, diagnose(s), params);
      expect(p.actions, name).toHaveLength(1);
      expect(
        actionsOf(p).some((x) => x.startsWith("hsm.") || x.startsWith("kms.update")),
        name,
      ).toBe(true);
      expect(stepsWhileNotDisconnected(p, STORE_ID, s.stores[0]!.connectionState), name).toEqual([]);
    }
  });

  // Regression: a reconnect planned first once left a later orphan deletion acting while KMS held kmsuser.
  it("does not change kmsuser while an earlier action has connected the store (STORE_DISCONNECTED + ORPHANED_KEY_MATERIAL)", () => {
    const s = snapshot({
      stores: [storeIn("DISCONNECTED")],
      keys: [key("Unavailable")],
      deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "262152")])],
    });
    const p = plan(s, diagnosed(s, "STORE_DISCONNECTED", "ORPHANED_KEY_MATERIAL"));
    expect(stepsWhileNotDisconnected(p, STORE_ID, "DISCONNECTED")).toEqual([]);
  });

  // Regression: add-hsms once created HSMs in the cluster a restore had just moved the store away from.
  it("creates no HSM in the cluster a restore moves the store away from (SUBNET_NOT_FOUND + NO_ACTIVE_HSMS)", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "SUBNET_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: cluster([]) },
      backups: [backup("backup-readyready0", "READY", "2026-11-20T00:00:00.000Z")],
    });
    const p = plan(s, diagnosed(s, "SUBNET_NOT_FOUND", "NO_ACTIVE_HSMS"), {
      SubnetIds: "subnet-33333333,subnet-44444444",
    });
    const targets = p.actions
      .flatMap((a) => a.steps)
      .filter((x) => x.action === "cloudhsm.create-hsm")
      .map((x) => x.input.ClusterId);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((c) => c !== NEW_CLUSTER)).toEqual([]);
  });
});

describe("nothing to do", () => {
  it("plans nothing for a finding without a runbook (PENDING_DELETION_KEYS)", () => {
    const s = snapshot({ stores: [storeIn("DISCONNECTED")], keys: [key("PendingDeletion")] });
    const f = diagnosed(s, "STORE_DISCONNECTED", "PENDING_DELETION_KEYS").filter(
      (x) => x.code === "PENDING_DELETION_KEYS",
    );
    const p = plan(s, f);
    expect(p.actions).toEqual([]);
    expect(p.basis).toEqual([]);
  });

  it("plans nothing, with an empty basis, for no findings", () => {
    const s = snapshot();
    const p = plan(s, diagnosed(s));
    expect(p).toEqual({
      schemaVersion: 1,
      kind: "kcs-plan",
      createdAt: CREATED_AT,
      backend: "aws",
      region: REGION,
      basis: [],
      impact: { storesTakenOffline: [], keysMadeUnavailable: 0 },
      actions: [],
    });
  });
});

describe("manual steps", () => {
  const rotate = () => {
    const s = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] });
    return onlyAction(plan(s, diagnosed(s, "INVALID_CREDENTIALS")));
  };

  it("give the CloudHSM CLI and legacy commands for setting the kmsuser password", () => {
    const step = stepOf(rotate(), "set-kmsuser-password");
    expect(step.kind).toBe("manual");
    expect(step.input).toEqual({ ClusterId: CLUSTER_ID });
    expect(step.commands?.[0]).toBe(`# on a client instance of cluster ${CLUSTER_ID}`);
    expect(
      step.commands?.some((l) => l.startsWith("user change-password --username kmsuser --role crypto-user")),
    ).toBe(true);
    expect(step.legacyCommands).toContain("changePswd CU kmsuser <the new kmsuser password>");
  });

  it("carry commands on every manual step and on no other, and never a password, only a placeholder", () => {
    const plans = [
      rotate(),
      ...[
        snapshot({ stores: [storeIn("FAILED", "USER_NOT_FOUND")] }),
        snapshot({ stores: [storeIn("FAILED", "USER_LOGGED_IN")] }),
        snapshot({ deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "262152")])] }),
        snapshot({
          keys: [key("Unavailable")],
          backups: [backup("backup-readyready0", "READY", "2026-11-20T00:00:00.000Z")],
        }),
      ].map((s) => onlyAction(plan(s, diagnose(s)))),
    ];
    const manual = plans.flatMap((a) => a.steps.filter((x) => x.kind === "manual"));
    expect(new Set(manual.map((x) => x.action))).toEqual(
      new Set([
        "hsm.set-kmsuser-password",
        "hsm.create-kmsuser",
        "hsm.logout-kmsuser",
        "hsm.delete-key-material",
        "hsm.verify-key-material",
      ]),
    );
    for (const x of manual) {
      expect(x.commands?.length, x.id).toBeGreaterThan(1);
      expect(x.legacyCommands?.length, x.id).toBeGreaterThan(1);
      for (const line of [...x.commands!, ...x.legacyCommands!]) {
        expect(line, x.id).not.toMatch(/--password\b/);
        // Every legacy form that takes a password inline takes the placeholder.
        if (/^(changePswd|createUser) CU kmsuser|^loginHSM -u CU/.test(line)) {
          expect(line.endsWith("<the new kmsuser password>"), line).toBe(true);
        }
      }
    }
    for (const x of plans.flatMap((a) => a.steps.filter((y) => y.kind !== "manual"))) {
      expect(x.commands, x.id).toBeUndefined();
      expect(x.legacyCommands, x.id).toBeUndefined();
    }
  });
});

describe("fingerprint", () => {
  const base = () => {
    const s = snapshot({ keys: [key("Enabled", { keyId: "1234abcd-12ab-34cd-56ef-000000000099" })] });
    return { s, fp: fingerprint(s, STORE_ID) };
  };

  it("is stable for the same facts", () => {
    const { s, fp } = base();
    expect(fingerprint(structuredClone(s), STORE_ID)).toBe(fp);
  });

  it("changes when the store's ConnectionState changes", () => {
    const { s, fp } = base();
    s.stores[0]!.connectionState = "DISCONNECTED";
    expect(fingerprint(s, STORE_ID)).not.toBe(fp);
  });

  it("changes when an HSM changes state", () => {
    const { s, fp } = base();
    s.clusters[CLUSTER_ID]!.hsms[1]!.state = "DEGRADED";
    expect(fingerprint(s, STORE_ID)).not.toBe(fp);
  });

  it("changes when a key of the store changes state", () => {
    const { s, fp } = base();
    s.keys[0]!.keyState = "Unavailable";
    expect(fingerprint(s, STORE_ID)).not.toBe(fp);
  });

  it("changes when a new orphan event appears for the store", () => {
    const { s, fp } = base();
    s.deleteKeyEvents.push(deleteKeyEvent([backingKey("FAILURE", "262152")]));
    expect(fingerprint(s, STORE_ID)).not.toBe(fp);
  });

  it("does not change when only a backup is added", () => {
    const { s, fp } = base();
    s.backups.unshift(backup("backup-dailybackup", "READY", "2026-11-28T06:00:00.000Z"));
    expect(fingerprint(s, STORE_ID)).toBe(fp);
  });

  it("does not change when only another store's key changes", () => {
    const { s } = base();
    s.keys.push(key("Enabled", { customKeyStoreId: OTHER_STORE_ID }));
    const fp = fingerprint(s, STORE_ID);
    s.keys[1]!.keyState = "Disabled";
    expect(fingerprint(s, STORE_ID)).toBe(fp);
  });

  it('is "absent" for a store that is not in the snapshot', () => {
    const { s, fp } = base();
    expect(fingerprint(s, OTHER_STORE_ID)).toBe("absent");
    expect(fp).not.toBe("absent");
  });
});

describe("composition regressions found in review of the metadata-driven planner", () => {
  const orphan = () =>
    deleteKeyEvent([backingKey("FAILURE", "262152", BK_A)], {
      eventId: "33333333-4f50-6172-8394-a5b6c7d8e9f0",
      keyArn: keyArn("deadbeef-0000-4000-8000-00000000000c"),
    });

  it("add-hsms keeps its own reconnect when only the orphan cleanup comes after it: that cleanup reconnects for itself", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS")],
      clusters: { [CLUSTER_ID]: cluster([]) },
      deleteKeyEvents: [orphan()],
    });
    const p = plan(s, diagnosed(s, "NO_ACTIVE_HSMS", "ORPHANED_KEY_MATERIAL"));
    expect(p.actions.map((a) => a.runbook)).toEqual(["add-hsms", "delete-orphaned-key-material"]);
    // Without its connect, add-hsms' verify would still see FAILED (INSUFFICIENT_CLOUDHSM_HSMS).
    expect(actionsOf(p.actions[0]!)).toEqual(
      expect.arrayContaining(["kms.disconnect", "kms.connect", "wait.store-connected"]),
    );
  });

  it("recover-key-material leaves add-hsms for a run after the restore: no HSM is bought for the cluster being left", () => {
    const s = snapshot({
      clusters: { [CLUSTER_ID]: cluster([hsm(AZ_A)]) },
      keys: [key("Unavailable", { creationDate: "2026-06-01T00:00:00.000Z" })],
      backups: [backup("backup-afterkey001", "READY", "2026-07-01T00:00:00.000Z")],
    });
    const p = plan(s, diagnosed(s, "INSUFFICIENT_HSMS", "KEY_MATERIAL_MISSING"));
    expect(p.actions.map((a) => a.runbook)).toEqual(["recover-key-material"]);
    expect(p.notes?.join("\n")).toMatch(/INSUFFICIENT_HSMS left for a run after the restore/);
  });

  it("refuses, in one line and before any change, a step the live state cannot fill (an orphan without its event id)", () => {
    const s = snapshot({ deleteKeyEvents: [{ ...orphan(), eventId: "" }] });
    expect(() => plan(s, diagnosed(s, "ORPHANED_KEY_MATERIAL"))).toThrow(UsageError);
    expect(() => plan(s, diagnosed(s, "ORPHANED_KEY_MATERIAL"))).toThrow(
      /step delete-key-material would have EventId/,
    );
  });
});

describe("impact: what a plan does to the people who use the keys (contract: plan impact)", () => {
  const orphanOn = () =>
    deleteKeyEvent([backingKey("FAILURE", "262152", BK_A)], {
      eventId: "44444444-4f50-6172-8394-a5b6c7d8e9f0",
      keyArn: keyArn("deadbeef-0000-4000-8000-00000000000d"),
    });

  it("deleting orphans takes a working store offline: its Enabled keys are counted", () => {
    const s = snapshot({
      keys: [key("Enabled"), key("Enabled"), key("Disabled")],
      deleteKeyEvents: [orphanOn()],
    });
    const p = plan(s, diagnosed(s, "ORPHANED_KEY_MATERIAL"));
    expect(p.impact).toEqual({ storesTakenOffline: [STORE_ID], keysMadeUnavailable: 2 });
    expect(p.actions[0]!.impact).toEqual(p.impact);
  });

  it("disconnecting a store that is already FAILED makes no key unavailable that works now", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "INTERNAL_ERROR")], keys: [key("Unavailable")] });
    const p = plan(s, diagnosed(s, "INTERNAL_ERROR"));
    expect(p.impact).toEqual({ storesTakenOffline: [STORE_ID], keysMadeUnavailable: 0 });
  });

  it("a reconnect of a DISCONNECTED store takes nothing offline", () => {
    const s = snapshot({ stores: [storeIn("DISCONNECTED")], keys: [key("Unavailable")] });
    expect(plan(s, diagnosed(s, "STORE_DISCONNECTED")).impact).toEqual({
      storesTakenOffline: [],
      keysMadeUnavailable: 0,
    });
  });

  it("a move to new subnets creates a cluster and HSMs and leaves the old cluster behind, still billed", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "SUBNET_NOT_FOUND")],
      backups: [backup("backup-newestready", "READY", "2026-11-27T00:00:00.000Z")],
    });
    const p = plan(s, diagnosed(s, "SUBNET_NOT_FOUND"), { SubnetIds: `${SUBNET_C},${SUBNET_A}` });
    expect(p.impact?.creates).toEqual([
      `a CloudHSM cluster from backup-newestready`,
      `2 HSMs in ${NEW_CLUSTER}`,
    ]);
    expect(p.impact?.leavesBehind?.[0]).toMatch(
      new RegExp(`^${CLUSTER_ID} and its 2 HSM\\(s\\): .*billed until you delete it`),
    );
  });

  it("what a move creates and leaves behind reads in Japanese too: the view knows every phrase the planner writes", async () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "SUBNET_NOT_FOUND")],
      backups: [backup("backup-newestready", "READY", "2026-11-27T00:00:00.000Z")],
    });
    const p = plan(s, diagnosed(s, "SUBNET_NOT_FOUND"), { SubnetIds: `${SUBNET_C},${SUBNET_A}` });
    const english = impactInWords(p);
    expect(english).toContain("creates a CloudHSM cluster from backup-newestready and 2 HSMs in");
    const japanese = await inLang("ja", () => impactInWords(p));
    expect(japanese).toContain(
      `backup-newestready から復元する CloudHSM クラスター と ${NEW_CLUSTER} の HSM 2 台 を作成します (課金対象)`,
    );
    expect(japanese).toContain(
      `${CLUSTER_ID} とその HSM 2 台 (キーストアはもう使いませんが、削除するまで課金されます) が残ります`,
    );
    expect(japanese).not.toMatch(/\b(and its|HSMs? in|cluster from)\b/);
  });
});

describe("--param values are checked against the live state before any change", () => {
  const deleted = () =>
    snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: cluster([], { state: "DELETED" }) },
      backups: [
        backup("backup-newestready", "READY", "2026-11-27T00:00:00.000Z"),
        backup("backup-otherclust1", "READY", "2026-11-26T00:00:00.000Z", OTHER_CLUSTER_ID),
      ],
    });

  it.each([
    [{ BackupId: "backup-otherclust1" }, /BackupId=backup-otherclust1 is not a READY backup of cluster-/],
    [{ BackupId: "backup-nosuchone00" }, /BackupId=backup-nosuchone00 is not a READY backup/],
    [{ HsmType: "hsm9.huge" }, /HsmType=hsm9.huge is not an HSM type CloudHSM offers/],
    [{ SubnetIds: "subnet-0a,not-a-subnet" }, /SubnetIds has 2 value\(s\) that are not subnet ids/],
  ])("refuses %o", (params, message) => {
    const s = deleted();
    expect(() => plan(s, diagnosed(s, "CLUSTER_NOT_FOUND"), params)).toThrow(UsageError);
    expect(() => plan(s, diagnosed(s, "CLUSTER_NOT_FOUND"), params)).toThrow(message);
  });

  it("refuses a restore that would lose the key material of keys newer than its backup, naming them, unless accepted", () => {
    const s = deleted();
    const young = key("Unavailable", { creationDate: "2026-11-28T00:00:00.000Z" });
    s.keys.push(young);
    expect(() => plan(s, diagnosed(s, "CLUSTER_NOT_FOUND"))).toThrow(
      new RegExp(`before 1 of the store's keys were created \\(${young.keyId}\\)`),
    );
    const accepted = plan(s, diagnosed(s, "CLUSTER_NOT_FOUND"), { AcceptKeyLoss: "yes" });
    expect(accepted.actions[0]!.parameters).toContainEqual({
      name: "AcceptKeyLoss",
      value: "yes",
      source: "--param",
    });
  });
});
