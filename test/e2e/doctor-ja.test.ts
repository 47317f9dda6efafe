import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DoctorReport } from "../../src/report/doctor-report.js";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const JA = { LANG: "ja_JP.UTF-8" };

/** The flags kcs doctor declares itself (the global ones belong to the parser's owner). */
const DOCTOR_FLAGS = [
  "--store",
  "--probe",
  "--xks-credential-stdin",
  "--since",
  "--cache",
  "--max-time",
  "--role-arn",
  "--external-id",
  "--role-session-name",
  "--all-regions",
  "--from-snapshot",
  "--save-snapshot",
  "--cloudtrail-dir",
];

describe("kcs doctor in Japanese (the built kcs)", () => {
  it("doctor --help: every flag of doctor's, every example and the epilogue in Japanese", async () => {
    const r = await runKcs(["doctor", "--help"], { env: JA });
    expect(r.code).toBe(0);
    // yargs' own headings are Japanese too (the catalog's yargs area): the section is オプション:.
    const section = r.stdout.split("オプション:\n")[1]!.split("\n\n")[0]!;
    const options = section.split(/\n(?= {2,6}(?:-\w, )?--)/).map((entry) => {
      const m = /^ {2,6}(?:-\w, )?(--[\w-]+)\s+([\s\S]*)$/.exec(entry)!;
      return { names: [m[1]!], text: m[2]! };
    });
    expect(options.map((e) => e.names[0]).sort()).toEqual([...DOCTOR_FLAGS].sort());
    for (const e of options) expect(e.text, e.names[0]).toMatch(JAPANESE);
    const examples = r.stdout.split("例:\n")[1]!.split("\n\n")[0]!.split("\n");
    expect(examples.length).toBeGreaterThanOrEqual(9);
    for (const line of examples.filter((l) => l.startsWith("  kcs "))) expect(line).toMatch(JAPANESE);
    expect(r.stdout).toContain("終了ステータス: 0 重大度がエラーまたは警告の検出結果なし");
    // The example command lines stay as typed.
    expect(examples.some((l) => l.startsWith("  kcs doctor --store payments-cks -o json "))).toBe(true);
  });

  it("doctor on invalid-credentials: Japanese text, and JSON equal to English but for title and detail", async () => {
    const state = initWorld(join(tempDir(), "world.json"), "invalid-credentials");
    const text = await runKcs(["doctor", "--sim-state", state], { env: JA });
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(
      /^✖ カスタムキーストア 1 個のうち 1 個に対応が必要 · KMS キー 6 個が現在使用不可/,
    );
    expect(text.stdout).toContain("  ✖ エラー INVALID_CREDENTIALS  KMS が kmsuser としてログインできません");
    const json = async (lang: string) =>
      parseDocument<DoctorReport>(
        (await runKcs(["doctor", "-o", "json", "--sim-state", state, "--lang", lang])).stdout,
        "kcs-doctor-report",
      );
    const [ja, en] = [await json("ja"), await json("en")];
    // Two runs a moment apart: only the time of the read may differ, and the words.
    const words = (d: DoctorReport) => ({
      ...d,
      generatedAt: "",
      findings: d.findings.map(({ title: _t, detail: _d, ...f }) => f),
    });
    expect(words(ja)).toEqual(words(en));
    expect(ja.findings[0]!.title).toMatch(JAPANESE);
    expect(ja.findings[0]!.detail).toMatch(JAPANESE);
  });

  it("refuses a flag combination in one Japanese line", async () => {
    const r = await runKcs(["doctor", "--from-snapshot", "snap.json", "--probe"], { env: JA });
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "kcs: --probe は AWS を呼び出し、--from-snapshot は AWS を呼び出しません: --probe を外してください (doctor --probe で保存したスナップショットにはプローブ結果が含まれます)。\n",
    );
  });
});
