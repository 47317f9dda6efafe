import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { missingProfile } from "../../src/backend/aws-flags.js";
import { parseProxyCredential } from "../../src/core/proxy-credential.js";
import { readPlanFile } from "../../src/remediate/plan-file.js";
import { inLang, refusal } from "../helpers/lang.js";

const dir = mkdtempSync(join(tmpdir(), "kcs-file-ja-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("file and input errors in Japanese", () => {
  it("a plan file that is a folder: the line names the file by what it is to kcs, in the run's language", async () => {
    expect(refusal(() => readPlanFile(dir))).toBe(
      `${dir} is not a regular file: kcs reads a kcs plan only from one.`,
    );
    expect(await inLang("ja", () => refusal(() => readPlanFile(dir)))).toBe(
      `${dir} は通常のファイルではありません: kcs は実行計画を通常のファイルからしか読みません。`,
    );
  });

  it("a proxy credential that is not one, and a profile neither AWS file defines", async () => {
    const env = {
      AWS_CONFIG_FILE: join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
    };
    writeFileSync(env.AWS_CONFIG_FILE, "[default]\n");
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, "[default]\n");
    expect(parseProxyCredential("nonsense")).toEqual({
      refused: "it is not ACCESS_KEY_ID:SECRET_ACCESS_KEY",
    });
    expect(missingProfile("prod", "--profile", env)).toBe(
      `The AWS profile 'prod' (--profile) does not exist: neither ${env.AWS_CONFIG_FILE} nor ${env.AWS_SHARED_CREDENTIALS_FILE} defines it. Check the name (aws configure list-profiles lists them), or create it with aws configure --profile NAME.`,
    );
    await inLang("ja", () => {
      expect(parseProxyCredential("nonsense")).toEqual({
        refused: "ACCESS_KEY_ID:SECRET_ACCESS_KEY の形式ではありません",
      });
      expect(parseProxyCredential("AKID:short")).toEqual({
        refused: "アクセスキー ID が A-Z と 2-7 の 20～30 文字ではありません",
      });
      expect(missingProfile("prod", "--profile", env)).toBe(
        `AWS プロファイル 'prod' (--profile) は存在しません: ${env.AWS_CONFIG_FILE} にも ${env.AWS_SHARED_CREDENTIALS_FILE} にも定義されていません。名前を確認するか (aws configure list-profiles で一覧できます)、aws configure --profile NAME で作成してください。`,
      );
    });
  });
});
