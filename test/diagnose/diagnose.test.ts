import { describe, expect, it } from "vitest";
import { CATALOG, type FindingCode } from "../../src/diagnose/catalog.js";
import { DIAGNOSERS, type Diagnoser, diagnose } from "../../src/diagnose/diagnose.js";
import type { Finding } from "../../src/diagnose/finding.js";
import { parseDeleteKeyEvent } from "../../src/gather/deletekey-events.js";
import type { Snapshot } from "../../src/gather/snapshot.js";
import { buildReport, type DoctorReport, doctorExitCode } from "../../src/report/doctor-report.js";
import {
  backingKey,
  CLUSTER_ID,
  cluster,
  deleteKeyEvent,
  externalStore,
  GENERATED_AT,
  hsm,
  key,
  keyArn,
  OTHER_CLUSTER_ID,
  OTHER_STORE_ID,
  probe,
  REGION,
  rawDeleteKey,
  readError,
  STORE_ID,
  snapshot,
  store,
  storeIn,
} from "./fixtures.js";

/** The codes found, sorted, so a test states the whole outcome and not just one member of it. */
const codesOf = (findings: Finding[]) => findings.map((f) => f.code).sort();
const codes = (s: Snapshot) => codesOf(diagnose(s));
const only = (s: Snapshot, code: FindingCode): Finding => {
  const found = diagnose(s).filter((f) => f.code === code);
  expect(found, `exactly one ${code}`).toHaveLength(1);
  return found[0]!;
};

describe("a healthy store", () => {
  it("has no findings when CONNECTED with two ACTIVE HSMs in two AZs and Enabled keys", () => {
    const s = snapshot({ keys: [key("Enabled"), key("Disabled"), key("PendingDeletion")] });
    expect(diagnose(s)).toEqual([]);
  });
});

describe("connection state", () => {
  it("STORE_DISCONNECTED names exactly the store's Unavailable keys", () => {
    const down1 = key("Unavailable");
    const down2 = key("Unavailable");
    const elsewhere = key("Unavailable", { customKeyStoreId: OTHER_STORE_ID });
    const s = snapshot({
      stores: [storeIn("DISCONNECTED")],
      keys: [down1, key("Disabled"), down2, elsewhere],
    });
    const f = only(s, "STORE_DISCONNECTED");
    expect(f).toMatchObject({
      severity: "error",
      customKeyStoreId: STORE_ID,
      cloudHsmClusterId: CLUSTER_ID,
    });
    expect([...f.keyIds].sort()).toEqual([down1.keyId, down2.keyId].sort());
    expect(codes(s)).toEqual(["STORE_DISCONNECTED"]);
  });

  it("STORE_DISCONNECTED is not reported for a CONNECTED store", () => {
    expect(codes(snapshot({ keys: [key("Enabled")] }))).not.toContain("STORE_DISCONNECTED");
  });

  it.each(["CONNECTING", "DISCONNECTING"] as const)("CONNECTION_IN_PROGRESS (info) while %s", (state) => {
    const s = snapshot({ stores: [storeIn(state)], keys: [key("Unavailable")] });
    expect(codes(s)).toEqual(["CONNECTION_IN_PROGRESS"]);
    expect(only(s, "CONNECTION_IN_PROGRESS")).toMatchObject({ severity: "info" });
  });

  const FAILED_MAPPING: [string, FindingCode][] = [
    ["INVALID_CREDENTIALS", "INVALID_CREDENTIALS"],
    ["USER_LOCKED_OUT", "USER_LOCKED_OUT"],
    ["USER_NOT_FOUND", "USER_NOT_FOUND"],
    ["USER_LOGGED_IN", "USER_LOGGED_IN"],
    ["CLUSTER_NOT_FOUND", "CLUSTER_NOT_FOUND"],
    ["INSUFFICIENT_CLOUDHSM_HSMS", "NO_ACTIVE_HSMS"],
    ["NETWORK_ERRORS", "NETWORK_ERRORS"],
    ["SUBNET_NOT_FOUND", "SUBNET_NOT_FOUND"],
    ["INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET", "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET"],
    ["INTERNAL_ERROR", "INTERNAL_ERROR"],
  ];

  it.each(FAILED_MAPPING)(
    "FAILED with ConnectionErrorCode %s gives exactly %s (error)",
    (errorCode, code) => {
      // A healthy cluster, so nothing but the connection error code can explain the finding.
      const s = snapshot({ stores: [storeIn("FAILED", errorCode)], keys: [key("Unavailable")] });
      expect(codes(s)).toEqual([code]);
      const f = only(s, code);
      expect(f.severity).toBe("error");
      expect(f.evidence).toMatchObject({ connectionState: "FAILED", connectionErrorCode: errorCode });
    },
  );

  it("FAILED with an unknown ConnectionErrorCode gives CONNECTION_FAILED", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "SOMETHING_NEW")] });
    expect(codes(s)).toEqual(["CONNECTION_FAILED"]);
    expect(only(s, "CONNECTION_FAILED").evidence).toMatchObject({ connectionErrorCode: "SOMETHING_NEW" });
  });

  it("a ConnectionState kcs does not know gives CONNECTION_FAILED, showing what AWS said", () => {
    const s = snapshot({
      stores: [storeIn("UNKNOWN", undefined, { reportedConnectionState: "MAINTENANCE" })],
    });
    expect(codes(s)).toEqual(["CONNECTION_FAILED"]);
    expect(only(s, "CONNECTION_FAILED").evidence.connectionState).toBe("MAINTENANCE");
    expect(only(s, "CONNECTION_FAILED").detail).toContain("MAINTENANCE");
    expect(buildReport(s, diagnose(s)).stores[0]!.connectionState).toBe("MAINTENANCE");
  });

  it("FAILED without a ConnectionErrorCode gives CONNECTION_FAILED", () => {
    const s = snapshot({ stores: [storeIn("FAILED")] });
    expect(codes(s)).toEqual(["CONNECTION_FAILED"]);
    expect(only(s, "CONNECTION_FAILED").severity).toBe("error");
  });

  // Regression: a code named like an Object member ("toString") once gave DIAGNOSER_FAILED.
  it("FAILED with a ConnectionErrorCode named like an Object.prototype member still gives CONNECTION_FAILED", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "toString")] });
    expect(codes(s)).toEqual(["CONNECTION_FAILED"]);
  });
});

