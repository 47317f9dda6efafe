import { describe, expect, it } from "vitest";
import { ManualOperator } from "../../src/backend/manual-operator.js";
import { Secret } from "../../src/core/secret.js";
import { findUser, KMSUSER } from "../../src/sim/cloudhsm/hsm-data.js";
import { app } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

describe("manual steps are done only when done (contract: kcs fix rule 5)", () => {
  it("--stop-before-manual runs up to the first manual step and stops there; the next run continues from the live state", async () => {
    const kcs = await app(scenarioWorld("invalid-credentials"), "http");
    try {
      const nobody = new ManualOperator(async () => {
        throw new Error("nobody may be asked: the run stops before its manual step");
      });
      const first = await kcs.fix(await kcs.plan(), { operator: nobody, stopBeforeManual: true });
      expect(first.stoppedBeforeManual).toBe(true);
      expect(first.result.ok).toBe(false);
      expect(first.problem).toMatch(
        /stopped before manual step set-kmsuser-password of rotate-kmsuser-password/,
      );
      expect(first.problem).toMatch(/user change-password --username kmsuser/);
      expect(first.result.outcomes.map((o) => [o.stepId, o.status])).toEqual([
        ["disconnect", "done"],
        ["wait-disconnected", "done"],
        ["set-kmsuser-password", "not run"],
        ["update-store-password", "not run"],
        ["connect", "not run"],
        ["wait-connected", "not run"],
        ["verify", "not run"],
      ]);
      expect(kcs.h.world().stores[0]!.ConnectionState).toBe("DISCONNECTED");
      // No connect with the password known to be wrong, in this run or the next.
      expect(kcs.h.sim.calls.some((c) => c.operation === "ConnectCustomKeyStore")).toBe(false);
      // The person sets the password in the change window; the next run (here the simulated person
      // confirms it) continues with the password runbook, not a blind reconnect.
      const next = await kcs.plan();
      expect(next.actions.map((a) => a.runbook)).toEqual(["rotate-kmsuser-password"]);
      const second = await kcs.fix(next);
      expect(second.problem).toBeUndefined();
      expect(kcs.h.world().stores[0]!.ConnectionState).toBe("CONNECTED");
      expect(findUser(kcs.h.world().clusters[0]!.hsm, KMSUSER)!.failedLogins).toBe(0);
    } finally {
      await kcs.close();
    }
  });
});

describe("kmsuser is never brought near lockout by kcs (contract: kcs fix rule 5)", () => {
  it("across runs, connects kcs starts fail to log in at most twice before one succeeds; the third run refuses to connect", async () => {
    const kcs = await app(scenarioWorld("invalid-credentials"));
    try {
      const user = () => findUser(kcs.h.world().clusters[0]!.hsm, KMSUSER)!;
      const before = user().failedLogins;
      // A person who says the password is set when it is not, three times in a row.
      const saidYes = new ManualOperator(async () => undefined);
      const wrong = new Secret("NotTheRightOne1");
      const connects = () => kcs.h.sim.calls.filter((c) => c.operation === "ConnectCustomKeyStore").length;
      const problems: string[] = [];
      for (let run = 1; run <= 3; run++) {
        kcs.h.clock.advance(60_000);
        const { problem } = await kcs.fix(await kcs.plan(), { operator: saidYes, password: wrong });
        problems.push(problem ?? "");
      }
      expect(connects()).toBe(2);
      expect(user().failedLogins).toBe(before + 2);
      expect(user().locked).toBeFalsy();
      expect(problems[2]).toMatch(/refusing to connect: connects kcs started have already failed 2 times/);
    } finally {
      await kcs.close();
    }
  });

  it.each(["in-process", "http"] as const)(
    "a store FAILED with USER_LOCKED_OUT is never connected until a person has reset kmsuser (%s)",
    async (transport) => {
      const kcs = await app(scenarioWorld("user-locked-out"), transport);
      try {
        const connects = () => kcs.h.sim.calls.filter((c) => c.operation === "ConnectCustomKeyStore").length;
        // The person declines the manual step; then a run that stops before it.
        const saidNo = new ManualOperator(async () => {
          throw new Error("the operator did not confirm it");
        });
        const declined = await kcs.fix(await kcs.plan(), { operator: saidNo });
        expect(declined.result.ok).toBe(false);
        kcs.h.clock.advance(60_000);
        const parts = await kcs.fix(await kcs.plan(), { stopBeforeManual: true });
        expect(parts.stoppedBeforeManual).toBe(true);
        expect(connects()).toBe(0);
        // Once the simulated person has done it, the store connects.
        kcs.h.clock.advance(60_000);
        const done = await kcs.fix(await kcs.plan());
        expect(done.problem).toBeUndefined();
        expect(connects()).toBe(1);
      } finally {
        await kcs.close();
      }
    },
  );
});
