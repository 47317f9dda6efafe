import { UsageError } from "./errors.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `250ms`, `15s`, `20m`, `1h`, `2d` (or a bare number of seconds) into milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} takes a duration like 250ms, 15s, 20m or 1h; got '${text}'.`);
  return Math.round(Number(m[1]) * UNITS[m[2] ?? "s"]!);
}

/** Two units at most (`1m30s`, `2h5m`), each part rounded before it is split so no part reads 60. */
function twoUnits(value: number, per: number, big: string, small: string): string {
  const whole = Math.floor(value / per);
  const rest = value % per;
  return rest ? `${whole}${big}${rest}${small}` : `${whole}${big}`;
}

/** A duration for people: 250ms, 2.5s, 45s, 1m30s, 2h5m, 3d4h. */
export function formatDuration(ms: number): string {
  const millis = Math.round(ms);
  if (millis < 1000) return `${millis}ms`;
  const tenths = Math.round(millis / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)}s`;
  const seconds = Math.round(millis / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return twoUnits(seconds, 60, "m", "s");
  const minutes = Math.round(seconds / 60);
  if (minutes < 1440) return twoUnits(minutes, 60, "h", "m");
  return twoUnits(Math.round(minutes / 60), 24, "d", "h");
}
