// The ledger's file is checked whole by a written-out parser (src/remediate/ledger.ts): a damaged
// ledger is refused with where it is wrong, never silently forgotten.
import { describe, expect, it } from "vitest";
import { parseLedger } from "../../src/remediate/ledger.js";

const orphan = {
  eventId: "e1",
  backingKeyId: "bk-1",
  keyArn: "arn:aws:kms:eu-west-1:111122223333:key/k1",
  cloudHsmClusterId: "cluster-1234567890a",
  resolvedAt: "2026-11-30T00:00:00.000Z",
  how: "deleted",
};

describe("parseLedger", () => {
  it("gives back what kcs wrote, absent lists as empty ones", () => {
    expect(parseLedger({ resolvedOrphans: [orphan] })).toEqual({
      ledger: { resolvedOrphans: [orphan], passwordsInFlight: [], failedLogins: [], movesInFlight: [] },
    });
  });

  it("keeps only the members it knows, and leaves an absent optional one absent", () => {
    const move = { customKeyStoreId: "cks-1", runbook: "restore-cluster", since: "2026-11-30T00:00:00.000Z" };
    const parsed = parseLedger({
      movesInFlight: [
        { ...move, injected: "\u001b[2J" },
        { ...move, from: "cluster-1234567890a" },
      ],
      extra: true,
    });
    expect(parsed).toEqual({
      ledger: {
        resolvedOrphans: [],
        passwordsInFlight: [],
        failedLogins: [],
        movesInFlight: [move, { ...move, from: "cluster-1234567890a" }],
      },
    });
  });

  it.each([
    [undefined, ""],
    [[], ""],
    ["a ledger", ""],
    [{ failedLogins: [null] }, "failedLogins.0"],
    [{ failedLogins: {} }, "failedLogins"],
    [{ movesInFlight: null }, "movesInFlight"],
    [{ failedLogins: [{ customKeyStoreId: "cks-1", cloudHsmClusterId: "c" }] }, "failedLogins.0.at"],
    [{ resolvedOrphans: [orphan, { ...orphan, how: 7 }] }, "resolvedOrphans.1.how"],
    [{ resolvedOrphans: [{ ...orphan, eventId: "e".repeat(129) }] }, "resolvedOrphans.0.eventId"],
    [
      { movesInFlight: [{ customKeyStoreId: "cks-1", runbook: "r", since: "s", from: null }] },
      "movesInFlight.0.from",
    ],
    [{ passwordsInFlight: Array.from({ length: 100_001 }, () => ({})) }, "passwordsInFlight"],
  ])("refuses %j, naming %j", (data, at) => {
    expect(parseLedger(data)).toEqual({ at });
  });
});
