import { describe, expect, it, vi } from "vitest";
import type { ProgressEvent } from "../../src/remediate/progress.js";
import { withApp } from "../helpers/app.js";
import { inLang } from "../helpers/lang.js";

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

describe("kcs fix's task list in Japanese", () => {
  it("without a terminal: each line names the step in Japanese, with the time left of a wait", async () => {
    await withApp("store-disconnected", "in-process", async (kcs) => {
      const lines: string[] = [];
      const plan = await kcs.plan();
      await inLang("ja", () =>
        kcs.fix(plan, { progress: { renderer: "lines", write: (l) => lines.push(l) } }),
      );
      expect(lines.some((l) => / ▶ \S+ reconnect › カスタムキーストアを接続$/.test(l))).toBe(true);
      expect(
        lines.some((l) => / › キーストアが CONNECTED になるまで待機: [A-Z_]+ \(残り最大 \S+\)$/.test(l)),
      ).toBe(true);
      for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +\+\S+ {2}[▶·✔↷✖] /);
    });
  });

  it("-o json's progress events keep the plan's English titles", async () => {
    await withApp("store-disconnected", "in-process", async (kcs) => {
      const lines: string[] = [];
      const plan = await kcs.plan();
      await inLang("ja", () =>
        kcs.fix(plan, { progress: { renderer: "json", write: (l) => lines.push(l) } }),
      );
      const titles = lines.map((l) => (JSON.parse(l) as ProgressEvent).title);
      expect(titles).toContain("Connect the custom key store");
      expect(titles.some((x) => JAPANESE.test(x))).toBe(false);
    });
  });

  it("the listr2 list (its plain renderer, as on a terminal that cannot redraw) titles actions and steps in Japanese", async () => {
    await withApp("store-disconnected", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      const written: string[] = [];
      const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      try {
        // The helper types the renderers that take a writer; listr2's draws on process.stderr itself.
        const simple = { renderer: "simple", write: () => undefined } as unknown as {
          renderer: "lines";
          write: () => void;
        };
        await inLang("ja", () => kcs.fix(plan, { progress: simple }));
      } finally {
        spy.mockRestore();
      }
      const out = written.join("");
      expect(out).toContain("reconnect (");
      expect(out).toMatch(/reconnect \(\S+ \(cks-[0-9a-f]+\) に適用\)/);
      expect(out).toContain("カスタムキーストアを接続");
      expect(out).toContain("キーストアが CONNECTED になるまで待機");
      expect(out).not.toContain("Connect the custom key store");
    });
  });
});
