import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KcsError } from "../../src/core/errors.js";
import { Ledger } from "../../src/remediate/ledger.js";
import { MemoryWorldStore, Simulator } from "../../src/sim/engine.js";
import { tempDir } from "../helpers/cli.js";
import { scenarioWorld } from "../helpers/sim.js";

const mode = (p: string) => statSync(p).mode & 0o777;

describe("kcs's other state files are private too (issue 9)", () => {
  it("the ledger's folder is 0700 and the ledger 0600", () => {
    const dir = join(tempDir("kcs-state-"), ".kcs");
    const path = join(dir, "ledger-eu-west-1.json");
    new Ledger(path).recordFailedLogin("cks-1", "cluster-abcdefghijk", "2026-11-30T00:00:00.000Z");
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
  });

  it("a damaged ledger is refused in one line rather than forgotten", () => {
    const path = join(tempDir("kcs-state-"), "ledger.json");
    writeFileSync(path, JSON.stringify({ failedLogins: [null] }));
    expect(() => new Ledger(path).failedLoginsFor("cks-1", "cluster-abcdefghijk")).toThrow(KcsError);
    expect(() => new Ledger(path).failedLoginsFor("cks-1", "cluster-abcdefghijk")).toThrow(
      /is damaged .*restore it/,
    );
  });

  it("the simulator's call log is 0600 and holds no secret member", async () => {
    const log = join(tempDir("kcs-state-"), "calls.jsonl");
    const sim = new Simulator(new MemoryWorldStore(scenarioWorld("store-disconnected")), { callLog: log });
    const id = sim.store.read((w) => w.stores[0]!.CustomKeyStoreId);
    await sim
      .call("kms", "UpdateCustomKeyStore", { CustomKeyStoreId: id, KeyStorePassword: "Sup3rSecretPw" })
      .catch(() => undefined);
    expect(mode(log)).toBe(0o600);
    expect(readFileSync(log, "utf8")).not.toContain("Sup3rSecretPw");
  });
});
