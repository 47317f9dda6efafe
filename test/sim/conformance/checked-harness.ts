// A harness per test, closed after it. Every harness holds each answer to the operation's output
// shape in AWS's model (test/helpers/sim.ts), so the operations' answers need no check of their own.
import { afterEach } from "vitest";
import type { World } from "../../../src/sim/world.js";
import { type Harness, harness, type Transport } from "../../helpers/sim.js";

export function checkedHarnessPerTest(transport: Transport): (world: World) => Promise<Harness> {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (world) => {
    current = await harness(world, transport);
    return current;
  };
}
