import { describe, expect, it } from "vitest";
import { viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { plan as englishPlan } from "../../src/i18n/en/plan.js";
import { commandInRunLanguage, noteInRunLanguage } from "../../src/remediate/plan-words.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { withApp } from "../helpers/app.js";
import { inLang } from "../helpers/lang.js";

const PLAIN = styleFor(false);
/** Japanese script: hiragana, katakana, CJK ideographs. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
/** What only the operator knows for some runbooks, given as kcs fix --param would. */
const PARAMS: Record<string, Record<string, string>> = {
  "xks-invalid-configuration": { XksProxyUriPath: "/acme-v2/kms/xks/v1" },
};
/** Findings only a probe of the proxy shows (KMS says CONNECTED). */
const PROBE_ONLY = new Set(["xks-degraded", "xks-key-unusable"]);

describe("a plan's notes and its commands' # comments in the run's language", () => {
  it.each(SCENARIOS.map((s) => [s.name] as const))(
    "%s: every note and comment the planner writes reads in Japanese, and in English as written",
    (name) =>
      withApp(name, "in-process", async (kcs) => {
        const plan = await kcs.plan(
          { includeWarnings: true, params: PARAMS[name] ?? {} },
          { probe: PROBE_ONLY.has(name) },
        );
        const lines = plan.actions.flatMap((a) =>
          a.steps.flatMap((s) => [...(s.commands ?? []), ...(s.legacyCommands ?? [])]),
        );
        const comments = lines.filter((l) => /(^|\s{2})# /.test(l));
        for (const line of [...comments, ...(plan.notes ?? [])]) {
          expect(commandInRunLanguage(line)).toBe(line);
          expect(noteInRunLanguage(line)).toBe(line);
        }
        await inLang("ja", () => {
          for (const line of comments) {
            const said = commandInRunLanguage(line);
            // The command before the comment is kept byte for byte.
            expect(said.slice(0, said.indexOf("# ")), line).toBe(line.slice(0, line.indexOf("# ")));
            expect(said.slice(said.indexOf("# ")), line).toMatch(JAPANESE);
          }
          for (const note of plan.notes ?? []) expect(noteInRunLanguage(note), note).toMatch(JAPANESE);
          // No English placeholder is left where a secret goes; the rest of the command is as written.
          for (const line of lines) {
            const said = commandInRunLanguage(line);
            for (const english of Object.values(englishPlan.placeholder)) {
              expect(said, line).not.toContain(english);
              if (line.includes(english)) expect(said, line).toMatch(JAPANESE);
            }
          }
        });
      }),
  );

  it("a secret's placeholder reads in the run's language, in the CloudHSM CLI and legacy commands alike", async () => {
    const legacy = `changePswd CU kmsuser ${englishPlan.placeholder.newKmsuserPassword}`;
    expect(commandInRunLanguage(legacy)).toBe(legacy);
    await inLang("ja", () => {
      expect(commandInRunLanguage(legacy)).toBe("changePswd CU kmsuser <kmsuser の新しいパスワード>");
      expect(commandInRunLanguage("loginHSM CO admin <admin password>")).toBe(
        "loginHSM CO admin <admin のパスワード>",
      );
      expect(commandInRunLanguage("loginHSM -u CU -s kmsuser -p <the new kmsuser password>   # no MFA")).toBe(
        "loginHSM -u CU -s kmsuser -p <kmsuser の新しいパスワード>   # no MFA",
      );
    });
  });

  it("a dry run in Japanese (insufficient-free-addresses-in-subnet: two notes and a CloudHSM CLI block); the plan's JSON stays English", () =>
    withApp("insufficient-free-addresses-in-subnet", "in-process", async (kcs) => {
      const plan = await kcs.plan({ includeWarnings: false, params: {} }, {});
      const json = JSON.stringify(plan);
      const text = await inLang("ja", async () => (await viewFor("text")).plan(plan, PLAIN, true));
      await expect(text).toMatchFileSnapshot("__snapshots__/plan-ja-insufficient-free-addresses.txt");
      const markdown = await inLang("ja", async () => (await viewFor("markdown")).plan(plan, PLAIN, true));
      expect(markdown).toContain(
        "> **この計画に含まれないもの:** payments-cks: restore-cluster-to-new-subnets は、削除済みまたは空きのないクラスター自身のサブネットの代わりに subnet-",
      );
      expect(markdown).toMatch(/^# クラスター \S+ のクライアントインスタンスで実行$/m);
      expect(JSON.stringify(plan)).toBe(json);
      expect(plan.notes?.[0]).toMatch(/in place of the cluster's own subnet there, which is gone or full/);
      const english = (await viewFor("text")).plan(plan, PLAIN, true);
      expect(english).toMatch(/^ {10}# on a client instance of cluster \S+$/m);
      expect(english).toContain("# enter the new kmsuser password when asked");
      expect(english).toMatch(
        /^Not in this plan: payments-cks: restore-cluster-to-new-subnets restores into/m,
      );
    }));

  it("leaves words that are no template's (a plan from another kcs) as they are", async () => {
    await inLang("ja", () => {
      expect(noteInRunLanguage("store: something else")).toBe("store: something else");
      expect(commandInRunLanguage("logout   # goodbye")).toBe("logout   # goodbye");
      expect(commandInRunLanguage("curl -w '%{http_code}' https://x")).toBe(
        "curl -w '%{http_code}' https://x",
      );
    });
  });

  it("reads the short list of lost keys and the subnets back item by item", async () => {
    const loss =
      "s: restoring backup-1 loses the key material of 5 key(s) created after it (k1, k2, k3 and 2 more), as --param AcceptKeyLoss=yes accepts";
    const taken =
      "s: rb restores into subnet-a (eu-west-1a, 240 free addresses), subnet-b (eu-west-1b, 12 free addresses) in place of the cluster's own subnets there, which are gone or full; --param SubnetIds chooses others";
    await inLang("ja", () => {
      expect(noteInRunLanguage(loss)).toBe(
        "s: backup-1 から復元すると、その後に作成された 5 個のキー (k1, k2, k3 ほか 2 個) のキーマテリアルが完全に失われます (--param AcceptKeyLoss=yes で了承済み)",
      );
      expect(noteInRunLanguage(taken)).toBe(
        "s: rb は、削除済みまたは空きのないクラスター自身のサブネットの代わりに subnet-a (eu-west-1a、空きアドレス 240 個)、subnet-b (eu-west-1b、空きアドレス 12 個) に復元します。別のサブネットは --param SubnetIds で選べます",
      );
    });
  });
});

describe("the planner's refusals in the run's language", () => {
  it("xks-invalid-configuration without --param: the refusal (and the reason xks-uri gives) in Japanese; English as before", () =>
    withApp("xks-invalid-configuration", "in-process", async (kcs) => {
      const english = await kcs
        .plan({ includeWarnings: true, params: {} }, {})
        .catch((e: Error) => e.message);
      expect(english).toMatch(
        /^Cannot plan correct-xks-proxy-uri for partner-xks \(cks-\w+\): kcs cannot learn where the proxy listens: name the right one with --param XksProxyUriPath=\/…\/kms\/xks\/v1 and\/or --param XksProxyUriEndpoint=https:\/\/host \(the proxy's documentation has them\)$/,
      );
      const japanese = await inLang("ja", () =>
        kcs.plan({ includeWarnings: true, params: {} }, {}).catch((e: Error) => e.message),
      );
      expect(japanese).toMatch(
        /^correct-xks-proxy-uri を partner-xks \(cks-\w+\) に計画できません: kcs はプロキシの待ち受け先を知ることができない: --param XksProxyUriPath=\/…\/kms\/xks\/v1 と --param XksProxyUriEndpoint=https:\/\/host の一方または両方で正しい値を指定してください \(プロキシのドキュメントに記載されています\)$/,
      );
    }));

  it("cluster-not-found with an HSM type CloudHSM does not offer", () =>
    withApp("cluster-not-found", "in-process", async (kcs) => {
      const req = { includeWarnings: false, params: { HsmType: "hsm9.huge" } };
      const english = await kcs.plan(req, {}).catch((e: Error) => e.message);
      expect(english).toMatch(
        /^Cannot plan restore-cluster-from-backup for payments-cks \(cks-\w+\): --param HsmType=hsm9\.huge is not an HSM type CloudHSM offers \(hsm1\.medium, hsm2m\.medium\)$/,
      );
      const japanese = await inLang("ja", () => kcs.plan(req, {}).catch((e: Error) => e.message));
      expect(japanese).toMatch(
        /^restore-cluster-from-backup を payments-cks \(cks-\w+\) に計画できません: --param HsmType=hsm9\.huge は CloudHSM が提供する HSM タイプ \(hsm1\.medium, hsm2m\.medium\) ではありません$/,
      );
    }));
});
