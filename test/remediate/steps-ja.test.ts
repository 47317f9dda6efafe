import { describe, expect, it } from "vitest";
import { Budget } from "../../src/core/budget.js";
import type { StoreFacts } from "../../src/gather/snapshot.js";
import { ACTIONS } from "../../src/remediate/actions/index.js";
import { poll } from "../../src/remediate/actions/poll.js";
import type { PlanAction, PlanStep } from "../../src/remediate/plan.js";
import type { RunContext } from "../../src/remediate/step-context.js";
import { StoreWatch } from "../../src/remediate/store-watch.js";
import { chooseSubnets } from "../../src/remediate/subnets.js";
import { unprobed } from "../../src/remediate/verify.js";
import { cluster, network, subnet } from "../diagnose/fixtures.js";
import { inLang } from "../helpers/lang.js";

/** The remediation's own refusals and wait lines in Japanese, each beside the English it replaces. */

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as Error & { hint?: string };
  }
  throw new Error("nothing was thrown");
};

describe("a wait in Japanese", () => {
  const waitOnce = (maxTimeMs: number) => {
    let now = 0;
    const lines: string[] = [];
    const ctx = {
      pollIntervalMs: 15_000,
      budget: new Budget(() => now, maxTimeMs),
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    } as unknown as RunContext;
    const step = { id: "wait", title: "Wait", timeout: "20m" } as PlanStep;
    const outcome = poll(
      ctx,
      step,
      (line) => lines.push(line),
      async () => "CONNECTING",
      (state) => ({ done: false, state }),
    );
    return { lines, outcome };
  };

  it("words its progress line and the run's spent --max-time in Japanese, states as AWS has them", async () => {
    await inLang("ja", async () => {
      const { lines, outcome } = waitOnce(20_000);
      const err = (await outcome.catch((e: unknown) => e)) as Error & { hint?: string };
      expect(err.message).toBe("20s 経過しても CONNECTING のまま (実行の --max-time 20s を使い切った)");
      expect(err.hint).toBe("後で kcs fix を再実行してください。現在の状態から続行します。");
      expect(lines).toEqual([
        "CONNECTING · 試行 1 回目 · 0ms",
        "CONNECTING · 試行 2 回目 · 15s",
        "CONNECTING · 試行 3 回目 · 20s",
      ]);
    });
    const en = waitOnce(20_000);
    await expect(en.outcome).rejects.toThrow(
      "still CONNECTING after 20s (the run's --max-time 20s is spent)",
    );
    expect(en.lines[0]).toBe("CONNECTING · attempt 1 · 0ms");
  });
});

describe("a store someone else moved, in Japanese", () => {
  const basis: StoreFacts[] = [
    {
      customKeyStoreId: "cks-1",
      customKeyStoreName: "payments",
      customKeyStoreType: "AWS_CLOUDHSM",
      connectionState: "DISCONNECTED",
      cloudHsmClusterId: "cluster-a",
    } as StoreFacts,
  ];

  it("names both places, the clusters included, and what to do", async () => {
    const moved = () =>
      thrown(() =>
        new StoreWatch(basis).check("cks-1", {
          ConnectionState: "DISCONNECTED",
          CloudHsmClusterId: "cluster-z",
        }),
      );
    const ja = await inLang("ja", moved);
    expect(ja.message).toBe(
      "payments (cks-1) がこの実行の外で変更された: kcs の想定は DISCONNECTED (クラスター cluster-a) だったが、現在は DISCONNECTED (クラスター cluster-z)。他の誰か (別の kcs、コンソール、自動化) が変更した。kcs は状態を把握できなくなったキーストアには作用しない",
    );
    expect(ja.hint).toBe(
      "kcs doctor でキーストアの現在の状態を確認し、まだ修復が必要なら kcs fix を再実行してください。",
    );
    expect(moved().message).toBe(
      "payments (cks-1) changed outside this run: kcs expected DISCONNECTED on cluster-a, and it is DISCONNECTED on cluster-z; someone else (another kcs, the console, automation) changed it, and kcs does not act on a store it no longer knows",
    );
  });
});

describe("the restore's subnet refusals in Japanese", () => {
  it("says why kcs cannot choose, with the VPC and the one zone it found", async () => {
    const refused = (choice: ReturnType<typeof chooseSubnets>) => ("refused" in choice ? choice.refused : "");
    await inLang("ja", () => {
      expect(refused(chooseSubnets(null, network([])))).toBe(
        "DescribeClusters にクラスターが表示されなくなったため、その VPC がわからない",
      );
      expect(refused(chooseSubnets(cluster(), network([subnet("subnet-0b0b0b0b", "eu-west-1b")])))).toMatch(
        /^VPC vpc-\S+ で空きアドレスが 2 個以上あるサブネットはひとつのアベイラビリティーゾーン \(eu-west-1b\) にしかない。復元するクラスターには 2 つのアベイラビリティーゾーンが必要$/,
      );
      expect(refused(chooseSubnets(cluster(), network([])))).toMatch(
        /どのアベイラビリティーゾーンにもない。/,
      );
    });
  });
});

describe("an XKS repair kcs cannot confirm, in Japanese", () => {
  const action = {
    customKeyStoreId: "cks-x",
    customKeyStoreName: "partner-xks",
    findings: ["XKS_PROXY_DEGRADED", "XKS_KEY_UNUSABLE"],
  } as unknown as PlanAction;

  it("joins the codes with the language's list words", async () => {
    const ja = await inLang("ja", () => unprobed(action, {}));
    expect(ja).toMatch(
      /^partner-xks の XKS プロキシを調べていない \(プローブは実行されていない\) ため、kcs は XKS_PROXY_DEGRADED、XKS_KEY_UNUSABLE の解消を確認できない。/,
    );
    expect(unprobed(action, {})).toBe(
      "partner-xks's XKS proxy was not probed (no probe ran), so kcs cannot confirm XKS_PROXY_DEGRADED and XKS_KEY_UNUSABLE is gone; give kcs fix the proxy's credential in KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY, or run kcs doctor --probe",
    );
  });
});

describe("a disconnect refused because someone else's connect is in progress, in Japanese", () => {
  it("says so and what to do, in both languages", async () => {
    const ctx = {
      clients: {
        kms: {
          send: async () => ({
            CustomKeyStores: [{ CustomKeyStoreId: "cks-1", ConnectionState: "CONNECTING" }],
          }),
        },
      },
      watch: { check: () => undefined },
      now: () => 0,
      sleep: async () => undefined,
    } as unknown as RunContext;
    const action = { customKeyStoreId: "cks-1", runbook: "reconnect", steps: [] } as unknown as PlanAction;
    const refusal = () =>
      ACTIONS["kms.disconnect"]
        .run({ CustomKeyStoreId: "cks-1" }, {} as PlanStep, action, ctx, () => undefined)
        .catch((e: unknown) => e as Error & { hint?: string });
    const ja = (await inLang("ja", refusal)) as Error & { hint?: string };
    expect(ja.message).toBe(
      "キーストアは CONNECTING: 計画の作成後に他の誰かが接続を開始した。kcs は自分が開始していない接続を切断しない",
    );
    expect(ja.hint).toBe(
      "その接続が終わってから kcs doctor を実行し、まだ必要なら kcs fix を再実行してください。",
    );
    const en = (await refusal()) as Error & { hint?: string };
    expect(en.message).toBe(
      "the store is CONNECTING: someone else started a connect since the plan was made, and kcs never disconnects a connect it did not start",
    );
    expect(en.hint).toBe(
      "Run kcs doctor once that connect has ended, then kcs fix again if it is still needed.",
    );
  });
});
