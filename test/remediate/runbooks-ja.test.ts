import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { displayWidth } from "../../src/cli/display-width.js";
import { viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { inRunLanguage } from "../../src/remediate/runbook-words.js";
import { findRunbook, loadRunbooks, parseRunbook, RUNBOOK_DIR } from "../../src/remediate/runbooks.js";
import { inLang } from "../helpers/lang.js";

const PLAIN = styleFor(false);
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const RUNBOOKS = loadRunbooks();

/** A bundled runbook's file as data, to break one thing in it. */
const fileOf = (id: string) => parse(readFileSync(`${RUNBOOK_DIR}/${id}.yaml`, "utf8"));
const rejection = (data: unknown) => {
  try {
    parseRunbook(stringify(data), "broken.yaml");
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("parseRunbook accepted it");
};

describe("runbooks in two languages", () => {
  it("refuses a runbook without its Japanese title and summary, naming the field", () => {
    const { ja: _ja, ...data } = fileOf("reconnect");
    expect(rejection(data)).toMatch(/^broken\.yaml: ja:/);
  });

  it("refuses a step whose when, undo or onFailure has no Japanese, naming the step and the field", () => {
    for (const field of ["when", "undo", "onFailure"]) {
      const data = fileOf("reconnect");
      const step = data.steps.findIndex((s: Record<string, unknown>) => s[field]);
      delete data.steps[step].ja[field];
      expect(rejection(data)).toBe(
        `broken.yaml: steps.${step}.ja.${field}: ${field} has no Japanese: add ja.${field}`,
      );
    }
  });

  it("refuses a Japanese text that translates nothing, and one left in English", () => {
    const extra = fileOf("reconnect");
    extra.steps[1].ja.undo = "元に戻す手順";
    expect(rejection(extra)).toMatch(/^broken\.yaml: steps\.1\.ja\.undo: ja\.undo translates nothing/);
    const english = fileOf("reconnect");
    english.steps[0].ja.title = "Disconnect the custom key store";
    expect(rejection(english)).toMatch(/^broken\.yaml: steps\.0\.ja\.title:/);
  });

  it("refuses a parameter without its Japanese description", () => {
    const data = fileOf("rotate-kmsuser-password");
    delete data.parameters[0].ja;
    expect(rejection(data)).toMatch(/^broken\.yaml: parameters\.0\.ja:/);
  });

  it("keeps the loaded runbook (JSON, plans) in English and with no ja field", async () => {
    const json = await inLang("ja", async () =>
      (await viewFor("json")).runbook(findRunbook("reconnect"), PLAIN),
    );
    expect(json).toBe((await viewFor("json")).runbook(findRunbook("reconnect"), PLAIN));
    expect(json).not.toMatch(JAPANESE);
    expect(json).not.toContain('"ja"');
  });

  it("gives every bundled runbook's title, summary, parameters and steps in Japanese", async () => {
    await inLang("ja", () => {
      for (const rb of RUNBOOKS.map(inRunLanguage)) {
        for (const text of [rb.title, rb.summary, ...rb.parameters.map((p) => p.description)])
          expect(text, rb.id).toMatch(JAPANESE);
        for (const s of rb.steps) {
          expect(s.title, `${rb.id} ${s.id}`).toMatch(JAPANESE);
          if (s.when) expect(s.when, `${rb.id} ${s.id}`).toMatch(JAPANESE);
          if (s.onFailure) expect(s.onFailure, `${rb.id} ${s.id}`).toMatch(JAPANESE);
        }
      }
    });
    // English runs are untouched.
    expect(inRunLanguage(RUNBOOKS[0]!)).toBe(RUNBOOKS[0]);
  });

  it("shows a runbook in Japanese, its ids, calls and codes as they are", async () => {
    const text = await inLang("ja", async () =>
      (await viewFor("text")).runbook(findRunbook("rotate-kmsuser-password"), PLAIN),
    );
    expect(text).toMatchSnapshot();
    expect(text).toContain(
      "rotate-kmsuser-password: クラスターで kmsuser に既知のパスワードを設定し、KMS に伝えて再接続",
    );
    expect(text).toContain("修正する検出結果: INVALID_CREDENTIALS, USER_LOCKED_OUT");
    expect(text).toContain("   1. [api] カスタムキーストアを切断  kms:DisconnectCustomKeyStore (変更あり)");
    expect(text).toContain("        条件: キーストアが CONNECTED、CONNECTING または FAILED");
    expect(text).toContain("[manual] HSM で kmsuser の新しいパスワードを設定 (管理者として)  HSM 上で");
  });

  it("lines up the runbook list's columns by display width when the header is Japanese", async () => {
    const text = await inLang("ja", async () => (await viewFor("text")).runbooks(RUNBOOKS, PLAIN));
    const rows = text.split("\n").slice(0, RUNBOOKS.length + 1);
    expect(rows[0]).toMatch(/^ランブック +修正する検出結果 +ステップ数$/);
    // Each row's second and third columns start at the same terminal column as the header's.
    const starts = (row: string) => {
      const cells = row.split(/(?<=\S) {2,}/);
      return [
        displayWidth(row.slice(0, row.indexOf(cells[1]!))),
        displayWidth(row.slice(0, row.lastIndexOf(cells.at(-1)!))),
      ];
    };
    for (const row of rows.slice(1)) expect(starts(row)).toEqual(starts(rows[0]!));
    expect(text).toContain("kcs runbooks show ID ですべてのステップを表示します。");
  });

  it("renders the markdown runbook and list in Japanese", async () => {
    const md = await inLang("ja", async () =>
      (await viewFor("markdown")).runbook(findRunbook("reconnect"), PLAIN),
    );
    expect(md).toContain("## ランブック `reconnect`");
    expect(md).toContain(
      "**カスタムキーストアを (必要なら切断して) 再接続。** 修正する検出結果: `STORE_DISCONNECTED`",
    );
    expect(md).toContain("| # | ステップ | 種類 | 呼び出し | 変更 | 条件 |");
    expect(md).toContain("| 1 | カスタムキーストアを切断 | api | kms:DisconnectCustomKeyStore | あり |");
    const list = await inLang("ja", async () => (await viewFor("markdown")).runbooks(RUNBOOKS, PLAIN));
    expect(list).toContain("| ランブック | 修正する検出結果 | 内容 |");
  });

  it("says an unknown runbook in Japanese", async () => {
    await inLang("ja", () =>
      expect(() => findRunbook("summon-help")).toThrow(
        "ランブック 'summon-help' はありません。kcs runbooks list で一覧を表示できます。",
      ),
    );
  });
});