describe("cluster", () => {
  it("CLUSTER_NOT_FOUND when DescribeClusters shows the cluster DELETED", () => {
    const s = snapshot({
      stores: [storeIn("DISCONNECTED")],
      clusters: { [CLUSTER_ID]: cluster([], { state: "DELETED" }) },
    });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND", "STORE_DISCONNECTED"]);
    const f = only(s, "CLUSTER_NOT_FOUND");
    expect(f).toMatchObject({ severity: "error", cloudHsmClusterId: CLUSTER_ID });
    expect(f.evidence).toMatchObject({ clusterState: "DELETED" });
  });

  it("CLUSTER_NOT_FOUND when DescribeClusters does not return the cluster (null)", () => {
    const s = snapshot({ stores: [storeIn("DISCONNECTED")], clusters: { [CLUSTER_ID]: null } });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND", "STORE_DISCONNECTED"]);
    expect(only(s, "CLUSTER_NOT_FOUND").evidence).toMatchObject({ clusterState: "absent" });
  });

  it("no CLUSTER_NOT_FOUND (nor HSM finding) when DescribeClusters failed and the cluster is unknown", () => {
    const s = snapshot({
      stores: [storeIn("DISCONNECTED")],
      clusters: {},
      errors: [readError({ service: "cloudhsmv2", operation: "DescribeClusters" })],
    });
    expect(codes(s)).toEqual(["STORE_DISCONNECTED"]);
  });

  it("FAILED CLUSTER_NOT_FOUND plus a DELETED cluster merge into exactly one CLUSTER_NOT_FOUND", () => {
    const down = key("Unavailable");
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: cluster([], { state: "DELETED" }) },
      keys: [down],
    });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND"]);
    const f = only(s, "CLUSTER_NOT_FOUND");
    // Both sources' evidence survives the merge.
    expect(f.evidence).toMatchObject({ connectionErrorCode: "CLUSTER_NOT_FOUND", clusterState: "DELETED" });
    expect(f.keyIds).toEqual([down.keyId]);
  });

  it("FAILED CLUSTER_NOT_FOUND suppresses NO_ACTIVE_HSMS for a cluster that has no HSM", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: cluster([]) },
    });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND"]);
  });

  it("FAILED CLUSTER_NOT_FOUND suppresses INSUFFICIENT_HSMS for a cluster with one ACTIVE HSM", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "CLUSTER_NOT_FOUND")],
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a")]) },
    });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND"]);
  });

  it("a DELETED cluster suppresses the NO_ACTIVE_HSMS of FAILED INSUFFICIENT_CLOUDHSM_HSMS", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS")],
      clusters: { [CLUSTER_ID]: cluster([], { state: "DELETED" }) },
    });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND"]);
  });

  it("NO_ACTIVE_HSMS (suppressing INSUFFICIENT_HSMS) when the cluster has no HSM at all", () => {
    const s = snapshot({ clusters: { [CLUSTER_ID]: cluster([]) } });
    expect(codes(s)).toEqual(["NO_ACTIVE_HSMS"]);
    expect(only(s, "NO_ACTIVE_HSMS")).toMatchObject({ severity: "error" });
  });

  it("NO_ACTIVE_HSMS when the cluster has HSMs but none ACTIVE", () => {
    const s = snapshot({
      clusters: {
        [CLUSTER_ID]: cluster([hsm("eu-west-1a", "CREATE_IN_PROGRESS"), hsm("eu-west-1b", "DEGRADED")]),
      },
    });
    expect(codes(s)).toEqual(["NO_ACTIVE_HSMS"]);
    expect(only(s, "NO_ACTIVE_HSMS").evidence).toMatchObject({ activeHsms: 0 });
  });

  it("FAILED INSUFFICIENT_CLOUDHSM_HSMS suppresses INSUFFICIENT_HSMS of a one-HSM cluster", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS")],
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a")]) },
    });
    expect(codes(s)).toEqual(["NO_ACTIVE_HSMS"]);
  });

  it("FAILED INSUFFICIENT_CLOUDHSM_HSMS and an HSM-less cluster give exactly one NO_ACTIVE_HSMS", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS")],
      clusters: { [CLUSTER_ID]: cluster([]) },
    });
    expect(codes(s)).toEqual(["NO_ACTIVE_HSMS"]);
  });

  it("INSUFFICIENT_HSMS (warning) with a single ACTIVE HSM", () => {
    const s = snapshot({ clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a")]) } });
    expect(codes(s)).toEqual(["INSUFFICIENT_HSMS"]);
    expect(only(s, "INSUFFICIENT_HSMS")).toMatchObject({ severity: "warning" });
  });

  it("INSUFFICIENT_HSMS with two ACTIVE HSMs in one Availability Zone", () => {
    const s = snapshot({ clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1a")]) } });
    expect(codes(s)).toEqual(["INSUFFICIENT_HSMS"]);
    expect(only(s, "INSUFFICIENT_HSMS").evidence).toMatchObject({
      activeHsms: 2,
      availabilityZones: ["eu-west-1a"],
    });
  });

  it("INSUFFICIENT_HSMS when the second HSM in another AZ is still CREATE_IN_PROGRESS (only ACTIVE count)", () => {
    const s = snapshot({
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b", "CREATE_IN_PROGRESS")]) },
    });
    expect(codes(s)).toEqual(["INSUFFICIENT_HSMS"]);
  });

  it("no INSUFFICIENT_HSMS with two ACTIVE HSMs in two Availability Zones", () => {
    const s = snapshot({ clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) } });
    expect(codes(s)).toEqual([]);
  });

  it("no INSUFFICIENT_HSMS with two ACTIVE HSMs in two AZs beside a DEGRADED one", () => {
    const s = snapshot({
      clusters: {
        [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1a", "DEGRADED"), hsm("eu-west-1c")]),
      },
    });
    expect(codes(s)).toEqual([]);
  });
});

describe("keys", () => {
  it("KEY_MATERIAL_MISSING names every Unavailable key of a CONNECTED store, and only those", () => {
    const gone1 = key("Unavailable");
    const gone2 = key("Unavailable");
    const s = snapshot({
      keys: [gone1, key("Enabled"), gone2, key("Unavailable", { customKeyStoreId: OTHER_STORE_ID })],
    });
    expect(codes(s)).toEqual(["KEY_MATERIAL_MISSING"]);
    const f = only(s, "KEY_MATERIAL_MISSING");
    expect(f).toMatchObject({ severity: "error", cloudHsmClusterId: CLUSTER_ID });
    expect([...f.keyIds].sort()).toEqual([gone1.keyId, gone2.keyId].sort());
  });

  it("no KEY_MATERIAL_MISSING for a CONNECTED store whose keys are all usable", () => {
    expect(codes(snapshot({ keys: [key("Enabled"), key("Disabled")] }))).toEqual([]);
  });

  it.each([
    ["DISCONNECTED", undefined],
    ["FAILED", "INVALID_CREDENTIALS"],
    ["CONNECTING", undefined],
  ] as const)(
    "no KEY_MATERIAL_MISSING when the store is %s (its keys are Unavailable for that reason)",
    (state, code) => {
      const s = snapshot({ stores: [storeIn(state, code)], keys: [key("Unavailable"), key("Unavailable")] });
      expect(codes(s)).not.toContain("KEY_MATERIAL_MISSING");
    },
  );

  it.each([
    ["DISCONNECTED", undefined],
    ["FAILED", "USER_LOCKED_OUT"],
  ] as const)("PENDING_DELETION_KEYS (info) names the PendingDeletion keys of a %s store", (state, code) => {
    const p1 = key("PendingDeletion");
    const p2 = key("PendingDeletion");
    const s = snapshot({
      stores: [storeIn(state, code)],
      keys: [p1, key("Unavailable"), p2, key("PendingDeletion", { customKeyStoreId: OTHER_STORE_ID })],
    });
    const f = only(s, "PENDING_DELETION_KEYS");
    expect(f).toMatchObject({ severity: "info" });
    expect([...f.keyIds].sort()).toEqual([p1.keyId, p2.keyId].sort());
  });

  it("no PENDING_DELETION_KEYS when the store is CONNECTED", () => {
    const s = snapshot({ keys: [key("PendingDeletion"), key("PendingDeletion")] });
    expect(codes(s)).toEqual([]);
  });

  it("no PENDING_DELETION_KEYS for a disconnected store without PendingDeletion keys", () => {
    const s = snapshot({ stores: [storeIn("DISCONNECTED")], keys: [key("Unavailable")] });
    expect(codes(s)).toEqual(["STORE_DISCONNECTED"]);
  });
});

describe("orphaned key material", () => {
  it("one ORPHANED_KEY_MATERIAL per FAILURE backing key, with exactly the contract's evidence", () => {
    const withHandle = backingKey("FAILURE", "19", "backing-key-a");
    const withoutHandle = backingKey("FAILURE", undefined, "backing-key-b");
    const event = deleteKeyEvent([withHandle, backingKey("SUCCESS", "20"), withoutHandle]);
    const s = snapshot({ deleteKeyEvents: [event] });
    const found = diagnose(s);
    expect(codesOf(found)).toEqual(["ORPHANED_KEY_MATERIAL", "ORPHANED_KEY_MATERIAL"]);
    expect(found.map((f) => f.evidence)).toStrictEqual([
      {
        keyArn: event.keyArn,
        cloudHsmClusterId: CLUSTER_ID,
        backingKeyId: "backing-key-a",
        keyHandle: "19",
        eventId: event.eventId,
        eventTime: event.eventTime,
      },
      {
        keyArn: event.keyArn,
        cloudHsmClusterId: CLUSTER_ID,
        backingKeyId: "backing-key-b",
        eventId: event.eventId,
        eventTime: event.eventTime,
      },
    ]);
    for (const f of found) {
      expect(f).toMatchObject({
        severity: "warning",
        customKeyStoreId: STORE_ID,
        cloudHsmClusterId: CLUSTER_ID,
      });
    }
  });

  it("no ORPHANED_KEY_MATERIAL when every backing key was deleted (SUCCESS)", () => {
    const s = snapshot({
      deleteKeyEvents: [deleteKeyEvent([backingKey("SUCCESS", "1"), backingKey("SUCCESS")])],
    });
    expect(codes(s)).toEqual([]);
  });

  it("no ORPHANED_KEY_MATERIAL on this store for another store's FAILURE event", () => {
    const other = store({
      customKeyStoreId: OTHER_STORE_ID,
      customKeyStoreName: "Other",
      cloudHsmClusterId: OTHER_CLUSTER_ID,
    });
    const s = snapshot({
      stores: [store(), other],
      clusters: {
        [CLUSTER_ID]: cluster(),
        [OTHER_CLUSTER_ID]: cluster(undefined, { clusterId: OTHER_CLUSTER_ID }),
      },
      deleteKeyEvents: [
        deleteKeyEvent([backingKey("FAILURE", "7")], {
          customKeyStoreId: OTHER_STORE_ID,
          cloudHsmClusterId: OTHER_CLUSTER_ID,
        }),
      ],
    });
    const found = diagnose(s);
    expect(found.filter((f) => f.customKeyStoreId === STORE_ID)).toEqual([]);
    expect(found.map((f) => [f.code, f.customKeyStoreId])).toEqual([
      ["ORPHANED_KEY_MATERIAL", OTHER_STORE_ID],
    ]);
  });

  it("no ORPHANED_KEY_MATERIAL for an event of a store that is not selected", () => {
    const s = snapshot({
      deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "7")], { customKeyStoreId: OTHER_STORE_ID })],
    });
    expect(codes(s)).toEqual([]);
  });

  it("ORPHANED_KEY_MATERIAL evidence falls back to the store's cluster when the event names none", () => {
    const { cloudHsmClusterId: _none, ...event } = deleteKeyEvent([backingKey("FAILURE", "3")]);
    const f = only(snapshot({ deleteKeyEvents: [event] }), "ORPHANED_KEY_MATERIAL");
    expect(f.evidence.cloudHsmClusterId).toBe(CLUSTER_ID);
  });
});

