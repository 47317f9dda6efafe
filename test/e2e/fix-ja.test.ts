import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKcs, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

/**
 * `kcs fix --dry-run` in Japanese, as an operator reads it: the plan's words from the runbooks' ja
 * blocks and the plan catalog, its ids, codes, calls and inputs as they are. The JSON plan does not
 * change with the language.
 */
/** The plan's createdAt is the wall clock's: the snapshots hold a placeholder. */
const stable = (out: string) => out.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<createdAt>");

describe("kcs fix --dry-run --lang ja", () => {
  const dir = tempDir();
  const world = (scenario: string) => {
    const state = join(dir, `${scenario}.json`);
    initWorld(state, scenario, 1200);
    return state;
  };

  it("prints the invalid-credentials plan in Japanese, as text and as markdown", async () => {
    const state = world("invalid-credentials");
    const text = await runKcs(["fix", "--dry-run", "--lang", "ja", "--sim-state", state]);
    expect(text.code, text.stderr).toBe(2);
    expect(stable(text.stdout)).toMatchSnapshot("text");
    expect(text.stdout).toContain("ドライラン: 何も変更していません。");
    const md = await runKcs(["fix", "--dry-run", "-o", "markdown", "--sim-state", state], {
      env: { LANG: "ja_JP.UTF-8" },
    });
    expect(md.code, md.stderr).toBe(2);
    expect(stable(md.stdout)).toMatchSnapshot("markdown");
    expect(md.stdout).toContain("## kcs fix 実行計画");
  });

  it("prints a plan with a manual step per orphaned key in Japanese, keeping each key's id", async () => {
    const state = world("orphaned-key-material");
    const text = await runKcs([
      "fix",
      "--dry-run",
      "--include-warnings",
      "--lang",
      "ja",
      "--sim-state",
      state,
    ]);
    expect(text.code, text.stderr).toBe(2);
    expect(stable(text.stdout)).toMatchSnapshot("text");
    expect(text.stdout).toMatch(/✋ 孤立したキーマテリアルを削除 \(kmsuser として\): [0-9a-f-]{36}/);
  });

  it("prints a plan with a step per Availability Zone in Japanese, naming each zone", async () => {
    const state = world("no-active-hsms");
    const text = await runKcs(["fix", "--dry-run", "--lang", "ja", "--sim-state", state]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toMatch(/~ HSM を作成 \([a-z]{2}-[a-z]+-\d[a-z]\) cloudhsmv2:CreateHsm/);
  });

  it("keeps the JSON plan the same in both languages", async () => {
    const state = world("invalid-credentials");
    const en = await runKcs(["fix", "--dry-run", "-o", "json", "--sim-state", state]);
    const ja = await runKcs(["fix", "--dry-run", "-o", "json", "--lang", "ja", "--sim-state", state]);
    const plan = (out: string) => ({ ...JSON.parse(out), createdAt: "" });
    expect(plan(ja.stdout)).toEqual(plan(en.stdout));
    expect(ja.stdout).not.toMatch(/[\u3040-\u30ff]/);
  });
});

describe("kcs fix --lang ja, applied", () => {
  const dir = tempDir();

  it("refuses in Japanese, in one line, without a terminal and without --yes", async () => {
    const state = join(dir, "refuse.json");
    initWorld(state, "invalid-credentials", 1200);
    const r = await runKcs(["fix", "--lang", "ja", "--sim-state", state]);
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toBe(
      "kcs: kcs fix はキーストアを変更します。端末なしで実行するには --yes を付けてください (計画を見るだけなら --dry-run)。\n",
    );
    const code = await runKcs(["fix", "--dry-run", "--finding", "BOGUS", "--sim-state", state], {
      env: { LANG: "ja_JP.UTF-8" },
    });
    expect(code.stderr).toContain("--finding BOGUS は検出結果コードではありません。");
  });

  it("repairs invalid-credentials with the task lines and the result in Japanese", async () => {
    const state = join(dir, "apply.json");
    initWorld(state, "invalid-credentials", 1200);
    const r = await runKcs(
      ["fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--lang", "ja", "--sim-state", state],
      { input: "Fix3dPassw0rd\n" },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^✔ 修正しました: \S+ の INVALID_CREDENTIALS。kcs doctor でも確認済みです。\n$/);
    expect(r.stderr).toMatch(
      / ✔ \S+ rotate-kmsuser-password › HSM で kmsuser の新しいパスワードを設定 \(管理者として\)/,
    );
    expect(r.stderr).toContain("計画: アクション 1 件");
    // Each step's result, as the task list ends its line with it: Japanese, with states and codes as AWS has them.
    const results = r.stderr
      .split("\n")
      .filter((l) => / ✔ /.test(l))
      .map((l) => l.split(" — ")[1]);
    expect(results).toEqual([
      "切断前は FAILED (INVALID_CREDENTIALS)",
      expect.stringMatching(/^DISCONNECTED になるまで \S+$/),
      "user change-password --username kmsuser --role crypto-user: 完了",
      "KeyStorePassword ********",
      "CONNECTING に移行",
      expect.stringMatching(/^CONNECTED になるまで \S+$/),
      "INVALID_CREDENTIALS は解消",
    ]);
    expect(r.stderr).not.toMatch(/\bwas |\bafter | gone\b|skipped|: done\b/);
  });
});
