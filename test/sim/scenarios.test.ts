import { DescribeBackupsCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeCustomKeyStoresCommand, DescribeKeyCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { type Harness, harness, T0 } from "../helpers/sim.js";

/** What the SDK shows of a scenario: the raw AWS view, not kcs's diagnosis of it. */
async function view(h: Harness) {
  const { kms, cloudhsm, cloudtrail } = h.clients;
  const stores = (await kms.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores ?? [];
  const clusters = (await cloudhsm.send(new DescribeClustersCommand({}))).Clusters ?? [];
  const backups = (await cloudhsm.send(new DescribeBackupsCommand({}))).Backups ?? [];
  const keys = [];
  for (const k of (await kms.send(new ListKeysCommand({ Limit: 1000 }))).Keys ?? []) {
    keys.push((await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!);
  }
  const deleteKeys = (
    (
      await cloudtrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DeleteKey" }],
        }),
      )
    ).Events ?? []
  ).map(
    (e) =>
      JSON.parse(e.CloudTrailEvent ?? "{}") as {
        additionalEventData?: { backingKeysDeletionStatus?: string };
      },
  );
  const statuses = deleteKeys.flatMap((e) =>
    e.additionalEventData?.backingKeysDeletionStatus
      ? (JSON.parse(e.additionalEventData.backingKeysDeletionStatus) as { deletionStatus: string }[]).map(
          (s) => s.deletionStatus,
        )
      : [],
  );
  const store = stores[0]!;
  const cluster = clusters.find((c) => c.ClusterId === store.CloudHsmClusterId);
  const active = cluster?.Hsms?.filter((x) => x.State === "ACTIVE") ?? [];
  return { stores, store, clusters, cluster, active, backups, keys, statuses };
}

type View = Awaited<ReturnType<typeof view>>;

const failedWith = (code: string) => (v: View) => {
  expect(v.store.ConnectionState).toBe("FAILED");
  expect(v.store.ConnectionErrorCode).toBe(code);
  expect(
    v.keys
      .filter((k) => k.CustomKeyStoreId === v.store.CustomKeyStoreId)
      .every((k) => k.KeyState === "Unavailable"),
  ).toBe(true);
};

const CONDITIONS: Record<string, (v: View) => void> = {
  healthy: (v) => {
    expect(v.store.ConnectionState).toBe("CONNECTED");
    expect(new Set(v.active.map((x) => x.AvailabilityZone)).size).toBe(2);
    expect(v.keys.every((k) => k.KeyState === "Enabled" || k.KeyState === "Disabled")).toBe(true);
    expect(v.statuses).toEqual(["SUCCESS"]);
    expect(v.backups.filter((b) => b.BackupState === "READY").length).toBeGreaterThan(5);
  },
  "store-disconnected": (v) => {
    expect(v.store.ConnectionState).toBe("DISCONNECTED");
    expect(v.keys.every((k) => k.KeyState === "Unavailable")).toBe(true);
  },
  "connection-in-progress": (v) => expect(v.store.ConnectionState).toBe("CONNECTING"),
  "invalid-credentials": failedWith("INVALID_CREDENTIALS"),
  "user-locked-out": failedWith("USER_LOCKED_OUT"),
  "user-not-found": failedWith("USER_NOT_FOUND"),
  "user-logged-in": failedWith("USER_LOGGED_IN"),
  "cluster-not-found": (v) => {
    failedWith("CLUSTER_NOT_FOUND")(v);
    expect(v.cluster?.State).toBe("DELETED");
    expect(
      v.backups.some((b) => b.ClusterId === v.store.CloudHsmClusterId && b.BackupState === "READY"),
    ).toBe(true);
  },
  "no-active-hsms": (v) => {
    failedWith("INSUFFICIENT_CLOUDHSM_HSMS")(v);
    expect(v.cluster?.Hsms).toEqual([]);
  },
  "insufficient-hsms": (v) => {
    expect(v.store.ConnectionState).toBe("CONNECTED");
    expect(v.active).toHaveLength(1);
  },
  "network-errors": failedWith("NETWORK_ERRORS"),
  "subnet-not-found": failedWith("SUBNET_NOT_FOUND"),
  "insufficient-free-addresses-in-subnet": failedWith("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET"),
  "internal-error": failedWith("INTERNAL_ERROR"),
  "connection-failed": (v) => {
    expect(v.store.ConnectionState).toBe("FAILED");
    expect(v.store.ConnectionErrorCode).toBeUndefined();
  },
  "key-material-missing": (v) => {
    expect(v.store.ConnectionState).toBe("CONNECTED");
    expect(v.keys.filter((k) => k.KeyState === "Unavailable")).toHaveLength(1);
  },
  "orphaned-key-material": (v) => {
    expect(v.store.ConnectionState).toBe("CONNECTED");
    expect(v.statuses).toContain("FAILURE");
  },
  "pending-deletion-keys": (v) => {
    expect(v.store.ConnectionState).toBe("DISCONNECTED");
    expect(v.keys.filter((k) => k.KeyState === "PendingDeletion")).toHaveLength(2);
  },
  fleet: (v) => {
    expect(v.stores.length).toBeGreaterThanOrEqual(6);
    expect(
      v.stores
        .map((s) => s.ConnectionErrorCode)
        .filter(Boolean)
        .sort(),
    ).toEqual(["CLUSTER_NOT_FOUND", "INVALID_CREDENTIALS"]);
    expect(v.stores.some((s) => s.CustomKeyStoreType === "EXTERNAL_KEY_STORE")).toBe(true);
    expect(v.statuses).toContain("FAILURE");
  },
};

describe("every scenario, read back through the SDK, shows the condition it is named for", () => {
  it("has a check for every scenario", () => {
    expect(Object.keys(CONDITIONS).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
  });
  for (const transport of ["in-process", "http"] as const) {
    describe(transport, () => {
      it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (name, scenario) => {
        const h = await harness(scenario.build(T0), transport);
        try {
          CONDITIONS[name]!(await view(h));
        } finally {
          await h.close();
        }
      });
    });
  }
  it("builds the same world twice (ids are deterministic)", () => {
    const a = SCENARIOS[0]!.build(T0);
    const b = SCENARIOS[0]!.build(T0);
    expect(a.stores.map((s) => s.CustomKeyStoreId)).toEqual(b.stores.map((s) => s.CustomKeyStoreId));
    expect(a.keys.map((k) => k.KeyId)).toEqual(b.keys.map((k) => k.KeyId));
  });
});
