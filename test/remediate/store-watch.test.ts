import { describe, expect, it } from "vitest";
import type { StoreFacts } from "../../src/gather/snapshot.js";
import { StoreMoved, StoreWatch } from "../../src/remediate/store-watch.js";

const ID = "cks-1";
const basis = (s: Partial<StoreFacts>): StoreFacts[] => [
  {
    customKeyStoreId: ID,
    customKeyStoreName: "payments",
    customKeyStoreType: "AWS_CLOUDHSM",
    connectionState: "CONNECTED",
    cloudHsmClusterId: "cluster-a",
    ...s,
  },
];
const live = (ConnectionState: string, more: Record<string, string> = {}) => ({
  ConnectionState,
  CloudHsmClusterId: "cluster-a",
  ...more,
});

describe("StoreWatch: the store is where the plan and this run's own effects put it (contract: kcs fix rule 10)", () => {
  it("accepts the basis, and refuses a store someone else disconnected, naming both states", () => {
    const w = new StoreWatch(basis({}));
    w.check(ID, live("CONNECTED"));
    expect(() => w.check(ID, live("DISCONNECTED"))).toThrow(
      /payments \(cks-1\) changed outside this run: kcs expected CONNECTED, and it is DISCONNECTED; someone else/,
    );
  });

  it("follows this run's own disconnect and connect, and the moves a store makes by itself", () => {
    const w = new StoreWatch(basis({}));
    w.ours(ID, { states: ["DISCONNECTING"] });
    w.check(ID, live("DISCONNECTING"));
    w.check(ID, live("DISCONNECTED"));
    w.ours(ID, { states: ["CONNECTING"] });
    w.check(ID, live("CONNECTING"));
    w.check(ID, live("FAILED", { ConnectionErrorCode: "NETWORK_ERRORS" }));
  });

  it("once a read shows the result of this run's call, the state before it is someone else's again", () => {
    const w = new StoreWatch(basis({}));
    w.ours(ID, { states: ["DISCONNECTING"] });
    w.check(ID, live("DISCONNECTED"));
    expect(() => w.check(ID, live("CONNECTED"))).toThrow(StoreMoved);
  });

  it("a connect someone else started is named as such: kcs never disconnects it", () => {
    const w = new StoreWatch(basis({ connectionState: "DISCONNECTED" }));
    expect(() => w.check(ID, live("CONNECTING"))).toThrow(
      /someone else started a connect, and kcs never disconnects a connect it did not start/,
    );
  });

  it("a connect in progress at the basis may end either way", () => {
    for (const end of ["CONNECTED", "FAILED"]) {
      const w = new StoreWatch(basis({ connectionState: "CONNECTING" }));
      w.check(ID, live(end));
    }
  });

  it("a FAILED store with another error code was disconnected and connected again by someone else", () => {
    const w = new StoreWatch(
      basis({ connectionState: "FAILED", connectionErrorCode: "INVALID_CREDENTIALS" }),
    );
    w.check(ID, live("FAILED", { ConnectionErrorCode: "INVALID_CREDENTIALS" }));
    expect(() => w.check(ID, live("FAILED", { ConnectionErrorCode: "NETWORK_ERRORS" }))).toThrow(
      /expected FAILED \(INVALID_CREDENTIALS\), and it is FAILED \(NETWORK_ERRORS\)/,
    );
  });

  it("a store moved to another cluster by someone else stops the run; this run's own move does not", () => {
    const theirs = new StoreWatch(basis({ connectionState: "DISCONNECTED" }));
    expect(() => theirs.check(ID, live("DISCONNECTED", { CloudHsmClusterId: "cluster-z" }))).toThrow(
      /expected DISCONNECTED on cluster-a, and it is DISCONNECTED on cluster-z/,
    );
    const ours = new StoreWatch(basis({ connectionState: "DISCONNECTED" }));
    ours.ours(ID, { clusterId: "cluster-b" });
    ours.check(ID, live("DISCONNECTED", { CloudHsmClusterId: "cluster-b" }));
    expect(() => ours.check(ID, live("DISCONNECTED"))).toThrow(StoreMoved);
  });

  it("a store outside the basis is learned from its first read", () => {
    const w = new StoreWatch([]);
    w.check(ID, live("DISCONNECTED"));
    expect(() => w.check(ID, live("CONNECTED"))).toThrow(StoreMoved);
  });
});
