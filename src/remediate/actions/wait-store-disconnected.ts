import { defineAction } from "./action.js";
import { StoreInput, storeInput } from "./inputs.js";
import { waitForStore } from "./poll.js";

export const waitStoreDisconnected = defineAction({
  kind: "wait",
  service: "kms",
  operation: "DescribeCustomKeyStores",
  mutating: false,
  expect: "ConnectionState DISCONNECTED",
  applies: (p) => p.state !== "DISCONNECTED",
  plan: storeInput,
  input: StoreInput,
  run: ({ CustomKeyStoreId: id }, step, _action, ctx, report) =>
    waitForStore(id, step, ctx, report, (state) => state === "DISCONNECTED", false),
});
