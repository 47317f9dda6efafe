import { defineAction } from "./action.js";
import { StoreInput, storeInput } from "./inputs.js";
import { waitForStore } from "./poll.js";

export const waitStoreSettled = defineAction({
  kind: "wait",
  service: "kms",
  operation: "DescribeCustomKeyStores",
  mutating: false,
  expect: "ConnectionState CONNECTED or DISCONNECTED; FAILED stops the run",
  plan: storeInput,
  input: StoreInput,
  run: ({ CustomKeyStoreId: id }, step, _action, ctx, report) =>
    waitForStore(id, step, ctx, report, (state) => state === "CONNECTED" || state === "DISCONNECTED", true),
});
