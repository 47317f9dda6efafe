import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { readErrorInRunLanguage } from "../../src/report/read-error-words.js";
import { inLang } from "../helpers/lang.js";
import { GROUP_ID, network, securityGroup, snapshot, storeIn } from "./fixtures.js";

describe("a security group's missing rules in Japanese", () => {
  it("names them in the detail in Japanese; the evidence keeps the English", async () => {
    const s = snapshot({
      stores: [storeIn("FAILED", "NETWORK_ERRORS")],
      network: network(undefined, { [GROUP_ID]: securityGroup({ inbound: [], outbound: [] }) }),
    });
    const [f] = await inLang("ja", () => diagnose(s));
    expect(f?.detail).toContain("自身からのインバウンド TCP 2223-2225");
    expect(f?.detail).toContain("自身へのアウトバウンド TCP 2223-2225");
    expect(f?.evidence.missingRules).toEqual([
      "inbound TCP 2223-2225 from itself",
      "outbound TCP 2223-2225 to itself",
    ]);
    expect(diagnose(s)[0]?.detail).toContain("inbound TCP 2223-2225 from itself");
  });
});

describe("a CloudTrail log file that was not counted, as a person reads it", () => {
  const e = (message: string) => ({ service: "cloudtrail-files", message });
  it("says why in the run's language; the report's message stays as trail-files wrote it", async () => {
    const big = e(
      "/trail/a.json.gz: not a CloudTrail log file (larger than 50 MB); its events are not counted",
    );
    expect(readErrorInRunLanguage(big)).toBe(big.message);
    await inLang("ja", () => {
      expect(readErrorInRunLanguage(big)).toBe(
        "/trail/a.json.gz: CloudTrail のログファイルではありません (50 MB を超えています)。そのイベントは数えていません",
      );
      expect(readErrorInRunLanguage(e("/trail/b.json: cannot be read; its events are not counted"))).toBe(
        "/trail/b.json: 読み取れません。そのイベントは数えていません",
      );
      expect(
        readErrorInRunLanguage(
          e('/trail/c.json: not a CloudTrail log file (no "Records" list); its events are not counted'),
        ),
      ).toBe(
        '/trail/c.json: CloudTrail のログファイルではありません ("Records" のリストがありません)。そのイベントは数えていません',
      );
      // AWS's own words are not kcs's to translate.
      expect(readErrorInRunLanguage({ service: "kms", message: "Rate exceeded" })).toBe("Rate exceeded");
    });
  });
});
