import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/cli/display-width.js";
import { renderScenariosMarkdown } from "../../src/cli/views/markdown/sim.js";
import { styleFor } from "../../src/cli/views/style.js";
import { describeFaults, renderScenarios } from "../../src/cli/views/text/sim.js";
import { en } from "../../src/i18n/en/index.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { DEFAULT_FAULTS } from "../../src/sim/world.js";
import { inLang } from "../helpers/lang.js";

const plain = styleFor(false);
const list = SCENARIOS.map((s) => ({ name: s.name, description: s.description, findings: s.findings }));

describe("kcs sim's views in Japanese", () => {
  it("the English catalog repeats every scenario's own description, so neither drifts", () => {
    expect(en.sim.scenario).toEqual(Object.fromEntries(SCENARIOS.map((s) => [s.name, s.description])));
  });

  it("scenarios: Japanese descriptions and headings, the description column aligned", async () => {
    const english = renderScenarios(list, plain);
    expect(english).toContain(SCENARIOS[0]!.description);
    const text = await inLang("ja", () => renderScenarios(list, plain));
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^シナリオ +説明$/);
    expect(text).toContain("invalid-credentials");
    expect(text).toContain("キーストアが切断されている間に HSM 上で kmsuser のパスワードが変更された");
    // Each description starts at the same display column as the 説明 heading.
    const column = displayWidth(lines[0]!.slice(0, lines[0]!.indexOf("説明")));
    for (const line of lines.slice(1, SCENARIOS.length + 1)) {
      const start = line.search(/\s{2,}\S/) + line.slice(line.search(/\s{2,}\S/)).search(/\S/);
      expect(displayWidth(line.slice(0, start)), line).toBe(column);
    }
    const md = await inLang("ja", () => renderScenariosMarkdown(list));
    expect(md.split("\n")[0]).toBe("| シナリオ | 内容 | doctor の検出結果 |");
  });

  it("a scenario the catalog does not know shows its own description", async () => {
    const own = [{ name: "my-world", description: "A world of my own", findings: [] }];
    expect(await inLang("ja", () => renderScenarios(own, plain))).toContain("A world of my own");
  });

  it("faults", async () => {
    const faults = { ...DEFAULT_FAULTS, accessDenied: ["cloudtrail:LookupEvents"], latencyMs: 50 };
    expect(describeFaults(faults)).toBe("quotas on, latency 50ms, access denied: cloudtrail:LookupEvents");
    expect(await inLang("ja", () => describeFaults(faults))).toBe(
      "クォータ有効, レイテンシー 50ms, アクセス拒否: cloudtrail:LookupEvents",
    );
  });
});