describe("external key stores", () => {
  it("get none of the CloudHSM findings (cluster, HSMs, key material, orphans, GenerateRandom probe)", () => {
    const xks = externalStore({ connectionState: "FAILED", connectionErrorCode: "XKS_PROXY_TIMED_OUT" });
    const s = snapshot({
      stores: [xks],
      clusters: {},
      keys: [
        key("Unavailable", { customKeyStoreId: xks.customKeyStoreId }),
        key("PendingDeletion", { customKeyStoreId: xks.customKeyStoreId }),
      ],
      deleteKeyEvents: [
        deleteKeyEvent([backingKey("FAILURE", "1")], { customKeyStoreId: xks.customKeyStoreId }),
      ],
      probes: [probe(false, { customKeyStoreId: xks.customKeyStoreId })],
    });
    const found = diagnose(s);
    expect(codesOf(found)).toEqual(["PENDING_DELETION_KEYS", "XKS_PROXY_TIMED_OUT"]);
    expect(found.every((f) => f.cloudHsmClusterId === null)).toBe(true);
  });

  it("are listed by the report with their keyCount, and a DISCONNECTED one is not healthy", () => {
    const xks = externalStore({ connectionState: "DISCONNECTED" });
    const s = snapshot({
      stores: [xks],
      clusters: {},
      keys: [key("Unavailable", { customKeyStoreId: xks.customKeyStoreId })],
    });
    const report = buildReport(s, diagnose(s));
    expect(report.stores).toEqual([
      expect.objectContaining({
        customKeyStoreId: xks.customKeyStoreId,
        customKeyStoreType: "EXTERNAL_KEY_STORE",
        keyCount: 1,
        healthy: false,
      }),
    ]);
    expect(report.stores[0]).not.toHaveProperty("cloudHsmClusterId");
  });
});

