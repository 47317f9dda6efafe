import { DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeCustomKeyStoresCommand, DescribeKeyCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { harness, T0 } from "../helpers/sim.js";

describe("smoke", () => {
  for (const transport of ["in-process", "http"] as const) {
    it(`reads every scenario over ${transport}`, async () => {
      for (const s of SCENARIOS) {
        const h = await harness(s.build(T0), transport);
        const stores = await h.clients.kms.send(new DescribeCustomKeyStoresCommand({}));
        const clusters = await h.clients.cloudhsm.send(new DescribeClustersCommand({}));
        const keys = await h.clients.kms.send(new ListKeysCommand({ Limit: 1000 }));
        const states: string[] = [];
        for (const k of keys.Keys ?? []) {
          const d = await h.clients.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }));
          states.push(d.KeyMetadata!.KeyState!);
        }
        const ev = await h.clients.cloudtrail.send(
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DeleteKey" }],
          }),
        );
        console.log(
          s.name,
          stores.CustomKeyStores?.map(
            (x) => `${x.CustomKeyStoreName}:${x.ConnectionState}:${x.ConnectionErrorCode ?? ""}`,
          ).join(" "),
          clusters.Clusters?.map((c) => `${c.ClusterId}:${c.State}:${c.Hsms?.length}`).join(" "),
          states.length,
          [...new Set(states)].join(","),
          ev.Events?.length,
        );
        expect(stores.CustomKeyStores?.length).toBeGreaterThan(0);
        await h.close();
      }
    });
  }
});
