import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Observation, observe } from "../../src/app/observe.js";
import { approveSavedPlan, makePlan } from "../../src/app/plan.js";
import {
  observeSnapshot,
  readSnapshotFile,
  SNAPSHOT_MAX_BYTES,
  selectStores,
  snapshotFile,
  writeSnapshotFile,
} from "../../src/app/snapshot-file.js";
import { UsageError } from "../../src/core/errors.js";
import { Secret } from "../../src/core/secret.js";
import { PlanSchema } from "../../src/remediate/plan.js";
import { buildReport } from "../../src/report/doctor-report.js";
import { act } from "../../src/sim/console-actions.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { type App, app } from "../helpers/app.js";
import { tempDir } from "../helpers/cli.js";
import { expectDocument } from "../helpers/kcs-json.js";
import { scenarioWorld } from "../helpers/sim.js";

/** As doctor --save-snapshot reads: connect events too (a plan from the snapshot needs them). */
const read = (kcs: App, probe = false) =>
  observe(kcs.backend, kcs.ledger, {
    now: new Date(kcs.clock.now()),
    timer: kcs.clock,
    connectEvents: true,
    ...(probe
      ? {
          probe: true,
          probeKeys: true,
          xksCredentials: kcs.h.store.read((w) =>
            (w.xksProxies ?? []).map((p) => ({
              accessKeyId: p.credential.accessKeyId,
              secretAccessKey: new Secret(p.credential.secretAccessKey),
            })),
          ),
        }
      : {}),
  });

/** Saved to a file and read back, as --save-snapshot and --from-snapshot do. */
function roundTrip(observation: Observation): { observation: Observation; text: string } {
  const path = join(tempDir("kcs-snap-"), "snap.json");
  writeSnapshotFile(path, snapshotFile([observation.snapshot], "kcs test", new Date()));
  const text = readFileSync(path, "utf8");
  const file = readSnapshotFile(path);
  expect(file.targets).toHaveLength(1);
  return { observation: observeSnapshot(file.targets[0]!.snapshot), text };
}

const plan = (o: Observation) =>
  makePlan(o, {
    stores: [],
    findings: [],
    params: {},
    passwordSource: "stdin",
    createdAt: "2026-11-28T12:00:00.000Z",
  });

/** The plan as its file holds it, or the planner's refusal (a runbook that needs a --param). */
function planOrRefusal(o: Observation): unknown {
  try {
    return PlanSchema.parse(JSON.parse(JSON.stringify(plan(o))));
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

describe("a kcs-snapshot round-trips to the same report and the same plan", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (name, scenario) => {
    const kcs = await app(scenarioWorld(name));
    try {
      const live = await read(kcs, scenario.needsProbe === true);
      const { observation, text } = roundTrip(live);
      expectDocument("kcs-snapshot", JSON.parse(text));
      // Everything gather read is in the file, and nothing is lost on the way back.
      expect(observation.snapshot).toEqual(JSON.parse(JSON.stringify(live.snapshot)));
      expect(buildReport(observation.snapshot, observation.findings)).toEqual(
        buildReport(live.snapshot, live.findings),
      );
      expect(planOrRefusal(observation)).toEqual(planOrRefusal(live));
    } finally {
      await kcs.close();
    }
  });

  it("the ledger's facts (orphans kcs deleted, passwords and moves in flight) travel with it", async () => {
    const kcs = await app(scenarioWorld("orphaned-key-material"));
    try {
      const live = await read(kcs);
      const orphan = live.findings.find((f) => f.code === "ORPHANED_KEY_MATERIAL")!;
      const resolved = `${orphan.evidence.eventId}/${orphan.evidence.backingKeyId}`;
      const store = live.snapshot.stores[0]!;
      const remembered = {
        ...live.snapshot,
        resolvedOrphans: [resolved],
        passwordsInFlight: [
          { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: store.cloudHsmClusterId! },
        ],
        movesInFlight: [{ customKeyStoreId: store.customKeyStoreId, runbook: "restore-cluster" }],
      };
      const { observation } = roundTrip({ snapshot: remembered, findings: [] });
      expect(observation.snapshot.resolvedOrphans).toEqual([resolved]);
      expect(observation.snapshot.passwordsInFlight).toEqual(remembered.passwordsInFlight);
      expect(observation.snapshot.movesInFlight).toEqual(remembered.movesInFlight);
      // The orphan kcs already deleted is not reported again from the snapshot either.
      expect(observation.findings.map((f) => f.code)).not.toContain("ORPHANED_KEY_MATERIAL");
    } finally {
      await kcs.close();
    }
  });

  it("holds no XKS proxy secret, though doctor --probe signed its calls with one", async () => {
    const scenario = SCENARIOS.find((s) => s.needsProbe)!;
    const kcs = await app(scenarioWorld(scenario.name));
    try {
      const secrets = kcs.h.store.read((w) => (w.xksProxies ?? []).map((p) => p.credential.secretAccessKey));
      expect(secrets.length).toBeGreaterThan(0);
      const live = await read(kcs, true);
      expect(live.snapshot.xksProbes?.some((p) => p.health?.outcome === "ok" || p.keys?.length)).toBe(true);
      const { text } = roundTrip(live);
      for (const secret of secrets) expect(text).not.toContain(secret);
    } finally {
      await kcs.close();
    }
  });
});