describe("probe", () => {
  it("a failed probe of a CONNECTED store on a healthy cluster gives NETWORK_ERRORS", () => {
    const s = snapshot({ probes: [probe(false)] });
    expect(codes(s)).toEqual(["NETWORK_ERRORS"]);
    const f = only(s, "NETWORK_ERRORS");
    expect(f).toMatchObject({ severity: "error", customKeyStoreId: STORE_ID });
    expect(f.evidence).toMatchObject({
      probe: { operation: "GenerateRandom", code: "CustomKeyStoreInvalidStateException" },
    });
  });

  it("a successful probe gives nothing", () => {
    expect(codes(snapshot({ probes: [probe(true)] }))).toEqual([]);
  });

  it("another store's failed probe gives this store nothing", () => {
    expect(codes(snapshot({ probes: [probe(false, { customKeyStoreId: OTHER_STORE_ID })] }))).toEqual([]);
  });

  it("a failed probe explained by a DELETED cluster gives only CLUSTER_NOT_FOUND", () => {
    const s = snapshot({
      clusters: { [CLUSTER_ID]: cluster([], { state: "DELETED" }) },
      probes: [probe(false)],
    });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND"]);
  });

  it("a failed probe explained by a cluster DescribeClusters no longer returns gives only CLUSTER_NOT_FOUND", () => {
    const s = snapshot({ clusters: { [CLUSTER_ID]: null }, probes: [probe(false)] });
    expect(codes(s)).toEqual(["CLUSTER_NOT_FOUND"]);
  });

  it("a failed probe explained by a cluster without ACTIVE HSM gives only NO_ACTIVE_HSMS", () => {
    const s = snapshot({
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a", "DEGRADED")]) },
      probes: [probe(false)],
    });
    expect(codes(s)).toEqual(["NO_ACTIVE_HSMS"]);
  });
});

