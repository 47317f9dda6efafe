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
  return { stores, store, clusters, cluster, active, backups, keys, statuses, world: h.world() };
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

/** The external store the XKS scenarios build (scenarios/xks.ts), and its keys. */
const partner = (v: View, name = "partner-xks") => {
  const store = v.stores.find((s) => s.CustomKeyStoreName === name)!;
  expect(store.CustomKeyStoreType).toBe("EXTERNAL_KEY_STORE");
  return { store, keys: v.keys.filter((k) => k.CustomKeyStoreId === store.CustomKeyStoreId) };
};

const xksFailedWith = (code: string) => (v: View) => {
  const { store, keys } = partner(v);
  expect(store.ConnectionState).toBe("FAILED");
  expect(store.ConnectionErrorCode).toBe(code);
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.every((k) => k.KeyState === "Unavailable")).toBe(true);
  // The CloudHSM backbone is untouched.
  expect(v.store.ConnectionState).toBe("CONNECTED");
};

const xksConnected = (v: View) => {
  const { store, keys } = partner(v);
  expect(store.ConnectionState).toBe("CONNECTED");
  expect(keys.map((k) => k.XksKeyConfiguration?.Id)).toEqual([0, 1, 2, 3].map((i) => `partner-xks-key-${i}`));
  expect(keys.every((k) => k.KeyState === "Enabled" && k.Origin === "EXTERNAL_KEY_STORE")).toBe(true);
  return v.world.xksProxies!.find((p) => p.uriEndpoint === store.XksProxyConfiguration!.UriEndpoint)!;
};

const CONDITIONS: Record<string, (v: View) => void> = {
  "xks-healthy": (v) => {
    const proxy = xksConnected(v);
    expect(proxy.keyManagers.every((m) => m.healthStatus === "ACTIVE")).toBe(true);
    expect(proxy.keys.every((k) => k.keyStatus === "ENABLED")).toBe(true);
  },
  "xks-invalid-credentials": xksFailedWith("INVALID_CREDENTIALS"),
  "xks-access-denied": xksFailedWith("XKS_PROXY_ACCESS_DENIED"),
  "xks-invalid-configuration": xksFailedWith("XKS_PROXY_INVALID_CONFIGURATION"),
  "xks-invalid-response": xksFailedWith("XKS_PROXY_INVALID_RESPONSE"),
  "xks-tls": xksFailedWith("XKS_PROXY_INVALID_TLS_CONFIGURATION"),
  "xks-not-reachable": xksFailedWith("XKS_PROXY_NOT_REACHABLE"),
  "xks-ekm-unavailable": (v) => {
    xksFailedWith("XKS_PROXY_NOT_REACHABLE")(v);
    expect(v.world.xksProxies![0]!.keyManagers.every((m) => m.healthStatus === "UNAVAILABLE")).toBe(true);
  },
  "xks-timed-out": xksFailedWith("XKS_PROXY_TIMED_OUT"),
  "xks-vpce-invalid": (v) => {
    xksFailedWith("XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION")(v);
    expect(partner(v).store.XksProxyConfiguration?.Connectivity).toBe("VPC_ENDPOINT_SERVICE");
  },
  "xks-vpce-not-found": xksFailedWith("XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND"),
  "xks-degraded": (v) => {
    const proxy = xksConnected(v);
    expect(proxy.keyManagers.map((m) => m.healthStatus).sort()).toEqual(["ACTIVE", "DEGRADED"]);
  },
  "xks-key-unusable": (v) => {
    const proxy = xksConnected(v);
    expect(proxy.keys.filter((k) => k.keyStatus === "DISABLED").map((k) => k.keyId)).toEqual([
      "partner-xks-key-1",
    ]);
  },
  "mixed-fleet": (v) => {
    expect(
      v.stores
        .map((s) => s.ConnectionErrorCode)
        .filter(Boolean)
        .sort(),
    ).toEqual(["INVALID_CREDENTIALS", "XKS_PROXY_NOT_REACHABLE", "XKS_PROXY_TIMED_OUT"]);
    expect(v.store.CustomKeyStoreType).toBe("AWS_CLOUDHSM");
    expect(partner(v, "vault-xks").store.ConnectionErrorCode).toBe("XKS_PROXY_TIMED_OUT");
  },
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
  // The orphan's DeleteKey (FAILURE) is older than the event history: LookupEvents shows no DeleteKey.
  "old-orphaned-key-material": (v) => {
    expect(v.store.ConnectionState).toBe("CONNECTED");
    expect(v.statuses).toEqual([]);
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
