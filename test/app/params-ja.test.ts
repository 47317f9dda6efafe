import { describe, expect, it } from "vitest";
import { checkStoreSelectors, parseParams } from "../../src/app/params.js";
import { inLang } from "../helpers/lang.js";

describe("--param and --store refusals in Japanese", () => {
  it("says what a --param takes, in the run's language, never echoing the value", async () => {
    expect(() => parseParams(["HsmType=huge"])).toThrow(
      "--param HsmType takes hsm1.medium or hsm2m.medium; the value given is not one (not shown). Nothing was changed.",
    );
    await inLang("ja", () => {
      expect(() => parseParams(["SubnetIds=nope"])).toThrow(
        "--param SubnetIds にはカンマ区切りの異なるサブネット ID (subnet-…) 1～10 個を指定します。指定された値はそうではありません (値は表示しません)。何も変更していません。",
      );
      expect(() => parseParams(["secret"])).toThrow("それ以外のもの (秘密かもしれないため表示しません)");
      expect(() => parseParams(["AcceptKeyLoss=yes", "AcceptKeyLoss=yes"])).toThrow(
        "--param AcceptKeyLoss が 2 回指定されています。1 回だけ指定してください。",
      );
      expect(() => checkStoreSelectors([" "])).toThrow(
        "--store にはキーストアの ID または名前を指定します。",
      );
    });
  });
});
