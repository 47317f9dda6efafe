import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/cli/display-width.js";
import { runKcs } from "../helpers/cli.js";

describe("kcs fix and kcs runbooks help in Japanese", () => {
  it("kcs fix --help: options, examples and exit statuses in Japanese; flag names as they are", async () => {
    const r = await runKcs(["fix", "--help"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--dry-run +計画を表示し、何も変更しない \(ステップがあれば終了ステータス 2\)/);
    expect(r.stdout).toContain("kmsuser の新しいパスワードを標準入力から読む");
    expect(r.stdout).toContain("レビュー済みの計画を実行");
    expect(r.stdout).toContain("終了ステータス: 0 対象の検出結果がなくなった");
    // yargs measures the Japanese by display width: a type tag ends at the same column as the English's.
    const en = await runKcs(["fix", "--help", "--lang", "en"]);
    const end = (out: string, flag: string) => {
      const line = out.split("\n").find((l) => l.includes(flag) && l.trimEnd().endsWith("]"))!;
      return displayWidth(line.trimEnd());
    };
    expect(end(r.stdout, "--password-stdin")).toBe(end(en.stdout, "--password-stdin"));
  });

  it("kcs runbooks --help and show --help in Japanese", async () => {
    const list = await runKcs(["runbooks", "--help", "--lang", "ja"]);
    expect(list.stdout).toContain("kcs runbooks show <id>  1 つのランブックのすべてのステップを表示");
    const show = await runKcs(["runbooks", "show", "--help", "--lang", "ja"]);
    expect(show.stdout).toContain("ランブック ID (kcs runbooks list)");
    const missing = await runKcs(["runbooks", "show", "nope", "--lang", "ja"]);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toBe(
      "kcs: ランブック 'nope' はありません。kcs runbooks list で一覧を表示できます。\n",
    );
  });
});
