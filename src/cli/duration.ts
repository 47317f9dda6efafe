import { UsageError } from "./errors.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `250ms`, `15s`, `20m`, `1h`, `2d` (or a bare number of seconds) into milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} takes a duration like 250ms, 15s, 20m or 1h; got '${text}'.`);
  return Math.round(Number(m[1]) * UNITS[m[2] ?? "s"]!);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  if (ms < 3_600_000)
    return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`.replace(/m0s$/, "m");
  if (ms < 86_400_000)
    return `${Math.floor(ms / 3_600_000)}h${Math.round((ms % 3_600_000) / 60_000)}m`.replace(/h0m$/, "h");
  return `${Math.floor(ms / 86_400_000)}d${Math.round((ms % 86_400_000) / 3_600_000)}h`.replace(/d0h$/, "d");
}
