import { describe, expect, it } from "vitest";
import { fatalAwsError } from "../../src/backend/aws-errors.js";
import { checkEndpointUrl, checkRegion, refuseSimOnlyFlags } from "../../src/backend/aws-flags.js";
import { fleetFlags, refuseFleetFlags } from "../../src/backend/fleet-flags.js";
import { parseDuration } from "../../src/core/duration.js";
import { folderProblem } from "../../src/core/writable.js";
import { t } from "../../src/i18n/index.js";
import { parseWorld } from "../../src/sim/persist.js";
import { inLang, refusal } from "../helpers/lang.js";

describe("backend and core error lines in Japanese", () => {
  it("AWS's refusals: access denied, rejected credentials, no Region; English unchanged", async () => {
    const denied = Object.assign(new Error("no"), { name: "AccessDeniedException" });
    const expired = Object.assign(new Error("no"), { name: "ExpiredTokenException" });
    expect(fatalAwsError(denied, "kms", "DescribeCustomKeyStores")?.message).toBe(
      "Access denied: your IAM identity may not call kms:DescribeCustomKeyStores. Allow kms:DescribeCustomKeyStores and run again.",
    );
    await inLang("ja", () => {
      expect(fatalAwsError(denied, "kms", "DescribeCustomKeyStores")?.message).toBe(
        "アクセスが拒否されました: あなたの IAM ID には kms:DescribeCustomKeyStores を呼び出す権限がないようです。kms:DescribeCustomKeyStores を許可してから、もう一度実行してください。",
      );
      expect(fatalAwsError(expired, "kms", "DescribeCustomKeyStores")?.message).toBe(
        "AWS が認証情報を拒否しました (ExpiredTokenException): 認証情報を更新して (例: aws sso login)、もう一度実行してください。",
      );
      expect(fatalAwsError(new Error("Region is missing"), "kms", "X")?.message).toMatch(
        /^AWS リージョンがありません/,
      );
    });
  });

  it("the aws backend's flags, durations and folders", async () => {
    await inLang("ja", () => {
      expect(refusal(() => checkEndpointUrl("ftp://x"))).toBe(
        "--endpoint-url には http://127.0.0.1:4566 (kcs sim serve) や https://kms.eu-west-1.amazonaws.com のような http:// または https:// の URL を指定します。指定値: 'ftp://x'。",
      );
      expect(refusal(() => checkRegion("eu west", "--region"))).toBe(
        "--region には eu-west-1 のようなリージョン名を指定します。指定値: 'eu west'。",
      );
      expect(refusal(() => refuseSimOnlyFlags({ simState: "w.json" }))).toMatch(
        /^--sim-state は sim バックエンド/,
      );
      expect(refusal(() => parseDuration("1s", "--poll-interval", { max: 500 }))).toBe(
        "--poll-interval は 500ms 以下にしてください。指定値: 1s。",
      );
      expect(folderProblem("/nonexistent/kcs-folder")).toBe("存在しません");
    });
    expect(folderProblem("/nonexistent/kcs-folder")).toBe("it does not exist");
  });

  it("fleet flags", async () => {
    expect(refusal(() => refuseFleetFlags({ region: ["a-1", "b-1"] }, t("errors.fleet.thisCommand")))).toBe(
      "This command reads one Region: give --region once.",
    );
    await inLang("ja", () => {
      expect(refusal(() => refuseFleetFlags({ region: ["a-1", "b-1"] }, t("errors.fleet.thisCommand")))).toBe(
        "このコマンドが読み取るリージョンは 1 つです: --region は 1 回だけ指定してください。",
      );
      expect(refusal(() => fleetFlags({ roleArn: ["nope"] }))).toBe(
        "--role-arn には arn:aws:iam::444455556666:role/kcs-audit のような IAM ロールの ARN を指定します。指定値: 'nope'。",
      );
      expect(refusal(() => fleetFlags({ externalId: "x-1" }))).toBe(
        "--external-id は kcs が引き受けるロール用です: --role-arn ARN を付けてください。",
      );
    });
  });

  it("a world file kcs cannot use", async () => {
    expect(refusal(() => parseWorld("{", "w.json"))).toBe(
      "The simulator world w.json is corrupt (not JSON); re-create it with: kcs sim init --scenario NAME --force --sim-state w.json",
    );
    expect(await inLang("ja", () => refusal(() => parseWorld("[]", "w.json")))).toBe(
      "w.json は kcs のシミュレーターのワールドではありません。kcs sim init --scenario NAME --force --sim-state w.json で作り直してください",
    );
  });
});
