import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { UsageError } from "../../src/core/errors.js";
import {
  CATALOG,
  type CatalogEntry,
  FINDING_CODES,
  type FindingCode,
  runbookFor,
} from "../../src/diagnose/catalog.js";
import { ACTIONS } from "../../src/remediate/actions/index.js";
import type { Runbook } from "../../src/remediate/runbook-schema.js";
import { findRunbook, loadRunbooks, parseRunbook, RUNBOOK_DIR } from "../../src/remediate/runbooks.js";

const FILES = readdirSync(RUNBOOK_DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const RUNBOOKS = loadRunbooks();
const byId = new Map<string, Runbook>(RUNBOOKS.map((rb) => [rb.id, rb]));

/** Catalog entries that name a runbook (on either kind of store), as [code, runbook id]. */
const CATALOG_RUNBOOKS = (Object.entries(CATALOG) as [string, CatalogEntry][]).flatMap(([code, entry]) => [
  ...(entry.runbook === null ? [] : [[code, entry.runbook] as const]),
  ...(entry.externalRunbook ? [[code, entry.externalRunbook] as const] : []),
]);

const steps = (rb: Runbook) => rb.steps.map((s) => `${rb.id}/${s.id}`);
const allSteps = RUNBOOKS.flatMap((rb) => rb.steps.map((step) => ({ rb, step })));

describe("the runbooks folder", () => {
  it("loads (and so validates) every runbook file", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(11);
    expect(RUNBOOKS).toHaveLength(FILES.length);
  });

  it("names every runbook after its file", () => {
    expect(RUNBOOKS.map((rb) => `${rb.id}.yaml`)).toEqual(FILES);
  });

  it("gives every runbook a summary and a reference to the AWS documentation", () => {
    for (const rb of RUNBOOKS) {
      expect(rb.title.trim(), `${rb.id} title`).not.toBe("");
      expect(rb.summary.trim().length, `${rb.id} summary`).toBeGreaterThan(40);
      expect(rb.reference, `${rb.id} reference`).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/\S+$/);
    }
  });

  it("loadRunbooks rejects a file whose id differs from its name, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "kcs-runbooks-"));
    try {
      writeFileSync(join(dir, "reconnect.yaml"), stringify({ ...minimal(), id: "retry-connection" }));
      expect(() => loadRunbooks(dir)).toThrow(/reconnect\.yaml: id retry-connection does not match/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("findRunbook finds a runbook by id and refuses an unknown one with a UsageError", () => {
    expect(findRunbook("reconnect").id).toBe("reconnect");
    expect(() => findRunbook("no-such-runbook")).toThrow(UsageError);
    expect(() => findRunbook("no-such-runbook")).toThrow(/no-such-runbook/);
  });
});

describe("runbooks and the finding catalog", () => {
  it("has a runbook file for every finding code whose catalog entry names one, listing that code", () => {
    expect(CATALOG_RUNBOOKS.length).toBeGreaterThan(10);
    for (const [code, id] of CATALOG_RUNBOOKS) {
      const rb = byId.get(id);
      expect(rb, `${code} names runbook ${id}`).toBeDefined();
      expect(rb!.findings, `${id} findings`).toContain(code);
    }
  });

  it("lists in each runbook only codes whose catalog entry names that runbook", () => {
    for (const rb of RUNBOOKS) {
      for (const code of rb.findings) {
        expect(
          [runbookFor(code, "AWS_CLOUDHSM"), runbookFor(code, "EXTERNAL_KEY_STORE")],
          `${rb.id} lists ${code}`,
        ).toContain(rb.id);
      }
    }
  });

  it("has no unreachable runbook: every runbook is named by some catalog entry", () => {
    const named = new Set<string>(CATALOG_RUNBOOKS.map(([, id]) => id));
    expect(RUNBOOKS.map((rb) => rb.id).filter((id) => !named.has(id))).toEqual([]);
  });

  it("names no runbook for the codes only a person can act on", () => {
    expect(FINDING_CODES.filter((c) => CATALOG[c].runbook === null).sort()).toEqual([
      "DIAGNOSER_FAILED",
      "PENDING_DELETION_KEYS",
    ]);
  });

  it("sends INVALID_CREDENTIALS to the proxy credential on an external store and to kmsuser's password on a CloudHSM one", () => {
    expect(runbookFor("INVALID_CREDENTIALS", "EXTERNAL_KEY_STORE")).toBe("update-xks-proxy-credential");
    expect(runbookFor("INVALID_CREDENTIALS", "AWS_CLOUDHSM")).toBe("rotate-kmsuser-password");
  });

  /** The codes an external key store can have (the contract's kcs doctor section). */
  const EXTERNAL_CODES: FindingCode[] = [
    "STORE_DISCONNECTED",
    "CONNECTION_IN_PROGRESS",
    "NETWORK_ERRORS",
    "INTERNAL_ERROR",
    "CONNECTION_FAILED",
    "INVALID_CREDENTIALS",
    ...FINDING_CODES.filter((c) => c.startsWith("XKS_")),
  ];

  it("gives every external store code a runbook with no CloudHSM step in it", () => {
    expect(EXTERNAL_CODES).toHaveLength(16);
    for (const code of EXTERNAL_CODES) {
      const id = runbookFor(code, "EXTERNAL_KEY_STORE");
      expect(id, code).not.toBeNull();
      for (const step of byId.get(id!)!.steps) {
        const types = ACTIONS[step.action].storeTypes ?? ["EXTERNAL_KEY_STORE"];
        expect(types, `${code} → ${id}/${step.id} (${step.action})`).toContain("EXTERNAL_KEY_STORE");
      }
    }
  });

  it("sends NETWORK_ERRORS on an external store to a reconnect, not to the cluster's security group advice", () => {
    expect(runbookFor("NETWORK_ERRORS", "EXTERNAL_KEY_STORE")).toBe("reconnect");
    expect(runbookFor("NETWORK_ERRORS", "AWS_CLOUDHSM")).toBe("retry-connection");
  });
});

describe("runbook steps", () => {
  it("name only actions that have a module, and take their kind and mutating flag from it", () => {
    expect(allSteps.length).toBeGreaterThan(50);
    for (const { rb, step } of allSteps) {
      const spec = ACTIONS[step.action];
      expect(spec, `${rb.id}/${step.id}`).toBeDefined();
      expect({ kind: step.kind, mutating: step.mutating }, `${rb.id}/${step.id} (${step.action})`).toEqual({
        kind: spec.kind,
        mutating: spec.mutating,
      });
    }
  });

  it("have ids unique within their runbook", () => {
    for (const rb of RUNBOOKS) {
      const ids = rb.steps.map((s) => s.id);
      expect(new Set(ids).size, `${rb.id}: ${ids.join(", ")}`).toBe(ids.length);
    }
  });

  it("end every runbook with verify.doctor", () => {
    for (const rb of RUNBOOKS) {
      expect(rb.steps.at(-1)?.action, rb.id).toBe("verify.doctor");
      expect(
        rb.steps.filter((s) => s.action === "verify.doctor"),
        rb.id,
      ).toHaveLength(1);
    }
  });

  it("end every runbook that connects with a wait for CONNECTED (or settled) followed by verify.doctor", () => {
    const connecting = RUNBOOKS.filter((rb) =>
      rb.steps.some((s) => s.action === "kms.connect" || s.action === "wait.store-settled"),
    );
    expect(connecting.map((rb) => rb.id)).toContain("reconnect");
    expect(connecting.map((rb) => rb.id)).toContain("await-connection");
    for (const rb of connecting) {
      const tail = rb.steps.slice(-2).map((s) => s.action);
      expect(tail, rb.id).toEqual([
        rb.steps.some((s) => s.action === "kms.connect") ? "wait.store-connected" : "wait.store-settled",
        "verify.doctor",
      ]);
    }
  });

  it("follow every connect and disconnect with the wait for its outcome", () => {
    for (const rb of RUNBOOKS) {
      rb.steps.forEach((s, i) => {
        const next = rb.steps[i + 1]?.action;
        if (s.action === "kms.connect") expect(next, `${rb.id}/${s.id}`).toBe("wait.store-connected");
        if (s.action === "kms.disconnect") expect(next, `${rb.id}/${s.id}`).toBe("wait.store-disconnected");
      });
    }
  });

  it("give every wait a timeout", () => {
    const waits = allSteps.filter(({ step }) => step.kind === "wait");
    expect(waits.length).toBeGreaterThan(20);
    for (const { rb, step } of waits) expect(step.timeout, `${rb.id}/${step.id}`).toMatch(/^\d+(ms|s|m|h)$/);
  });

  it("declare the secret KmsUserPassword parameter exactly in runbooks with a step that needs it", () => {
    for (const rb of RUNBOOKS) {
      const needs = rb.steps.some((s) => ACTIONS[s.action]?.needsPassword === true);
      const declared = rb.parameters.find((p) => p.name === "KmsUserPassword");
      expect(!!declared, `${rb.id}: ${steps(rb).join(", ")}`).toBe(needs);
      if (declared) expect(declared.secret, rb.id).toBe(true);
    }
  });

  it("repeat per orphaned key only in the runbook for orphaned key material", () => {
    const repeated = allSteps.filter(({ step }) => step.repeat === "OrphanedKeys");
    expect(repeated.map(({ rb, step }) => `${rb.id}/${step.id}`)).toEqual([
      "delete-orphaned-key-material/check-key-deleted",
      "delete-orphaned-key-material/delete-key-material",
    ]);
  });
});

describe("runbook metadata (how the planner composes runbooks on one store)", () => {
  it("gives every runbook its own order: none sorts first by accident", () => {
    const orders = RUNBOOKS.map((rb) => rb.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it("says connects: always exactly when a connect runs unconditionally, if-needed when only if not connected", () => {
    for (const rb of RUNBOOKS) {
      const connects = rb.steps.filter((s) => s.action === "kms.connect");
      const expected =
        connects.length === 0
          ? "never"
          : connects.every((s) => s.onlyIfNotConnected)
            ? "if-needed"
            : "always";
      // for-itself is an unconditional connect that others must not rely on.
      expect(rb.connects === "for-itself" ? "always" : rb.connects, rb.id).toBe(expected);
    }
  });

  it("says connects: for-itself only when it disconnects to change kmsuser and connects again at its end", () => {
    for (const rb of RUNBOOKS.filter((r) => r.connects === "for-itself")) {
      const actions = rb.steps.map((s) => s.action);
      const changes = actions.findIndex((a) => ACTIONS[a].changesKmsuser);
      expect(actions.indexOf("kms.disconnect"), rb.id).toBeGreaterThanOrEqual(0);
      expect(actions.indexOf("kms.disconnect"), rb.id).toBeLessThan(changes);
      expect(actions.lastIndexOf("kms.connect"), rb.id).toBeGreaterThan(changes);
    }
    expect(RUNBOOKS.filter((r) => r.connects === "for-itself").map((r) => r.id)).toEqual([
      "delete-orphaned-key-material",
    ]);
  });

  it("marks connectOnly only runbooks that do nothing but disconnect, connect, wait and verify", () => {
    const plain = new Set([
      "kms.disconnect",
      "wait.store-disconnected",
      "kms.connect",
      "wait.store-connected",
      "verify.doctor",
    ]);
    for (const rb of RUNBOOKS.filter((r) => r.connectOnly)) {
      expect(
        rb.steps.filter((s) => !plain.has(s.action)).map((s) => s.id),
        rb.id,
      ).toEqual([]);
    }
    expect(
      RUNBOOKS.filter((r) => r.connectOnly)
        .map((r) => r.id)
        .sort(),
    ).toEqual(["reconnect", "retry-connection"]);
  });

  it("has exactly one runbook that repairs kmsuser's password, and it sets it on the HSMs and in KMS", () => {
    const repairers = RUNBOOKS.filter((r) => r.repairsPassword);
    expect(repairers.map((r) => r.id)).toEqual(["rotate-kmsuser-password"]);
    const actions = repairers[0]!.steps.map((s) => s.action);
    expect(actions).toContain("hsm.set-kmsuser-password");
    expect(actions).toContain("kms.update-password");
  });

  it("marks restore exactly on the runbooks that create a cluster from a backup and move the store to it", () => {
    for (const rb of RUNBOOKS) {
      const actions = rb.steps.map((s) => s.action);
      const restores =
        actions.includes("cloudhsm.create-cluster-from-backup") && actions.includes("kms.update-cluster");
      expect(!!rb.restore, rb.id).toBe(restores);
    }
  });

  it("takes each runbook's findings from the catalog", () => {
    expect(findRunbook("rotate-kmsuser-password").findings).toEqual([
      "INVALID_CREDENTIALS",
      "USER_LOCKED_OUT",
    ]);
  });
});

/** A smallest valid runbook; each rejection test breaks exactly one thing in it. */
function minimal() {
  return {
    id: "reconnect",
    title: "Connect again",
    summary: "Connects the store again.",
    ja: { title: "再接続", summary: "キーストアを再接続します。" },
    reference: "https://docs.aws.amazon.com/kms/latest/developerguide/fix-keystore.html",
    order: 80,
    connects: "always",
    steps: [
      { id: "connect", title: "Connect", action: "kms.connect", ja: { title: "接続" } },
      { id: "verify", title: "Diagnose again", action: "verify.doctor", ja: { title: "再診断" } },
    ],
  };
}

const FILE = "broken-runbook.yaml";
const rejection = (data: unknown) => {
  try {
    parseRunbook(typeof data === "string" ? data : stringify(data), FILE);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("parseRunbook accepted it");
};

describe("parseRunbook", () => {
  it("accepts the minimal runbook the rejection tests start from", () => {
    const rb = parseRunbook(stringify(minimal()), FILE);
    expect(rb.steps.map((s) => s.id)).toEqual(["connect", "verify"]);
    expect(rb.parameters).toEqual([]);
  });

  it("rejects an action no module implements, naming the file and the field", () => {
    const data = minimal();
    data.steps[0]!.action = "kms.magic";
    const msg = rejection(data);
    expect(msg.startsWith(`${FILE}: steps.0.action:`), msg).toBe(true);
  });

  it("rejects a runbook without an order, naming the file and the field", () => {
    const { order: _order, ...data } = minimal();
    const msg = rejection(data);
    expect(msg.startsWith(`${FILE}: order:`), msg).toBe(true);
  });

  it("rejects a step that restates its action's kind (the action module is the one source)", () => {
    const data = minimal();
    const msg = rejection({ ...data, steps: [{ ...data.steps[0], kind: "api" }, data.steps[1]] });
    expect(msg.startsWith(`${FILE}: steps.0`), msg).toBe(true);
  });

  it("rejects a runbook without a title, naming the file and the field", () => {
    const { title: _title, ...data } = minimal();
    const msg = rejection(data);
    expect(msg.startsWith(`${FILE}: title:`), msg).toBe(true);
  });

  it("rejects an unknown top-level field, naming the file and the field", () => {
    const msg = rejection({ ...minimal(), colour: "blue" });
    expect(msg.startsWith(`${FILE}: `), msg).toBe(true);
    expect(msg).toContain("colour");
  });

  it("rejects an unknown field in a step, naming the file, the step and the field", () => {
    const data = minimal();
    const msg = rejection({ ...data, steps: [{ ...data.steps[0], retries: 3 }, data.steps[1]] });
    expect(msg.startsWith(`${FILE}: steps.0`), msg).toBe(true);
    expect(msg).toContain("retries");
  });

  it("rejects a runbook id no catalog entry names, naming the file and the field", () => {
    const msg = rejection({ ...minimal(), id: "summon-help" });
    expect(msg.startsWith(`${FILE}: id:`), msg).toBe(true);
  });

  it("rejects invalid YAML, naming the file", () => {
    const msg = rejection("id: reconnect\ntitle: [never closed\nsteps:\n  - id: x\n");
    expect(msg.startsWith(`${FILE}: not valid YAML:`), msg).toBe(true);
  });

  it("rejects an empty summary and a reference that is not a URL", () => {
    const summary = rejection({ ...minimal(), summary: "" });
    expect(summary.startsWith(`${FILE}: summary:`), summary).toBe(true);
    const reference = rejection({ ...minimal(), reference: "the AWS docs" });
    expect(reference.startsWith(`${FILE}: reference:`), reference).toBe(true);
  });
});
