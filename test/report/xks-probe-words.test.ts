import { describe, expect, it } from "vitest";
import { viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { callInRunLanguage } from "../../src/diagnose/xks-probe-words.js";
import { buildReport, type DoctorReport } from "../../src/report/doctor-report.js";
import {
  probeDetailInRunLanguage,
  probeEvidenceInRunLanguage,
  probeReport,
} from "../../src/report/xks-probe-report.js";
import { app } from "../helpers/app.js";
import { inLang } from "../helpers/lang.js";
import { scenarioWorld } from "../helpers/sim.js";

const PLAIN = styleFor(false);

/** doctor --probe on a scenario, observed and reported in `lang` (as a run in that language does). */
async function probed(name: string, lang: "en" | "ja"): Promise<DoctorReport> {
  const kcs = await app(scenarioWorld(name), "in-process");
  try {
    return await inLang(lang, async () => {
      const o = await kcs.observe(undefined, { probe: true });
      return buildReport(o.snapshot, o.findings);
    });
  } finally {
    await kcs.close();
  }
}
const text = (report: DoctorReport, lang: "en" | "ja") =>
  inLang(lang, async () => (await viewFor("text")).doctor(report, PLAIN));

describe("doctor --probe in Japanese", () => {
  it("xks-invalid-response: the probe line, its evidence and the failed read in Japanese; the JSON's evidence and errors stay English", async () => {
    const report = await probed("xks-invalid-response", "ja");
    const out = await text(report, "ja");
    expect(out).toContain(
      "\n  プローブ GetHealthStatus の結果 invalid-response 200 0 ms (GetHealthStatus の応答に ekmFleetDetails がありません)、確認する外部キーなし\n",
    );
    expect(out).toContain(
      "\n    · プローブのヘルス: invalid-response 200 0 ms (GetHealthStatus の応答に ekmFleetDetails がありません)\n",
    );
    expect(out).toContain(
      "\n! xks-proxy:GetHealthStatus を読み取れませんでした: InvalidResponse: https://xks.partner.example.com/acme/kms/xks/v1 のプロキシが XKS の応答ではないものを返しました: GetHealthStatus の応答に ekmFleetDetails がありません\n",
    );
    const english = await probed("xks-invalid-response", "en");
    expect(report.findings.map((f) => f.evidence)).toEqual(english.findings.map((f) => f.evidence));
    expect(report.errors).toEqual(english.errors);
    expect(report.errors[0]?.message).toBe(
      "the proxy at https://xks.partner.example.com/acme/kms/xks/v1 answered something that is not an XKS answer: GetHealthStatus answered without ekmFleetDetails",
    );
    const said = await text(english, "en");
    expect(said).toContain(
      "\n  probe GetHealthStatus invalid-response 200 0 ms (GetHealthStatus answered without ekmFleetDetails); no external key to describe\n",
    );
    expect(said).toContain(
      "\n! could not read xks-proxy:GetHealthStatus: InvalidResponse: the proxy at https://xks.partner.example.com/acme/kms/xks/v1 answered something that is not an XKS answer: GetHealthStatus answered without ekmFleetDetails\n",
    );
  });

  it("xks-not-reachable (the proxy refuses connections): the finding's detail and the probe's evidence say why in Japanese", async () => {
    const out = await text(await probed("xks-not-reachable", "ja"), "ja");
    expect(out).toContain("(GetHealthStatus: 接続が拒否されました)");
    expect(out).toContain("\n    · プローブのヘルス: unreachable 0 ms (接続が拒否されました)\n");
    expect(out).not.toContain("connection refused");
  });

  it("xks-timed-out: the key count and the slowest call; the report's JSON keeps the English line", async () => {
    const report = await probed("xks-timed-out", "ja");
    const line =
      "GetHealthStatus ok 200 400 ms; key managers: ekm-1 ACTIVE, ekm-2 ACTIVE; GetKeyMetadata of 4 external keys: 4 answered (slowest 400 ms)";
    expect(report.stores.find((s) => s.xksProbe)?.xksProbe?.detail).toBe(line);
    const out = await text(report, "ja");
    expect(out).toContain(
      "\n  プローブ GetHealthStatus の結果 ok 200 400 ms、外部キーマネージャー: ekm-1 ACTIVE, ekm-2 ACTIVE、外部キー 4 個の GetKeyMetadata: 4 個が応答 (最も遅い応答 400 ms)\n",
    );
    expect(out).toContain("\n    · 最も遅い呼び出し: GetHealthStatus: ok 200 400 ms\n");
    expect(await text(report, "en")).toContain(`\n  probe ${line}\n`);
    const markdown = (lang: "en" | "ja") =>
      inLang(lang, async () => (await viewFor("markdown")).doctor(report, PLAIN));
    expect(await markdown("ja")).toContain(
      "\n- partner-xks: プローブ済み: GetHealthStatus の結果 ok 200 400 ms、外部キーマネージャー: ekm-1 ACTIVE, ekm-2 ACTIVE、外部キー 4 個の GetKeyMetadata: 4 個が応答 (最も遅い応答 400 ms)\n",
    );
    expect(await markdown("en")).toContain(`\n- partner-xks: probed: ${line}\n`);
  });

  it("a store the probe skipped, and a timeout's message", async () => {
    const skipped =
      "no proxy credential was given for its access key id AKIDEXAMPLE (give it with --xks-credential-stdin, or KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY)";
    const p = { customKeyStoreId: "cks-1", skipped };
    expect(probeReport(p)).toEqual({ status: "skipped", detail: skipped });
    expect(probeDetailInRunLanguage(probeReport(p))).toBe(skipped);
    expect(probeEvidenceInRunLanguage("probe", `skipped: ${skipped}`)).toBe(`skipped: ${skipped}`);
    await inLang("ja", () => {
      expect(probeDetailInRunLanguage(probeReport(p))).toBe(
        "アクセスキー ID AKIDEXAMPLE のプロキシ認証情報が指定されていません (--xks-credential-stdin、または KCS_XKS_ACCESS_KEY_ID と KCS_XKS_SECRET_ACCESS_KEY で指定してください)",
      );
      expect(probeEvidenceInRunLanguage("probe", `skipped: ${skipped}`)).toMatch(
        /^スキップ: アクセスキー ID AKIDEXAMPLE のプロキシ認証情報が指定されていません/,
      );
      expect(callInRunLanguage("timeout 2000 ms (no answer within 2000 ms)")).toBe(
        "timeout 2000 ms (2000 ms 以内に応答がありません)",
      );
      // The proxy's own errorMessage is its words, not kcs's: shown as it is.
      expect(callInRunLanguage("http-error 403 AccessDeniedException 0 ms (denied by rules)")).toBe(
        "http-error 403 AccessDeniedException 0 ms (denied by rules)",
      );
    });
  });
});
