// Issue 12, item 2: doctor reads like triage — how bad, worst first, since when, AWS's page.
import { describe, expect, it } from "vitest";
import { styleFor } from "../../src/cli/views/style.js";
import { renderDoctorText } from "../../src/cli/views/text/doctor.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { buildReport } from "../../src/report/doctor-report.js";
import { docsFor, findingSince, storeStatus } from "../../src/report/triage.js";
import {
  backingKey,
  CLUSTER_ID,
  cluster,
  deleteKeyEvent,
  externalStore,
  hsm,
  key,
  OTHER_STORE_ID,
  readError,
  STORE_ID,
  snapshot,
  store,
  storeIn,
} from "../diagnose/fixtures.js";

const PLAIN = styleFor(false);

const at = (iso: string) => ({ customKeyStoreId: STORE_ID, eventTime: iso });

describe("storeStatus", () => {
  it("is healthy only when CONNECTED, with no error or warning and every read done", () => {
    expect(storeStatus(store(), [], false)).toBe("healthy");
    expect(storeStatus(store(), [], true)).toBe("unknown");
    expect(storeStatus(storeIn("CONNECTING"), [], false)).toBe("connecting");
    expect(storeStatus(storeIn("DISCONNECTING"), [], false)).toBe("disconnecting");
    const s = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] });
    expect(storeStatus(s.stores[0]!, diagnose(s), false)).toBe("needs-attention");
    expect(storeStatus(s.stores[0]!, diagnose(s), true)).toBe("needs-attention");
  });
});

describe("findingSince", () => {
  it("a FAILED store has failed since its last connect call", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
      connectEvents: [at("2026-11-28T10:00:00.000Z"), at("2026-11-20T10:00:00.000Z")],
      disconnectEvents: [at("2026-11-28T09:00:00.000Z")],
    });
    const [f] = diagnose(s);
    expect(findingSince(f!, s)).toBe("2026-11-28T10:00:00.000Z");
  });

  it("a DISCONNECTED store since its last disconnect; a connecting one since its last call of either", () => {
    const off = snapshot({
      stores: [storeIn("DISCONNECTED")],
      connectEvents: [at("2026-11-27T10:00:00.000Z")],
      disconnectEvents: [at("2026-11-28T09:00:00.000Z")],
    });
    expect(findingSince(diagnose(off)[0]!, off)).toBe("2026-11-28T09:00:00.000Z");
    const on = snapshot({
      stores: [storeIn("CONNECTING")],
      connectEvents: [at("2026-11-28T11:00:00.000Z")],
      disconnectEvents: [at("2026-11-28T09:00:00.000Z")],
    });
    expect(findingSince(diagnose(on).find((f) => f.code === "CONNECTION_IN_PROGRESS")!, on)).toBe(
      "2026-11-28T11:00:00.000Z",
    );
  });

  it("an orphan since its DeleteKey; unknown when CloudTrail holds no call (null, never a guess)", () => {
    const s = snapshot({ deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "262151")])] });
    const orphan = diagnose(s).find((f) => f.code === "ORPHANED_KEY_MATERIAL")!;
    expect(findingSince(orphan, s)).toBe("2026-11-20T10:00:00.000Z");
    const failed = snapshot({ stores: [storeIn("FAILED", "USER_LOCKED_OUT")] });
    expect(findingSince(diagnose(failed)[0]!, failed)).toBeNull();
  });
});

describe("docsFor", () => {
  it("names the section of AWS's troubleshooting page, and the XKS page for external stores", () => {
    const s = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] });
    const f = diagnose(s)[0]!;
    expect(docsFor(f, s.stores[0])).toBe(
      "https://docs.aws.amazon.com/kms/latest/developerguide/fix-keystore.html#fix-keystore-password",
    );
    expect(docsFor(f, externalStore())).toBe(
      "https://docs.aws.amazon.com/kms/latest/developerguide/xks-troubleshooting.html",
    );
  });
});

describe("doctor's report as triage", () => {
  const fleet = () =>
    snapshot({
      stores: [
        store(),
        storeIn("FAILED", "INVALID_CREDENTIALS", {
          customKeyStoreId: OTHER_STORE_ID,
          customKeyStoreName: "worst",
        }),
      ],
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) },
      keys: [
        key("Enabled"),
        key("Unavailable", { customKeyStoreId: OTHER_STORE_ID }),
        key("Unavailable", { customKeyStoreId: OTHER_STORE_ID }),
      ],
    });

  it("puts the impact first and the worst store first, in JSON and text", () => {
    const s = fleet();
    const report = buildReport(s, diagnose(s));
    expect(report.summary).toEqual({ stores: 2, needAttention: 1, unavailableKeys: 2 });
    expect(report.stores.map((x) => [x.customKeyStoreName, x.status, x.unavailableKeyCount])).toEqual([
      ["worst", "needs-attention", 2],
      ["ExampleKeyStore", "healthy", 0],
    ]);
    const lines = renderDoctorText(report, PLAIN).split("\n");
    expect(lines[0]).toBe("✖ 1 of 2 custom key stores needs attention · 2 KMS keys unusable now (worst 2)");
    expect(lines[2]).toMatch(/^worst /);
    expect(lines.some((l) => l.includes("AWS docs: https://docs.aws.amazon.com/kms/"))).toBe(true);
  });

  it("a store whose reads partly failed is not called healthy", () => {
    const s = snapshot({ errors: [readError()] });
    const report = buildReport(s, diagnose(s));
    expect(report.stores[0]!.status).toBe("unknown");
    expect(renderDoctorText(report, PLAIN).split("\n")[0]).toMatch(
      /^\? 0 of 1 custom key store need attention · no KMS key unusable · 1 store unknown: 1 read failed$/,
    );
  });

  it("prints since when, in UTC and how long ago, from the report's own time", () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
      connectEvents: [at("2026-11-28T09:30:00.000Z")],
    });
    const text = renderDoctorText(buildReport(s, diagnose(s)), PLAIN);
    expect(text).toMatch(/FAILED \(INVALID_CREDENTIALS\) since 2026-11-28 09:30 UTC \(\d+h \d+m ago\)/);
  });
});
