import { DeleteHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { FixResultSchema } from "../../src/app/fix-result-schema.js";
import { ManualOperator } from "../../src/backend/manual-operator.js";
import { Secret } from "../../src/core/secret.js";
import type { Lang } from "../../src/i18n/lang.js";
import { ACTIONS } from "../../src/remediate/actions/index.js";
import type { ProgressEvent } from "../../src/remediate/progress.js";
import { type App, withApp } from "../helpers/app.js";
import { inLang } from "../helpers/lang.js";

/**
 * kcs fix's steps as they run, in Japanese: what each step did, why one was skipped (status
 * "skipped" in JSON whatever the language), why one stopped the run. English is what it always was.
 */

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

async function deleteHsms(kcs: App, count: number) {
  const cluster = (await kcs.h.clients.cloudhsm.send(new DescribeClustersCommand({}))).Clusters![0]!;
  for (const h of (cluster.Hsms ?? []).slice(0, count))
    await kcs.h.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: cluster.ClusterId, HsmId: h.HsmId }));
  kcs.h.clock.advance(10 * 60_000);
}

/** The fix result as -o json prints it, read back through its schema. */
const asJson = (result: unknown) => FixResultSchema.parse(JSON.parse(JSON.stringify(result)));

describe("a skipped step, in either language", () => {
  const skippedReconnect = async (lang: Lang) => {
    let details: string[] = [];
    await withApp("invalid-credentials", "in-process", async (kcs) => {
      // add-hsms alone on a store FAILED with INVALID_CREDENTIALS: its reconnect is the password runbook's.
      await deleteHsms(kcs, 1);
      const plan = await kcs.plan({ findings: ["INSUFFICIENT_HSMS"] });
      const events: ProgressEvent[] = [];
      const { result } = await inLang(lang, () =>
        kcs.fix(plan, {
          password: undefined,
          progress: { renderer: "json", write: (l) => events.push(JSON.parse(l) as ProgressEvent) },
        }),
      );
      expect(result.ok).toBe(true);
      const json = asJson(result);
      const skips = json.outcomes.filter((o) => o.status === "skipped");
      expect(skips.length).toBeGreaterThan(0);
      // The progress events say the same, as step-skipped, with the worded detail.
      const skipEvents = events.filter((e) => e.event === "step-skipped");
      expect(skipEvents.map((e) => e.detail)).toEqual(skips.map((o) => o.detail));
      details = skips.map((o) => o.detail);
    });
    return details;
  };

  it("keeps status skipped in the JSON result in English, with the detail as before", async () => {
    expect(await skippedReconnect("en")).toContain(
      "skipped: the store is FAILED with INVALID_CREDENTIALS; rotate-kmsuser-password reconnects it",
    );
  });

  it("keeps status skipped in the JSON result in Japanese, its detail in Japanese", async () => {
    const details = await skippedReconnect("ja");
    expect(details).toContain(
      "スキップ: キーストアは INVALID_CREDENTIALS で FAILED。再接続は rotate-kmsuser-password が行う",
    );
    for (const d of details) expect(d).not.toMatch(/skipped/);
  });
});

describe("the task list's step results in Japanese", () => {
  it("words every result of the invalid-credentials repair in Japanese; states, codes and ids stay", async () => {
    await withApp("invalid-credentials", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      const events: ProgressEvent[] = [];
      const { result } = await inLang("ja", () =>
        kcs.fix(plan, {
          progress: { renderer: "json", write: (l) => events.push(JSON.parse(l) as ProgressEvent) },
        }),
      );
      expect(result.ok).toBe(true);
      const detail = Object.fromEntries(result.outcomes.map((o) => [o.stepId, o.detail]));
      expect(detail).toMatchObject({
        disconnect: "切断前は FAILED (INVALID_CREDENTIALS)",
        "set-kmsuser-password": "user change-password --username kmsuser --role crypto-user: 完了",
        "update-store-password": "KeyStorePassword ********",
        connect: "CONNECTING に移行",
        verify: "INVALID_CREDENTIALS は解消",
      });
      expect(Object.values(detail).filter((d) => /になるまで/.test(d))).toHaveLength(2);
      for (const d of Object.values(detail)) expect(d).not.toMatch(/\bwas |\bafter |\bgone\b|\bdone\b/);
      // A wait's progress event keeps AWS's state: JSON does not change with the language.
      const states = events.filter((e) => e.event === "step-progress").map((e) => e.state);
      expect(states).toContain("CONNECTED");
      expect(states.some((s) => s !== undefined && JAPANESE.test(s))).toBe(false);
    });
  });

  it("shows a wait's own summary of HSMs in Japanese on the line, and keeps it English in JSON", async () => {
    await withApp("no-active-hsms", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      const lines: string[] = [];
      const events: ProgressEvent[] = [];
      await inLang("ja", () =>
        kcs.fix(plan, { progress: { renderer: "lines", write: (l) => lines.push(l) } }),
      );
      expect(
        lines.some((l) => /: アクティブな HSM のある AZ \d+ 個、作成中 \d+ 個 \(残り最大 /.test(l)),
      ).toBe(true);
      expect(lines.some((l) => /— アクティブな HSM のある AZ 2 個、作成中 \d+ 個 になるまで /.test(l))).toBe(
        true,
      );
      expect(lines.join("\n")).not.toMatch(/AZ\(s\)|attempt| after /);
      await withApp("no-active-hsms", "in-process", async (again) => {
        const p = await again.plan();
        await inLang("ja", () =>
          again.fix(p, {
            progress: { renderer: "json", write: (l) => events.push(JSON.parse(l) as ProgressEvent) },
          }),
        );
      });
      expect(events.map((e) => e.state)).toContain("2 AZ(s) with an ACTIVE HSM, 0 creating");
    });
  });
});

