import { formatDuration } from "../core/duration.js";
import { printable } from "../core/printable.js";
import { t } from "../i18n/index.js";

/**
 * How a run shows its progress where no live list can be drawn: a log or CI job gets one line per
 * change with the UTC time, the time since the run began and what is left of the wait; `-o json` gets
 * the same as JSON lines (stdout keeps the result alone). The live list (listr2) is for terminals.
 */

export type ProgressEventType = "step-start" | "step-progress" | "step-done" | "step-skipped" | "step-failed";

export interface ProgressEvent {
  kind: "kcs-progress";
  event: ProgressEventType;
  /** UTC, on the run's clock. */
  at: string;
  /** Since the run began. */
  elapsedMs: number;
  customKeyStoreId: string;
  customKeyStoreName: string;
  runbook: string;
  stepId: string;
  title: string;
  /** A wait's last state (ConnectionState, cluster or HSM state). */
  state?: string;
  /** What is left of the wait before its timeout. */
  remainingMs?: number;
  /** What the step saw or did, or why it failed, in one line. */
  detail?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;

/** What a wait knows each time it looks (remediate/actions/poll.ts). */
export interface WaitProgress {
  state: string;
  /** The state as a person reads it, when it is kcs's own words rather than AWS's value. */
  label?: string;
  elapsedMs: number;
  remainingMs: number;
}

const MARK: Record<ProgressEventType, string> = {
  "step-start": "▶",
  "step-progress": "·",
  "step-done": "✔",
  "step-skipped": "↷",
  "step-failed": "✖",
};

/** "+1m02s": time since the run began, as a log reader scans it. */
function since(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 60) return `+${s}s`;
  if (s < 3600) return `+${Math.floor(s / 60)}m${pad(s % 60)}s`;
  return `+${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
}

/** A wait's repeated reads of the same state are one event, not one per poll. */
function onChange(sink: ProgressSink): ProgressSink {
  const lastState = new Map<string, string>();
  return (e) => {
    const key = `${e.customKeyStoreId}/${e.runbook}/${e.stepId}`;
    if (e.event === "step-progress" && e.state !== undefined) {
      if (lastState.get(key) === e.state) return;
      lastState.set(key, e.state);
    }
    sink(e);
  };
}

/** One line per change. */
export function lineSink(write: (line: string) => void): ProgressSink {
  return onChange((e) => {
    const where = `${e.customKeyStoreName} ${e.runbook}`;
    const what =
      e.event === "step-progress"
        ? `${e.title}: ${e.state ?? e.detail ?? ""}${e.remainingMs !== undefined ? t("fix.task.left", { duration: formatDuration(Math.max(0, e.remainingMs)) }) : ""}`
        : `${e.title}${e.detail ? ` — ${e.detail}` : ""}`;
    write(
      printable(
        `${e.at.replace(/\.\d{3}Z$/, "Z")} ${since(e.elapsedMs).padStart(8)}  ${MARK[e.event]} ${where} › ${what}`,
      ),
    );
  });
}

/** One JSON line per change. */
export function jsonSink(write: (line: string) => void): ProgressSink {
  return onChange((e) => write(JSON.stringify(e)));
}
