import { describe, expect, it } from "vitest";
import { approveSavedPlan } from "../../src/app/plan.js";
import { ManualOperator } from "../../src/backend/manual-operator.js";
import { UsageError } from "../../src/core/errors.js";
import { type Plan, PlanSchema } from "../../src/remediate/plan.js";
import { app } from "../helpers/app.js";
import { inLang } from "../helpers/lang.js";
import { scenarioWorld } from "../helpers/sim.js";

const saved = (plan: Plan): Plan => PlanSchema.parse(JSON.parse(JSON.stringify(plan)));

describe("kcs fix's refusals and stops in Japanese", () => {
  it("refuses an edited saved plan in Japanese, naming where it differs; English as before", async () => {
    const kcs = await app(scenarioWorld("invalid-credentials"));
    try {
      const edited = saved(await kcs.plan());
      edited.actions[0]!.steps[0]!.input = {
        ...edited.actions[0]!.steps[0]!.input,
        CustomKeyStoreId: "cks-0",
      };
      const where = { backend: "sim", region: "eu-west-1", passwordSource: "stdin" } as const;
      const observation = await kcs.observe();
      const refusal = (lang: "en" | "ja") =>
        inLang(lang, () => {
          try {
            approveSavedPlan(edited, observation, where, "plan.json");
          } catch (err) {
            expect(err).toBeInstanceOf(UsageError);
            return (err as Error).message;
          }
          throw new Error("approved");
        });
      expect(await refusal("ja")).toBe(
        "plan.json は、同じ検出結果に対して kcs が現在作成する計画と一致しません (actions[0].steps[0].input.CustomKeyStoreId で異なります)。編集されたか、別の kcs が作成したものです。何も変更していません。kcs fix --dry-run で新しい計画を作成してください。",
      );
      expect(await refusal("en")).toBe(
        "plan.json is not the plan kcs makes now for the same findings (they differ at actions[0].steps[0].input.CustomKeyStoreId): it was edited, or made by another kcs. Nothing was changed; make a new plan with kcs fix --dry-run.",
      );
      const elsewhere = inLang("ja", () =>
        approveSavedPlan(saved(edited), observation, { ...where, region: "us-east-1" }, "plan.json"),
      );
      await expect(elsewhere).rejects.toThrow(
        "plan.json は eu-west-1 の sim 用に作成されたもので、us-east-1 の sim 用ではありません。何も変更していません。",
      );
    } finally {
      await kcs.close();
    }
  });

  it("says where --stop-before-manual stopped and what to do, in Japanese (exit 3's message)", async () => {
    const kcs = await app(scenarioWorld("invalid-credentials"));
    try {
      const nobody = new ManualOperator(async () => {
        throw new Error("nobody may be asked: the run stops before its manual step");
      });
      const plan = await kcs.plan();
      const first = await inLang("ja", () => kcs.fix(plan, { operator: nobody, stopBeforeManual: true }));
      expect(first.stoppedBeforeManual).toBe(true);
      expect(first.problem).toMatch(
        /^--stop-before-manual の指定どおり、\S+ の rotate-kmsuser-password の手動の手順 set-kmsuser-password の手前で停止しました \(.*\)。キーストアは DISCONNECTED です。HSM 上で実行してください: .*user change-password --username kmsuser.*。その後、端末で kcs fix を再実行して完了を確認してください \(または --hsm-hook を指定\)。現在の状態から続行します。$/,
      );
    } finally {
      await kcs.close();
    }
  });
});

describe("a manual step as the person at the terminal reads it, in Japanese", () => {
  it("names what to do in Japanese, and the step's outcome says the operator confirmed it", async () => {
    const kcs = await app(scenarioWorld("invalid-credentials"));
    try {
      const asked: string[] = [];
      // A person who confirms without doing it: the connect then fails, which this test does not judge.
      const person = new ManualOperator(async (task) => {
        asked.push(task.what);
      });
      const plan = await kcs.plan();
      const { result } = await inLang("ja", () => kcs.fix(plan, { operator: person }));
      expect(asked).toEqual([
        expect.stringMatching(/^クラスター cluster-\S+ で kmsuser の新しいパスワードを設定してください$/),
      ]);
      expect(result.outcomes.find((o) => o.stepId === "set-kmsuser-password")?.detail).toBe(
        "オペレーターが確認済み",
      );
    } finally {
      await kcs.close();
    }
  });
});
