import { describe, expect, it } from "vitest";
import { runKcs, tempDir } from "../helpers/cli.js";

describe("kcs --lang", () => {
  it("prints the help in Japanese when the locale is Japanese, and in English under --lang en", async () => {
    const ja = await runKcs(["--help"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain("kcs が表示する言語");
    const en = await runKcs(["--help", "--lang", "en"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(en.stdout).toContain("Language of what kcs prints");
    expect(en.stdout).not.toMatch(/[\u3040-\u30ff]/);
  });

  it("refuses a language kcs lacks in one line, exit 1, in the locale's language", async () => {
    const r = await runKcs(["doctor", "--lang", "fr"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toBe(
      "kcs: --lang fr: kcs が話せるのは en と ja です。--lang en または --lang ja を指定してください。\n",
    );
    const env = await runKcs(["doctor"], { env: { KCS_LANG: "jp" } });
    expect(env).toMatchObject({ code: 1, stdout: "" });
    expect(env.stderr).toBe(
      "kcs: KCS_LANG=jp: kcs speaks en and ja; set KCS_LANG to en or ja, or unset it.\n",
    );
  });

  it("says a plan file it cannot read in Japanese, one line, exit 1", async () => {
    const r = await runKcs(["fix", "--plan", "nosuch.json", "--yes", "--lang", "ja"], {
      cwd: tempDir("kcs-lang-"),
    });
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toBe("kcs: 計画 nosuch.json を読み取れません: ENOENT。\n");
  });
});