describe("diagnose()", () => {
  it("turns a diagnoser that throws into DIAGNOSER_FAILED while the others still report", () => {
    const boom: Diagnoser = () => {
      throw new Error("kaboom");
    };
    const s = snapshot({ stores: [storeIn("DISCONNECTED")], keys: [key("Unavailable")] });
    const found = diagnose(s, { ...DIAGNOSERS, boom });
    expect(codesOf(found)).toEqual(["DIAGNOSER_FAILED", "STORE_DISCONNECTED"]);
    const failed = found.find((f) => f.code === "DIAGNOSER_FAILED")!;
    expect(failed).toMatchObject({ severity: "error", customKeyStoreId: STORE_ID });
    expect(failed.evidence).toMatchObject({ diagnoser: "boom", error: "kaboom" });
  });

  it("a diagnoser that crashes on one store does not stop the next store's diagnosis", () => {
    const second = storeIn("DISCONNECTED", undefined, {
      customKeyStoreId: OTHER_STORE_ID,
      cloudHsmClusterId: CLUSTER_ID,
    });
    const picky: Diagnoser = (st) => {
      if (st.customKeyStoreId === STORE_ID) throw new TypeError("cannot read x of undefined");
      return [];
    };
    const s = snapshot({ stores: [storeIn("DISCONNECTED"), second] });
    const found = diagnose(s, { picky, connection: DIAGNOSERS.connection! });
    expect(found.map((f) => [f.customKeyStoreId, f.code]).sort()).toEqual(
      [
        [STORE_ID, "DIAGNOSER_FAILED"],
        [STORE_ID, "STORE_DISCONNECTED"],
        [OTHER_STORE_ID, "STORE_DISCONNECTED"],
      ].sort(),
    );
  });

  it("runs only the diagnosers it is given", () => {
    const s = snapshot({ stores: [storeIn("DISCONNECTED")], clusters: { [CLUSTER_ID]: null } });
    expect(codesOf(diagnose(s, { cluster: DIAGNOSERS.cluster! }))).toEqual(["CLUSTER_NOT_FOUND"]);
  });

  it("every finding carries exactly the contract's JSON fields", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
      keys: [key("PendingDeletion")],
      deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "1")])],
    });
    const found = diagnose(s);
    expect(codesOf(found)).toEqual(["INVALID_CREDENTIALS", "ORPHANED_KEY_MATERIAL", "PENDING_DELETION_KEYS"]);
    for (const f of found) {
      expect(Object.keys(f).sort()).toEqual(
        [
          "code",
          "severity",
          "customKeyStoreId",
          "cloudHsmClusterId",
          "keyIds",
          "title",
          "detail",
          "evidence",
          "runbook",
        ].sort(),
      );
      expect(f.title).not.toContain("\n");
      expect(f.title.length).toBeGreaterThan(0);
    }
    expect(found.find((f) => f.code === "INVALID_CREDENTIALS")?.runbook).toBe("rotate-kmsuser-password");
  });

  it("every finding carries its code's catalog severity, title and runbook", () => {
    const s = snapshot({
      stores: [
        storeIn("FAILED", "CLUSTER_NOT_FOUND"),
        storeIn("CONNECTING", undefined, {
          customKeyStoreId: OTHER_STORE_ID,
          cloudHsmClusterId: OTHER_CLUSTER_ID,
        }),
      ],
      clusters: {
        [CLUSTER_ID]: null,
        [OTHER_CLUSTER_ID]: cluster(undefined, { clusterId: OTHER_CLUSTER_ID }),
      },
      keys: [key("PendingDeletion")],
      deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "1")])],
    });
    const found = diagnose(s);
    expect(codesOf(found)).toEqual([
      "CLUSTER_NOT_FOUND",
      "CONNECTION_IN_PROGRESS",
      "ORPHANED_KEY_MATERIAL",
      "PENDING_DELETION_KEYS",
    ]);
    for (const f of found) {
      const { severity, title, runbook } = CATALOG[f.code];
      expect({ severity: f.severity, title: f.title, runbook: f.runbook }).toEqual({
        severity,
        title,
        runbook,
      });
    }
  });

  const CONTRACT_SEVERITY: Record<string, "error" | "warning" | "info"> = {
    STORE_DISCONNECTED: "error",
    CONNECTION_IN_PROGRESS: "info",
    INVALID_CREDENTIALS: "error",
    USER_LOCKED_OUT: "error",
    USER_NOT_FOUND: "error",
    USER_LOGGED_IN: "error",
    CLUSTER_NOT_FOUND: "error",
    NO_ACTIVE_HSMS: "error",
    INSUFFICIENT_HSMS: "warning",
    NETWORK_ERRORS: "error",
    SUBNET_NOT_FOUND: "error",
    INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: "error",
    INTERNAL_ERROR: "error",
    CONNECTION_FAILED: "error",
    KEY_MATERIAL_MISSING: "error",
    ORPHANED_KEY_MATERIAL: "warning",
    PENDING_DELETION_KEYS: "info",
  };

  it.each(Object.entries(CONTRACT_SEVERITY))(
    "the catalog gives %s the contract's severity %s",
    (code, sev) => {
      expect(CATALOG[code as FindingCode].severity).toBe(sev);
    },
  );
});