describe("what the simulated person did on an XKS proxy, in Japanese", () => {
  it.each([
    ["xks-tls", /^有効な証明書をインストール \(以前: .+\)$/],
    ["xks-access-denied", /^プロキシの認可ルールで KMS を許可$/],
    ["xks-not-reachable", /^プロキシをオンラインに復帰/],
  ] as const)("%s: the manual step's result is Japanese", async (scenario, said) => {
    await withApp(scenario, "in-process", async (kcs) => {
      const plan = await kcs.plan({ includeWarnings: true });
      const { result } = await inLang("ja", () => kcs.fix(plan));
      expect(result.ok).toBe(true);
      const manual = plan.actions[0]!.steps.find((s) => s.kind === "manual")!;
      expect(result.outcomes.find((o) => o.stepId === manual.id)?.detail).toMatch(said);
    });
  });
});

describe("a step that stops the run, in Japanese", () => {
  const connectingRefusal = async (lang: Lang) => {
    let said = { problem: "", detail: undefined as string | undefined };
    await withApp("internal-error", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      const id = kcs.h.world().stores[0]!.CustomKeyStoreId;
      // Meanwhile, at the console: disconnect, then connect again.
      await kcs.h.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      kcs.h.clock.advance(60_000);
      await kcs.h.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      const { problem, result } = await inLang(lang, () => kcs.fix(plan));
      const failed = result.outcomes.find((o) => o.status === "failed");
      said = { problem: problem!.replace(/cks-[0-9a-f]+/g, "<id>"), detail: failed?.detail };
    });
    return said;
  };

  it("says why in one Japanese line, with the state and what to do", async () => {
    const { problem, detail } = await connectingRefusal("ja");
    expect(problem).not.toContain("\n");
    expect(problem).toMatchInlineSnapshot(
      `"payments-cks の reconnect のステップ disconnect が失敗しました: payments-cks (<id>) がこの実行の外で変更された: kcs の想定は FAILED (INTERNAL_ERROR) だったが、現在は CONNECTING。他の誰かが接続を開始した。kcs は自分が開始していない接続を切断しない。キーストアは現在 CONNECTING です。kcs doctor でキーストアの現在の状態を確認し、まだ修復が必要なら kcs fix を再実行してください。"`,
    );
    expect(detail).toMatch(/^payments-cks \(cks-[0-9a-f]+\) がこの実行の外で変更された/);
  });

  it("says it in English as before", async () => {
    const { problem } = await connectingRefusal("en");
    expect(problem).toMatch(
      /changed outside this run: kcs expected .*, and it is CONNECTING; someone else started a connect, and kcs never disconnects a connect it did not start\./,
    );
  });

  it("gives the runbook's own advice in Japanese when a wait ends in the failure the runbook foresaw", async () => {
    await withApp("invalid-credentials", "in-process", async (kcs) => {
      // The person confirms the HSM step without doing it: the connect ends INVALID_CREDENTIALS again.
      const saidYes = new ManualOperator(async () => undefined);
      const plan = await kcs.plan();
      const { problem } = await inLang("ja", () =>
        kcs.fix(plan, { operator: saidYes, password: new Secret("NotTheRightOne1") }),
      );
      expect(problem).not.toContain("\n");
      expect(problem).toMatch(
        /^\S+ の rotate-kmsuser-password のステップ wait-connected が失敗しました: 接続が INVALID_CREDENTIALS で FAILED になった。キーストアは現在 FAILED \(INVALID_CREDENTIALS\) です。再び INVALID_CREDENTIALS の場合、HSM のパスワードは kcs に渡したものと違います。/,
      );
      // Japanese sentences follow one another without a space, and the advice already says to run kcs fix again.
      expect(problem).not.toMatch(/。 /);
      expect(problem).not.toContain("kcs fix を再実行すると");
      expect(problem).not.toMatch(/[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+/);
    });
  });

  it("words a step input's own refusal in the run's language (the proxy URI step that changes nothing)", async () => {
    const refusal = () =>
      ACTIONS["kms.update-xks-uri"].input.safeParse({ CustomKeyStoreId: "cks-1" }).error?.issues[0]?.message;
    expect(await inLang("ja", refusal)).toBe(
      "新しい XksProxyUriPath も新しい XksProxyUriEndpoint も指定していない",
    );
    expect(refusal()).toBe("names neither a new XksProxyUriPath nor a new XksProxyUriEndpoint");
  });
});
