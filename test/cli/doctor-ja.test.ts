import { describe, expect, it } from "vitest";
import { observeFleet } from "../../src/app/observe-fleet.js";
import { displayWidth } from "../../src/cli/display-width.js";
import { impactInWords } from "../../src/cli/views/impact.js";
import { viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { table } from "../../src/cli/views/table.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { buildPlan } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { buildReport, type DoctorReport } from "../../src/report/doctor-report.js";
import { buildFleetReport } from "../../src/report/fleet-report.js";
import { FLEET_AUDIT_EXTERNAL_ID, FLEET_AUDIT_ROLE } from "../../src/sim/scenarios/fleet-partitions.js";
import { cluster, hsm, key, snapshot, storeIn } from "../diagnose/fixtures.js";
import { app } from "../helpers/app.js";
import { fleetOn } from "../helpers/fleet.js";
import { inLang } from "../helpers/lang.js";
import { harness, scenarioWorld } from "../helpers/sim.js";

const PLAIN = styleFor(false);

/** Doctor's report on a scenario, read in process on simulated time (as test/app/doctor-scenarios does). */
async function scenarioReport(name: string): Promise<DoctorReport> {
  const kcs = await app(scenarioWorld(name), "in-process");
  try {
    const o = await kcs.observe(undefined, {});
    return buildReport(o.snapshot, o.findings);
  } finally {
    await kcs.close();
  }
}

/** The fleet scenario over three Regions of two accounts: one target cannot be read at all. */
async function fleetReport(): Promise<DoctorReport> {
  const h = await harness(scenarioWorld("fleet"), "in-process");
  const fleet = await fleetOn(h, {
    region: ["eu-west-1", "us-east-1", "eu-south-1"],
    roleArn: FLEET_AUDIT_ROLE,
    externalId: FLEET_AUDIT_EXTERNAL_ID,
  });
  try {
    const now = new Date(h.clock.now());
    const { parts, failed } = await observeFleet(fleet, () => ({
      now,
      timer: { now: () => h.clock.now(), sleep: async (ms) => h.clock.advance(ms) },
    }));
    return buildFleetReport(parts, failed, { backend: "sim", generatedAt: now.toISOString() });
  } finally {
    fleet.close();
    await h.close();
  }
}

describe("kcs doctor in Japanese", () => {
  it("text and markdown on invalid-credentials (the snapshots are the reviewed Japanese output; .md.txt: biome would reformat a .md file)", async () => {
    const report = await inLang("ja", () => scenarioReport("invalid-credentials"));
    const [text, markdown] = await inLang("ja", async () => [
      (await viewFor("text")).doctor(report, PLAIN),
      (await viewFor("markdown")).doctor(report, PLAIN),
    ]);
    await expect(text).toMatchFileSnapshot("__snapshots__/doctor-ja-invalid-credentials.txt");
    await expect(markdown).toMatchFileSnapshot("__snapshots__/doctor-ja-invalid-credentials.md.txt");
  });

  it("the same report in English is unchanged by a Japanese run before it", async () => {
    await inLang("ja", () => scenarioReport("invalid-credentials"));
    const text = (await viewFor("text")).doctor(await scenarioReport("invalid-credentials"), PLAIN);
    expect(text).toContain("✖ 1 of 1 custom key store needs attention · 6 KMS keys unusable now");
    expect(text).toContain("  ✖ error INVALID_CREDENTIALS  KMS cannot log in as kmsuser");
    expect(text).toContain(
      "1 store checked (sim, eu-west-1): 1 needs attention · 1 error, 0 warnings, 0 info\n",
    );
  });

  it("counts, severity words and evidence labels follow the language; codes, ids and commands stay English", async () => {
    const snap = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
      clusters: { "cluster-2a23b4cdefg": cluster([hsm("eu-west-1a")]) },
      keys: [key("Unavailable"), key("Unavailable")],
    });
    const text = await inLang("ja", async () =>
      (await viewFor("text")).doctor(buildReport(snap, diagnose(snap)), PLAIN),
    );
    expect(text).toMatch(
      /^✖ カスタムキーストア 1 個のうち 1 個に対応が必要 · KMS キー 2 個が現在使用不可 \(/,
    );
    expect(text).toContain("  ✖ エラー INVALID_CREDENTIALS  KMS が kmsuser としてログインできません");
    expect(text).toContain(
      "  ▲ 警告 INSUFFICIENT_HSMS  異なるアベイラビリティーゾーンのアクティブな HSM が 2 つ未満です",
    );
    expect(text).toContain("    · 接続状態: FAILED\n    · 接続エラーコード: INVALID_CREDENTIALS\n");
    expect(text).toContain("--finding INVALID_CREDENTIALS --dry-run   (ランブック rotate-kmsuser-password)");
    expect(text).toMatch(
      /キーストア 1 個を確認 \(aws, eu-west-1\): 1 個に対応が必要 · エラー 1 件、警告 1 件、情報 0 件\n$/,
    );
  });

  it("a fleet: its extent, each store's place, and a target it could not read", async () => {
    const report = await inLang("ja", fleetReport);
    const text = await inLang("ja", async () => (await viewFor("text")).doctor(report, PLAIN));
    expect(text).toMatch(/アカウント 2 個 × リージョン 3 個: 読み取り 5 件、失敗 1 件/);
    expect(text).toMatch(
      /^! \d{12} eu-south-1 の kms:\S+ を読み取れませんでした: UnrecognizedClientException: /m,
    );
    expect(text).toMatch(/ · 読み取り 1 件が失敗\n$/);
    const markdown = await inLang("ja", async () => (await viewFor("markdown")).doctor(report, PLAIN));
    expect(markdown).toContain("| アカウント | リージョン | キーストア | キーストア ID | 接続状態 |");
    expect(markdown).toContain("### 失敗した読み取り");
    expect(markdown).toMatch(/アカウントとリージョン 6 個 \(.*eu-south-1` 失敗/);
  });

  it("a plan's impact headline, which the fix views share", () => {
    const snap = snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")], keys: [key("Unavailable")] });
    const plan = buildPlan({
      snapshot: snap,
      findings: diagnose(snap),
      runbooks: loadRunbooks(),
      params: {},
      passwordSource: "stdin",
      createdAt: "2026-11-28T12:30:00.000Z",
    });
    const english = impactInWords(plan);
    expect(english).toMatch(/^Impact: /);
    const japanese = impactInWords(plan);
    expect(japanese).toBe(english);
    return inLang("ja", () => {
      expect(impactInWords(plan)).toMatch(/^影響: .*。$/);
      expect(impactInWords({ ...plan, impact: undefined })).toBe("影響: 記載なし (古い kcs の計画です)。");
    });
  });
});

describe("columns line up by display width, with full-width text", () => {
  /** The display column each cell after the first starts at, per row. */
  const starts = (lines: string[], cells: string[][]) =>
    lines.map((line, i) =>
      cells[i]!.slice(1).map((c) => displayWidth(line.slice(0, line.indexOf(c, cells[i]![0]!.length)))),
    );

  it("a table with a store named 本番キーストア and Japanese headers", () => {
    const rows = [
      ["キーストア", "接続状態", "キー"],
      ["本番キーストア", "CONNECTED", "6"],
      ["payments-cks", "FAILED", "12"],
      ["ｶﾅ半角", "切断中", "0"],
    ];
    const lines = table(rows).split("\n");
    const at = starts(lines, rows);
    for (const row of at) expect(row).toEqual(at[0]);
    // 本番キーストア is 7 characters and 14 columns: the widest first cell, plus two spaces.
    expect(at[0]![0]).toBe(16);
  });
});

describe("doctor's error lines in Japanese", () => {
  it("a file that is not a kcs snapshot, and a --store no store of it has", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { readSnapshotFile, selectStores } = await import("../../src/app/snapshot-file.js");
    const path = join(mkdtempSync(join(tmpdir(), "kcs-ja-")), "snap.json");
    writeFileSync(path, "not json");
    await inLang("ja", () => {
      expect(() => readSnapshotFile(path)).toThrow(
        `${path} は kcs スナップショットではありません (JSON ではありません)。作成するには: kcs doctor --save-snapshot FILE`,
      );
      expect(() =>
        selectStores(snapshot({ stores: [storeIn("CONNECTED")] }), ["本番キーストア"], path),
      ).toThrow(`--store 本番キーストア: ${path} にその ID または名前のキーストアはありません。`);
    });
    expect(() => readSnapshotFile(path)).toThrow(`${path} is not a kcs snapshot (not JSON).`);
  });
});