describe("buildReport", () => {
  it("keyCount counts the store's keys in any key state, and only the store's", () => {
    const states = [
      "Enabled",
      "Disabled",
      "PendingDeletion",
      "Unavailable",
      "PendingImport",
      "Creating",
    ] as const;
    const s = snapshot({
      keys: [...states.map((st) => key(st)), key("Enabled", { customKeyStoreId: OTHER_STORE_ID })],
    });
    expect(buildReport(s, diagnose(s)).stores[0]!.keyCount).toBe(states.length);
  });

  it("a store is healthy with only info findings, unhealthy with a warning or an error", () => {
    const info = storeIn("CONNECTING");
    const warn = store({ customKeyStoreId: "cks-0000000000000warn", cloudHsmClusterId: OTHER_CLUSTER_ID });
    const err = storeIn("DISCONNECTED", undefined, { customKeyStoreId: "cks-00000000000000err" });
    const s = snapshot({
      stores: [info, warn, err],
      clusters: {
        [CLUSTER_ID]: cluster(),
        [OTHER_CLUSTER_ID]: cluster([hsm("eu-west-1a")], { clusterId: OTHER_CLUSTER_ID }),
      },
    });
    const report = buildReport(s, diagnose(s));
    // Worst first: the error, the warning, then the connecting store (healthy by the contract's rule,
    // but not "healthy" in status: its keys are unusable until it is CONNECTED).
    expect(report.stores.map((r) => [r.customKeyStoreId, r.healthy, r.status])).toEqual([
      [err.customKeyStoreId, false, "needs-attention"],
      [warn.customKeyStoreId, false, "needs-attention"],
      [info.customKeyStoreId, true, "connecting"],
    ]);
  });

  it("another store's error does not make a store unhealthy", () => {
    const other = storeIn("DISCONNECTED", undefined, { customKeyStoreId: OTHER_STORE_ID });
    const s = snapshot({ stores: [store(), other] });
    const report = buildReport(s, diagnose(s));
    expect(report.stores.map((r) => [r.customKeyStoreId, r.healthy])).toEqual([
      [OTHER_STORE_ID, false],
      [STORE_ID, true],
    ]);
  });

  it("has the contract's envelope and per-store fields, errors copied from the snapshot", () => {
    const errors = [readError(), readError({ service: "cloudhsmv2", operation: "DescribeBackups" })];
    const s = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")], errors });
    const findings = diagnose(s);
    const report = buildReport(s, findings);
    expect(report).toStrictEqual({
      schemaVersion: 1,
      kind: "kcs-doctor-report",
      backend: "aws",
      region: REGION,
      generatedAt: GENERATED_AT,
      summary: { stores: 1, needAttention: 1, unavailableKeys: 0 },
      stores: [
        {
          // Every store says where it is (the contract: "report stores carry account and region");
          // the account only when the backend knows it.
          region: REGION,
          customKeyStoreId: STORE_ID,
          customKeyStoreName: "ExampleKeyStore",
          customKeyStoreType: "AWS_CLOUDHSM",
          connectionState: "FAILED",
          connectionErrorCode: "INVALID_CREDENTIALS",
          cloudHsmClusterId: CLUSTER_ID,
          keyCount: 0,
          unavailableKeyCount: 0,
          healthy: false,
          status: "needs-attention",
        },
      ],
      findings: findings.map((f) => ({
        ...f,
        // No ConnectCustomKeyStore event in the snapshot: since when is not known.
        since: null,
        docs: "https://docs.aws.amazon.com/kms/latest/developerguide/fix-keystore.html#fix-keystore-password",
        region: REGION,
      })),
      errors,
    });
  });

  it("names the account on every store and finding when the backend knows it", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] });
    const report = buildReport(s, diagnose(s), { account: "111122223333" });
    expect(report.account).toBe("111122223333");
    expect([...report.stores, ...report.findings].map((x) => `${x.account} ${x.region}`)).toEqual([
      `111122223333 ${REGION}`,
      `111122223333 ${REGION}`,
    ]);
  });

  it("reports a missing connectionErrorCode as null", () => {
    const s = snapshot();
    expect(buildReport(s, []).stores[0]!.connectionErrorCode).toBeNull();
  });
});