describe("a plan made from a snapshot applies only while the live world is as the snapshot saw it", () => {
  it("is approved against an unchanged world, and refused as stale once a store changed", async () => {
    const kcs = await app(scenarioWorld("invalid-credentials"));
    try {
      const { observation } = roundTrip(await read(kcs));
      const saved = PlanSchema.parse(JSON.parse(JSON.stringify(plan(observation))));
      expect(saved.actions.length).toBeGreaterThan(0);
      const where = {
        backend: kcs.backend.kind,
        region: kcs.backend.region,
        passwordSource: "stdin",
      } as const;
      const now = await read(kcs);
      expect(approveSavedPlan(saved, now, where, "plan.json").actions).toEqual(saved.actions);
      await act(kcs.h.sim, { action: "disconnect", store: observation.snapshot.stores[0]!.customKeyStoreId });
      const later = await read(kcs);
      expect(() => approveSavedPlan(saved, later, where, "plan.json")).toThrow(/plan\.json is stale/);
      expect(kcs.h.sim.calls.filter((c) => c.mutating && c.operation !== "DisconnectCustomKeyStore")).toEqual(
        [],
      );
    } finally {
      await kcs.close();
    }
  });
});

describe("--store on a snapshot keeps what belongs to the stores it names", () => {
  it("drops the other stores' keys, events and clusters, and refuses a store it does not hold", async () => {
    const kcs = await app(scenarioWorld("fleet"));
    try {
      const live = await read(kcs);
      const target = live.snapshot.stores.find((s) => s.customKeyStoreType === "AWS_CLOUDHSM")!;
      const one = selectStores(live.snapshot, [target.customKeyStoreName], "snap.json");
      expect(one.stores).toEqual([target]);
      expect(one.keys.every((k) => k.customKeyStoreId === target.customKeyStoreId)).toBe(true);
      expect(one.keys.length).toBe(
        live.snapshot.keys.filter((k) => k.customKeyStoreId === target.customKeyStoreId).length,
      );
      expect(Object.keys(one.clusters)).toEqual([target.cloudHsmClusterId]);
      expect(observeSnapshot(one).findings).toEqual(
        live.findings.filter((f) => f.customKeyStoreId === target.customKeyStoreId),
      );
      expect(() => selectStores(live.snapshot, ["no-such-store"], "snap.json")).toThrow(
        /--store no-such-store: no store of snap\.json/,
      );
    } finally {
      await kcs.close();
    }
  });
});

describe("a file that is not a kcs snapshot this kcs reads is refused in one line", () => {
  const dir = tempDir("kcs-snap-bad-");
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const good = () => {
    const f = snapshotFile(
      [
        {
          backend: "sim",
          region: "eu-west-1",
          generatedAt: "2026-11-28T12:00:00.000Z",
          since: "2026-08-30T12:00:00.000Z",
          stores: [
            {
              customKeyStoreId: "cks-1",
              customKeyStoreName: "one",
              customKeyStoreType: "AWS_CLOUDHSM",
              connectionState: "CONNECTED",
            },
          ],
          clusters: {},
          backups: [],
          keys: [],
          deleteKeyEvents: [],
          probes: [],
          errors: [],
        },
      ],
      "kcs test",
      new Date("2026-11-28T12:00:00Z"),
    );
    return JSON.parse(JSON.stringify(f)) as Record<string, unknown> & {
      targets: { snapshot: { stores: Record<string, unknown>[] } }[];
    };
  };
  const refusal = (path: string) => {
    try {
      readSnapshotFile(path);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).not.toContain("\n");
      return (err as Error).message;
    }
    throw new Error(`${path} was accepted`);
  };

  it("reads a good one", () => {
    expect(
      readSnapshotFile(file("good.json", JSON.stringify(good()))).targets[0]!.snapshot.stores,
    ).toHaveLength(1);
  });
  it("missing", () => expect(refusal(join(dir, "absent.json"))).toMatch(/Cannot read the snapshot .*ENOENT/));
  it("not JSON", () =>
    expect(refusal(file("text.json", "hello"))).toMatch(/not a kcs snapshot \(not JSON\)/));
  it("another kind", () =>
    expect(refusal(file("plan.json", JSON.stringify({ ...good(), kind: "kcs-plan" })))).toMatch(
      /its kind is not kcs-snapshot/,
    ));
  it("a newer schemaVersion", () =>
    expect(refusal(file("v2.json", JSON.stringify({ ...good(), schemaVersion: 2 })))).toMatch(
      /schemaVersion 2; this kcs reads schemaVersion 1: read it with the newer kcs/,
    ));
  it("an edited field of the wrong type, named by its path", () => {
    const edited = good();
    edited.targets[0]!.snapshot.stores[0]!.connectionState = 7;
    expect(refusal(file("edited.json", JSON.stringify(edited)))).toMatch(
      /not a valid kcs snapshot \(targets\.0\.snapshot\.stores\.0\.connectionState: /,
    );
  });
  it("no targets", () =>
    expect(refusal(file("empty.json", JSON.stringify({ ...good(), targets: [] })))).toMatch(/\(targets: /));
  it("too big", () => {
    const path = file("big.json", "");
    truncateSync(path, SNAPSHOT_MAX_BYTES + 1);
    expect(refusal(path)).toMatch(/larger than a kcs snapshot can be/);
  });
  it("a folder", () => expect(refusal(dir)).toMatch(/not a regular file/));
});
