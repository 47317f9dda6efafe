import { DescribeBackupsCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { describe, expect, it } from "vitest";
import { buildFleet } from "../../src/sim/scenarios/fleet.js";
import { harness, T0 } from "../helpers/sim.js";

describe("pagination tokens stay within AWS's limits however long the request", () => {
  it("DescribeBackups filtered by nine cluster ids pages through every backup with tokens of at most 256 characters", async () => {
    const world = buildFleet(T0, { stores: 9, keysPerStore: 2, defaultKeys: 0, deletedKeys: 0 });
    const ids = world.stores.flatMap((s) => (s.CloudHsmClusterId ? [s.CloudHsmClusterId] : []));
    const expected = world.backups.filter((b) => ids.includes(b.ClusterId)).length;
    expect(expected).toBeGreaterThan(100);
    const h = await harness(world);
    try {
      let token: string | undefined;
      let seen = 0;
      do {
        const res = await h.clients.cloudhsm.send(
          new DescribeBackupsCommand({
            Filters: { clusterIds: ids },
            MaxResults: 50,
            ...(token ? { NextToken: token } : {}),
          }),
        );
        seen += res.Backups?.length ?? 0;
        token = res.NextToken;
        if (token) expect(token.length).toBeLessThanOrEqual(256);
      } while (token);
      expect(seen).toBe(expected);
      const clusters = await h.clients.cloudhsm.send(
        new DescribeClustersCommand({ Filters: { clusterIds: ids }, MaxResults: 1 }),
      );
      expect(clusters.NextToken?.length ?? 0).toBeLessThanOrEqual(256);
    } finally {
      await h.close();
    }
  });
});