describe("doctorExitCode", () => {
  const reportWith = (over: Partial<Snapshot>): DoctorReport => {
    const s = snapshot(over);
    return buildReport(s, diagnose(s));
  };

  it("0 with no finding and no error", () => {
    expect(doctorExitCode(reportWith({}))).toBe(0);
  });

  it("0 with info findings only", () => {
    expect(doctorExitCode(reportWith({ stores: [storeIn("CONNECTING")] }))).toBe(0);
  });

  it("2 with a warning finding", () => {
    expect(doctorExitCode(reportWith({ clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a")]) } }))).toBe(2);
  });

  it("2 with an error finding", () => {
    expect(doctorExitCode(reportWith({ stores: [storeIn("DISCONNECTED")] }))).toBe(2);
  });

  it("never 0 when a read failed: 1 without findings that need attention", () => {
    expect(doctorExitCode(reportWith({ errors: [readError()] }))).toBe(1);
    expect(doctorExitCode(reportWith({ stores: [storeIn("CONNECTING")], errors: [readError()] }))).toBe(1);
  });

  it("2 when a read failed and a finding needs attention", () => {
    expect(doctorExitCode(reportWith({ stores: [storeIn("DISCONNECTED")], errors: [readError()] }))).toBe(2);
  });
});

describe("parseDeleteKeyEvent", () => {
  it("decodes a custom-key-store DeleteKey: JSON record, JSON-string backing keys", () => {
    const raw = rawDeleteKey({
      customKeyStoreId: STORE_ID,
      clusterId: CLUSTER_ID,
      backingKeys: [backingKey("FAILURE", "19", "bk-1"), backingKey("SUCCESS", "20", "bk-2")],
    });
    expect(parseDeleteKeyEvent(raw)).toStrictEqual({
      eventId: raw.EventId,
      eventTime: "2026-11-20T10:00:00.000Z",
      keyArn: keyArn("deadbeef-0000-4000-8000-000000000001"),
      customKeyStoreId: STORE_ID,
      cloudHsmClusterId: CLUSTER_ID,
      backingKeys: [
        { backingKeyId: "bk-1", keyHandle: "19", deletionStatus: "FAILURE" },
        { backingKeyId: "bk-2", keyHandle: "20", deletionStatus: "SUCCESS" },
      ],
    });
  });

  it("returns undefined for a default-store DeleteKey (no additionalEventData)", () => {
    expect(parseDeleteKeyEvent(rawDeleteKey({}))).toBeUndefined();
  });

  it("leaves keyHandle out when the event has none", () => {
    const parsed = parseDeleteKeyEvent(
      rawDeleteKey({ customKeyStoreId: STORE_ID, backingKeys: [backingKey("FAILURE", undefined, "bk-9")] }),
    );
    expect(parsed?.backingKeys).toEqual([{ backingKeyId: "bk-9", deletionStatus: "FAILURE" }]);
    expect(parsed?.backingKeys[0]).not.toHaveProperty("keyHandle");
  });

  it("returns undefined for a CloudTrailEvent that is not valid JSON", () => {
    const raw = rawDeleteKey({ customKeyStoreId: STORE_ID, backingKeys: [backingKey("FAILURE", "1")] });
    expect(
      parseDeleteKeyEvent({ ...raw, CloudTrailEvent: raw.CloudTrailEvent!.slice(0, -5) }),
    ).toBeUndefined();
    expect(parseDeleteKeyEvent({ ...raw, CloudTrailEvent: undefined })).toBeUndefined();
  });

  it("returns undefined for an event that is not DeleteKey", () => {
    const raw = rawDeleteKey({ customKeyStoreId: STORE_ID, backingKeys: [backingKey("FAILURE", "1")] });
    const record = JSON.parse(raw.CloudTrailEvent!) as Record<string, unknown>;
    const other = {
      ...raw,
      CloudTrailEvent: JSON.stringify({ ...record, eventName: "ScheduleKeyDeletion" }),
    };
    expect(parseDeleteKeyEvent(other)).toBeUndefined();
  });

  it("takes the key ARN from responseElements.keyId", () => {
    const arn = keyArn("aaaaaaaa-0000-4000-8000-00000000000a");
    const raw = rawDeleteKey({ customKeyStoreId: STORE_ID, keyArn: arn });
    // resources[] names another ARN, so only responseElements can give this one.
    const record = JSON.parse(raw.CloudTrailEvent!) as Record<string, unknown>;
    record.resources = [{ type: "AWS::KMS::Key", ARN: keyArn("bbbbbbbb-0000-4000-8000-00000000000b") }];
    expect(parseDeleteKeyEvent({ ...raw, CloudTrailEvent: JSON.stringify(record) })?.keyArn).toBe(arn);
  });

  it("takes the key ARN from resources[0].ARN when responseElements is null (events before Dec 2022)", () => {
    const arn = keyArn("cccccccc-0000-4000-8000-00000000000c");
    const raw = rawDeleteKey({ customKeyStoreId: STORE_ID, keyArn: arn, responseElements: null });
    expect(parseDeleteKeyEvent(raw)?.keyArn).toBe(arn);
  });

  it("falls back to the record's eventID and eventTime when the LookupEvents fields are missing", () => {
    const raw = rawDeleteKey({ customKeyStoreId: STORE_ID, eventId: "evt-42" });
    const parsed = parseDeleteKeyEvent({ CloudTrailEvent: raw.CloudTrailEvent });
    expect(parsed).toMatchObject({ eventId: "evt-42", eventTime: "2026-11-20T10:00:00Z" });
  });
});
