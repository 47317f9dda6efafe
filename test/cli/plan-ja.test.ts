import { describe, expect, it } from "vitest";
import { planSummary } from "../../src/cli/views/plan-summary.js";
import { plan as englishPlan } from "../../src/i18n/en/plan.js";
import { ACTIONS } from "../../src/remediate/actions/index.js";
import type { Plan, PlanStep } from "../../src/remediate/plan.js";
import { stepInRunLanguage } from "../../src/remediate/runbook-words.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { inLang } from "../helpers/lang.js";

loadRunbooks();

const step = (over: Partial<PlanStep>): PlanStep => ({
  id: "disconnect",
  title: "Disconnect the custom key store",
  kind: "api",
  action: "kms.disconnect",
  service: "kms",
  operation: "DisconnectCustomKeyStore",
  input: {},
  mutating: true,
  when: "the store is CONNECTED, CONNECTING or FAILED",
  expect: ACTIONS["kms.disconnect"].expect,
  ...over,
});

describe("a plan's words in Japanese", () => {
  it("has, in the catalog, exactly the English each action module expects (the plan's JSON)", () => {
    for (const [id, action] of Object.entries(ACTIONS)) {
      const [service, name] = id.split(".") as [keyof typeof englishPlan.expectOf, string];
      expect((englishPlan.expectOf[service] as Record<string, string>)[name], id).toBe(action.expect);
    }
  });

  it("translates a step's title, when and expect from its runbook and the catalog", async () => {
    const s = await inLang("ja", () => stepInRunLanguage("rotate-kmsuser-password", step({})));
    expect(s).toMatchObject({
      title: "カスタムキーストアを切断",
      when: "キーストアが CONNECTED、CONNECTING または FAILED",
      expect: "ConnectionState が DISCONNECTING、次に DISCONNECTED。キーは Unavailable (使用不可) になる",
      operation: "DisconnectCustomKeyStore",
    });
  });

  it("leaves English runs, and words that are not kcs's own English (a plan from another kcs), as they are", async () => {
    const own = step({});
    expect(stepInRunLanguage("rotate-kmsuser-password", own)).toBe(own);
    const foreign = step({ title: "Pull the plug", when: "whenever", expect: "silence" });
    const s = await inLang("ja", () => stepInRunLanguage("rotate-kmsuser-password", foreign));
    expect(s).toMatchObject({ title: "Pull the plug", when: "whenever", expect: "silence" });
  });

  it("keeps the zone of a step repeated per Availability Zone", async () => {
    const s = await inLang("ja", () =>
      stepInRunLanguage(
        "add-hsms",
        step({
          id: "create-hsm-2",
          title: "Create an HSM in eu-west-1b",
          action: "cloudhsm.create-hsm",
          when: "the Availability Zone has no ACTIVE or CREATE_IN_PROGRESS HSM",
          undo: "DeleteHsm",
          expect: ACTIONS["cloudhsm.create-hsm"].expect,
        }),
      ),
    );
    expect(s.title).toBe("HSM を作成 (eu-west-1b)");
    expect(s.expect).toBe("HSM が CREATE_IN_PROGRESS、次に ACTIVE");
  });

  it("counts the plan in Japanese (one form for every count), and in English as before", async () => {
    const plan = {
      actions: [
        {
          steps: [
            step({}),
            step({ kind: "wait", mutating: false, timeout: "5m" }),
            step({ kind: "wait", mutating: false, timeout: "30m" }),
            step({ kind: "manual" }),
          ],
        },
      ],
    } as unknown as Plan;
    expect(planSummary(plan)).toBe("Plan: 1 action, 1 mutating call, 2 waits (longest 30m), 1 manual step.");
    expect(await inLang("ja", () => planSummary(plan))).toBe(
      "計画: アクション 1 件、変更を伴う呼び出し 1 件、待機 2 件 (最長 30m)、手動の手順 1 件。",
    );
    expect(await inLang("ja", () => planSummary({ actions: [] } as unknown as Plan))).toBe(
      "計画: 実行することはありません。",
    );
  });
});
