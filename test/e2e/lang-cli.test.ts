import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/cli/display-width.js";
import { runKcs, tempDir } from "../helpers/cli.js";

// Scratch working directory: nothing here may reach the repository's .kcs/.
const SANDBOX = tempDir("kcs-lang-cli-");
const JA = { LANG: "ja_JP.UTF-8" };
const ja = (args: string[]) => runKcs(args, { cwd: SANDBOX, env: JA });

/** yargs' own English words, which a Japanese help page must not show. */
const YARGS_ENGLISH = [
  "Commands:",
  "Options:",
  "Examples:",
  "Positionals:",
  "Show help",
  "Show version number",
  "[boolean]",
  "[string]",
  "[choices:",
  "[default:",
  "[required]",
];

describe("kcs's help in Japanese", () => {
  it("kcs --help: kcs's words and yargs' own, all in Japanese, columns aligned", async () => {
    const r = await ja(["--help"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    for (const word of YARGS_ENGLISH) expect(r.stdout, word).not.toContain(word);
    for (const heading of ["コマンド:", "グローバルオプション:", "例:", "終了ステータス:"])
      expect(r.stdout).toContain(`\n${heading}\n`);
    expect(r.stdout).toContain("ヘルプを表示");
    expect(r.stdout).toMatch(/\[選択肢: "sim", "aws"\] \[デフォルト: "sim"\]/);
    expect(r.stdout).toContain("すべてのカスタムキーストアを診断する (何も変更しません)");
    // cliui measures full-width characters as two columns: every [型] tag ends at the same column.
    const tags = r.stdout.split("\n").filter((l) => /\[(文字列|真偽値)\]$/.test(l));
    expect(tags.length).toBeGreaterThan(4);
    const width = (l: string) =>
      [...l].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
    expect(new Set(tags.map(width)).size).toBe(1);
  });

  it("English help is unchanged by the Japanese catalog", async () => {
    const r = await runKcs(["--help"], { cwd: SANDBOX });
    expect(r.stdout).toContain("Global options:");
    expect(r.stdout).toContain("Show help");
    expect(r.stdout).not.toMatch(/[\u3040-\u30ff]/);
  });
});

describe("error lines in Japanese", () => {
  it("a usage error, an unknown command, a mistyped flag, a bad --sim-state and bad flag values", async () => {
    const cases = [
      [],
      ["doctr"],
      ["doctor", "--stroe", "x"],
      ["doctor", "--sim-state", "/nonexistent/kcs/world.json"],
      ["doctor", "-o", "yaml"],
      ["doctor", "--max-time", "soon"],
      ["doctor", "--since", "400d"],
      ["doctor", "--profile", "dev"],
    ];
    const lines: string[] = [];
    for (const args of cases) {
      const r = await ja(args);
      expect(r, args.join(" ")).toMatchObject({ code: 1, stdout: "" });
      expect(r.stderr.split("\n")).toHaveLength(2);
      lines.push(r.stderr);
    }
    expect(lines.join("")).toMatchInlineSnapshot(`
      "kcs: コマンドを指定してください: doctor、fix、runbooks、sim、completion のいずれかです。 (使い方は kcs --help で確認できます)
      kcs: 不明なコマンドです: doctr。kcs doctor のことですか? (使い方は kcs --help で確認できます)
      kcs: 不明な引数です: --stroe。--store のことですか? (使い方は kcs doctor --help で確認できます)
      kcs: シミュレーターのワールド /nonexistent/kcs/world.json (--sim-state) のフォルダーがありません: kcs sim init --scenario NAME --sim-state /nonexistent/kcs/world.json でワールドを作るか、パスを直してください。何も作成していません。
      kcs: --output に指定できるのは "text", "json", "markdown", "ssm-automation" です。指定値: "yaml" (使い方は kcs doctor --help で確認できます)
      kcs: --max-time には 250ms、15s、20m、1h のような期間を指定します。指定値: 'soon'。
      kcs: --since は 90d 以下にしてください (CloudTrail がイベントを保持するのは 90 日間です)。指定値: 400d。
      kcs: --profile は --backend aws 用です。シミュレーターには AWS のプロファイルも認証情報も要りません: --profile を外すか、--backend aws を付けてください。
      "
    `);
  });
});

/** The display column where each cell of a table row begins (cells are parted by two spaces or more). */
const columnStarts = (line: string) => {
  const starts: number[] = [];
  for (const m of line.matchAll(/(?<=^|\s{2})\S/g)) starts.push(displayWidth(line.slice(0, m.index)));
  return starts;
};

describe("kcs sim in Japanese", () => {
  const world = join(SANDBOX, "sim-ja.json");
  const sim = (args: string[]) => ja(["sim", ...args, "--sim-state", world]);

  it("init, status, faults, act and advance speak Japanese; status's columns align with full-width headings", async () => {
    const init = await sim(["init", "--scenario", "invalid-credentials"]);
    expect(init).toMatchObject({ code: 0, stderr: "" });
    expect(init.stdout).toContain(
      `シナリオ invalid-credentials を ${world} に作成しました: カスタムキーストア 1 個、クラスター 1 個、KMS キー 6 個。`,
    );
    expect(init.stdout).toContain("次: kcs doctor");

    const status = await sim(["status"]);
    expect(status.code).toBe(0);
    const lines = status.stdout.split("\n");
    for (const heading of ["カスタムキーストア", "CloudHSM クラスター", "サブネット"])
      expect(lines.some((l) => l.startsWith(heading))).toBe(true);
    const header = lines.find((l) => l.includes("接続状態"))!;
    const row = lines[lines.indexOf(header) + 1]!;
    expect(header).toMatch(/ID +名前 +種類 +接続状態 +クラスター +キー/);
    // Every value starts in the column of its full-width heading.
    expect(columnStarts(row)).toEqual(columnStarts(header));
    const clusterHeader = lines.find((l) => l.includes("キーマテリアル"))!;
    const clusterRow = lines[lines.indexOf(clusterHeader) + 1]!;
    expect(clusterRow).toContain("正常 (ログイン失敗 1 回)");
    expect(columnStarts(clusterRow)).toEqual(columnStarts(clusterHeader));

    const faults = await sim(["faults", "--latency", "50ms"]);
    expect(faults.stdout).toBe("障害: クォータ有効, レイテンシー 50ms\n");

    const act = await sim(["act", "disconnect", "payments-cks"]);
    expect(act.code).toBe(0);
    expect(act.stdout).toMatch(
      /^alice \(コンソール\) が payments-cks \(cks-[0-9a-f]+\) に対して kms:DisconnectCustomKeyStore を呼び出しました: 状態は DISCONNECTING です。シミュレーター時間でおよそ \S+ かかります \(--wait で完了を待てます\)。/,
    );
    const advance = await sim(["advance", "1m"]);
    expect(advance.stdout).toMatch(/^シミュレーターの時刻は \S+Z になりました。\n$/);
  });

  it("scenarios: Japanese headings, the JSON unchanged", async () => {
    const text = await ja(["sim", "scenarios"]);
    expect(text.stdout.split("\n")[0]).toMatch(/^シナリオ +説明$/);
    expect(text.stdout).toContain("開始するには: kcs sim init --scenario NAME");
    const json = await ja(["sim", "scenarios", "-o", "json"]);
    const english = await runKcs(["sim", "scenarios", "-o", "json"], { cwd: SANDBOX });
    expect(json.stdout).toBe(english.stdout);
  });

  it("every sim help page is in Japanese, yargs' words included", async () => {
    for (const page of [
      ["sim"],
      ["sim", "act"],
      ["sim", "hsm"],
      ["sim", "hsm", "key"],
      ["sim", "faults"],
      ["completion"],
    ]) {
      const r = await ja([...page, "--help"]);
      expect(r, page.join(" ")).toMatchObject({ code: 0, stderr: "" });
      for (const word of YARGS_ENGLISH) expect(r.stdout, `${page.join(" ")}: ${word}`).not.toContain(word);
      expect(r.stdout).toContain("グローバルオプション:");
    }
    const errors = await ja(["sim", "hsm", "-o", "markdown", "user", "list", "--sim-state", world]);
    expect(errors.stderr).toBe(
      "kcs: kcs sim hsm が出力できるのは -o text または -o json です (CloudHSM CLI 自身の JSON 応答)。-o markdown は使えません。\n",
    );
  });
});
