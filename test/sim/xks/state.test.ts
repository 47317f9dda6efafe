import { describe, expect, it } from "vitest";
import { xksStateProblems } from "../../../src/sim/xks/state.js";
import { proxyState } from "./fixture.js";

describe("XKS proxy state limits", () => {
  it("finds nothing wrong with the fixture", () => {
    expect(xksStateProblems(proxyState())).toEqual([]);
  });

  it("names each limit a description breaks", () => {
    const state = proxyState();
    state.fleetSize = 0;
    state.keyManagers = [];
    state.credential.accessKeyId = "short";
    state.keys[0]!.material = "abcd";
    expect(xksStateProblems(state)).toEqual([
      "fleetSize must be an integer above 0",
      "there must be 1 to 10 external key managers",
      "accessKeyId must be 20 to 30 characters of A-Z and 2-7",
      "key key-1: material must be 32 bytes of hex",
    ]);
  });
});
