// Issue 12, item 3: progress for people and machines, and results that name what a run made and when.
import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../../src/remediate/progress.js";
import { withApp } from "../helpers/app.js";

describe("kcs fix's progress and result", () => {
  it("outcomes carry when each step ran and the ids of what it created (the restored cluster, its HSMs)", async () => {
    await withApp("cluster-not-found", "in-process", async (kcs) => {
      const { result, problem } = await kcs.fix(await kcs.plan());
      expect(problem).toBeUndefined();
      const created = result.outcomes.flatMap((o) => o.created ?? []);
      const world = kcs.h.world();
      const restored = world.clusters.filter((c) => c.SourceBackupId && c.State !== "DELETED");
      expect(created.filter((r) => r.type === "cluster").map((r) => r.id)).toEqual(
        restored.map((c) => c.ClusterId),
      );
      expect(
        created
          .filter((r) => r.type === "hsm")
          .map((r) => r.id)
          .sort(),
      ).toEqual(restored[0]!.Hsms.map((h) => h.HsmId).sort());
      for (const o of result.outcomes.filter((x) => x.status === "done")) {
        expect(Date.parse(o.startedAt!)).toBeLessThanOrEqual(Date.parse(o.endedAt!));
      }
      // The waits took simulated minutes: the times are the run's clock, not the test's.
      const first = result.outcomes[0]!;
      const last = result.outcomes.at(-1)!;
      expect(Date.parse(last.endedAt!) - Date.parse(first.startedAt!)).toBeGreaterThan(60_000);
    });
  });

  it("-o json streams one JSON event per change, never one per poll", async () => {
    await withApp("store-disconnected", "in-process", async (kcs) => {
      const lines: string[] = [];
      const { result } = await kcs.fix(await kcs.plan(), {
        progress: { renderer: "json", write: (l) => lines.push(l) },
      });
      expect(result.ok).toBe(true);
      const events = lines.map((l) => JSON.parse(l) as ProgressEvent);
      expect(events.every((e) => e.kind === "kcs-progress")).toBe(true);
      const steps = result.outcomes.length;
      expect(events.filter((e) => e.event === "step-start")).toHaveLength(steps);
      expect(events.filter((e) => e.event === "step-done" || e.event === "step-skipped")).toHaveLength(steps);
      const waits = events.filter((e) => e.event === "step-progress" && e.state !== undefined);
      expect(waits.length).toBeGreaterThan(0);
      expect(waits.every((e) => typeof e.remainingMs === "number" && Number.isFinite(Date.parse(e.at)))).toBe(
        true,
      );
      const perStep = waits.map((e) => `${e.stepId} ${e.state}`);
      expect(new Set(perStep).size).toBe(perStep.length);
    });
  });

  it("without a terminal: one timestamped line per state change, with elapsed and remaining time", async () => {
    await withApp("store-disconnected", "in-process", async (kcs) => {
      const lines: string[] = [];
      await kcs.fix(await kcs.plan(), { progress: { renderer: "lines", write: (l) => lines.push(l) } });
      const states = lines.filter((l) => / › .*: [A-Z_]+ \(at most /.test(l));
      expect(states.length).toBeGreaterThan(0);
      // A state is printed when it changes, not at every poll.
      const said = states.map((l) => l.replace(/^.* › /, "").replace(/ \(at most.*$/, ""));
      expect(new Set(said).size).toBe(said.length);
      for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +\+\S+ {2}[▶·✔↷✖] /);
    });
  });
});
