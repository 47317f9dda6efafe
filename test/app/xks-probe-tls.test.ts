// Issue 13: a probe of a proxy whose TLS is broken cannot reach it; the store's TLS finding already
// says why, so doctor does not also report XKS_PROXY_NOT_REACHABLE for it.
import { describe, expect, it } from "vitest";
import { codesOf, withApp } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

describe("doctor --probe on xks-tls", () => {
  it("reports the TLS failure once, with the probe's view as its evidence", async () => {
    await withApp(scenarioWorld("xks-tls"), "in-process", async (kcs) => {
      const seen = await kcs.observe(undefined, { probe: true });
      const probe = seen.snapshot.xksProbes?.[0];
      expect(probe?.health?.outcome).toBe("unreachable");
      expect(probe?.health?.message).toMatch(/TLS/);
      expect(codesOf(seen)).toEqual(["XKS_PROXY_INVALID_TLS_CONFIGURATION"]);
    });
  });
});
