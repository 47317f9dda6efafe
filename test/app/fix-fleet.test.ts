import { describe, expect, it } from "vitest";
import { apply } from "../../src/app/apply.js";
import { mergePlans, mergeResults, planForTarget, targetsOf } from "../../src/app/fleet-plan.js";
import { observeFleet } from "../../src/app/observe-fleet.js";
import { makePlan } from "../../src/app/plan.js";
import { SimulatedOperator } from "../../src/backend/simulated-operator.js";
import { Ledger } from "../../src/remediate/ledger.js";
import { PartitionStore } from "../../src/sim/partitions.js";
import {
  FLEET_AUDIT_EXTERNAL_ID,
  FLEET_AUDIT_ROLE,
  FLEET_MEMBER_ACCOUNT,
} from "../../src/sim/scenarios/fleet-partitions.js";
import { PASSWORD } from "../helpers/app.js";
import { fleetOn } from "../helpers/fleet.js";
import { expectDocument } from "../helpers/kcs-json.js";
import { harness, scenarioWorld, type Transport } from "../helpers/sim.js";

const ROOT = "111122223333";

describe.each<Transport>(["in-process", "http"])("kcs fix over a fleet (%s)", (transport) => {
  it("one run repairs INVALID_CREDENTIALS in two Regions of two accounts, each with its own clients", async () => {
    const h = await harness(scenarioWorld("fleet"), transport);
    const fleet = await fleetOn(h, {
      region: ["eu-west-1", "us-east-1"],
      roleArn: FLEET_AUDIT_ROLE,
      externalId: FLEET_AUDIT_EXTERNAL_ID,
    });
    const clock = { now: () => h.clock.now(), sleep: async (ms: number) => h.clock.advance(ms) };
    const see = () =>
      observeFleet(fleet, () => ({
        now: new Date(h.clock.now()),
        timer: clock,
        record: true,
        connectEvents: true,
      }));
    try {
      const { parts } = await see();
      const createdAt = new Date(h.clock.now()).toISOString();
      const plan = mergePlans(
        parts.map((p) => ({
          account: p.account,
          region: p.region,
          plan: makePlan(p, {
            stores: [],
            findings: ["INVALID_CREDENTIALS"],
            params: {},
            passwordSource: "stdin",
            createdAt,
          }),
        })),
        { backend: "sim", createdAt },
      );
      expectDocument("kcs-plan", JSON.parse(JSON.stringify(plan)));
      // Actions say where they run; the basis is per store, with its place; the impact is the fleet's.
      expect(plan.actions.map((a) => `${a.account} ${a.region}`)).toEqual([
        `${ROOT} eu-west-1`,
        `${ROOT} us-east-1`,
        `${FLEET_MEMBER_ACCOUNT} eu-west-1`,
        `${FLEET_MEMBER_ACCOUNT} us-east-1`,
      ]);
      expect(plan.basis.every((b) => b.account && b.region)).toBe(true);
      expect(plan.impact?.storesTakenOffline).toHaveLength(4);
      expect(targetsOf(plan)).toHaveLength(4);

      const results = [];
      for (const target of targetsOf(plan)) {
        const backend = fleet.targets.find(
          (t) => t.account === target.account && t.region === target.region,
        )!;
        const before = parts.find((p) => p.account === target.account && p.region === target.region)!;
        const part = planForTarget(plan, target);
        expect(part.actions.every((a) => a.account === undefined)).toBe(true);
        const applied = await apply(part, {
          before,
          backend,
          ledger: new Ledger(fleet.ledgers.get(backend)!),
          operator: new SimulatedOperator(
            new PartitionStore(h.store, { accountId: target.account, region: target.region }),
          ),
          password: PASSWORD,
          pollIntervalMs: 15_000,
          renderer: "silent",
          clock,
        });
        expect(applied.problem).toBeUndefined();
        results.push({ target, result: applied.result });
      }
      const result = mergeResults(plan, results);
      expectDocument("kcs-fix-result", JSON.parse(JSON.stringify(result)));
      expect(result.ok).toBe(true);
      // Doctor over the same fleet: INVALID_CREDENTIALS is gone everywhere; the rest is untouched.
      const after = await see();
      const codes = after.parts.flatMap((p) => p.findings.map((f) => `${p.account} ${p.region} ${f.code}`));
      expect(codes.filter((c) => c.endsWith("INVALID_CREDENTIALS"))).toEqual([]);
      expect(codes).toContain(`${FLEET_MEMBER_ACCOUNT} eu-west-1 NO_ACTIVE_HSMS`);
      // Each mutation went to its own partition: nothing in the Regions not planned changed.
      expect(
        h
          .world()
          .partitions!.find((p) => p.region === "eu-south-1")!
          .stores.map((s) => s.ConnectionState),
      ).toEqual(["CONNECTED", "FAILED", "FAILED"]);
    } finally {
      fleet.close();
      await h.close();
    }
  });
});
