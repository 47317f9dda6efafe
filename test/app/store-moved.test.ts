import {
  ConnectCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import type { HsmOperator } from "../../src/backend/hsm-operator.js";
import { type App, withApp } from "../helpers/app.js";

const TRANSPORTS = ["in-process", "http"] as const;
const count = (kcs: App, operation: string) =>
  kcs.h.sim.calls.filter((c) => c.operation === operation).length;
const storeId = (kcs: App) => kcs.h.world().stores[0]!.CustomKeyStoreId;

describe("a store someone else moves during a run stops it, saying what changed (contract: kcs fix rule 10)", () => {
  it.each(TRANSPORTS)(
    "a connect started at the console during the manual step: kcs updates nothing and disconnects nothing (%s)",
    (transport) =>
      withApp("invalid-credentials", transport, async (kcs) => {
        const plan = await kcs.plan();
        const id = storeId(kcs);
        // The person sets the password, and a colleague at the console connects the store meanwhile.
        const operator: HsmOperator = {
          kind: "simulated",
          async perform(task, password) {
            const done = await kcs.operator.perform(task, password);
            await kcs.h.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
            return done;
          },
        };
        const { problem, result } = await kcs.fix(plan, { operator });
        expect(result.ok).toBe(false);
        expect(problem).toMatch(
          /changed outside this run: kcs expected DISCONNECTED.*, and it is CONNECTING.*someone else started a connect, and kcs never disconnects a connect it did not start/,
        );
        expect(problem).toMatch(/Run kcs doctor to see where the store is now/);
        expect(count(kcs, "UpdateCustomKeyStore")).toBe(0);
        // The one disconnect is the plan's first step, before anyone else acted.
        expect(count(kcs, "DisconnectCustomKeyStore")).toBe(1);
        expect(count(kcs, "ConnectCustomKeyStore")).toBe(1);
      }),
  );

  it.each(TRANSPORTS)(
    "a disconnect at the console while kcs waits for CONNECTED stops the wait at once (%s)",
    (transport) =>
      withApp("store-disconnected", transport, async (kcs) => {
        const plan = await kcs.plan();
        const id = storeId(kcs);
        let acted = false;
        const meanwhile = async () => {
          const s = (
            await kcs.h.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))
          ).CustomKeyStores![0]!;
          if (acted || s.ConnectionState !== "CONNECTING") return;
          acted = true;
          await kcs.h.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
        };
        const { problem, result } = await kcs.fix(plan, { meanwhile });
        expect(acted).toBe(true);
        expect(result.ok).toBe(false);
        expect(problem).toMatch(/wait-connected|wait/);
        expect(problem).toMatch(
          /changed outside this run: kcs expected CONNECTING or CONNECTED or FAILED, and it is DISCONNECT/,
        );
        // kcs connected once and did not connect again over the colleague's disconnect.
        expect(count(kcs, "ConnectCustomKeyStore")).toBe(1);
      }),
  );

  it.each(TRANSPORTS)(
    "a store changed between the plan and the run is refused at the first step, before any change (%s)",
    (transport) =>
      withApp("invalid-credentials", transport, async (kcs) => {
        const plan = await kcs.plan();
        const id = storeId(kcs);
        // Someone disconnects the FAILED store after the plan was shown and before it ran.
        await kcs.h.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
        kcs.h.clock.advance(60_000);
        const mutationsBefore = kcs.h.sim.calls.filter((c) => c.mutating).length;
        const { problem } = await kcs.fix(plan);
        expect(problem).toMatch(
          /kcs expected FAILED \(INVALID_CREDENTIALS\).*, and it is DISCONNECTED; someone else/,
        );
        expect(kcs.h.sim.calls.filter((c) => c.mutating).length).toBe(mutationsBefore);
      }),
  );
});
