import { t } from "../i18n/index.js";
import { UsageError } from "./errors.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `250ms`, `15s`, `20m`, `1h`, `2d` (or a bare number of seconds) into milliseconds. */
export function parseDuration(
  text: string,
  flag: string,
  bounds: { min?: number; max?: number } = {},
): number {
  const m = /^(\d{1,9}(?:\.\d{1,6})?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(t("errors.duration.notADuration", { flag, text: text.slice(0, 40) }));
  const ms = Math.round(Number(m[1]) * UNITS[m[2] ?? "s"]!);
  // A zero poll interval spins, a zero timeout gives up before looking: both are mistakes, not settings.
  if (bounds.min !== undefined && ms < bounds.min)
    throw new UsageError(t("errors.duration.tooShort", { flag, min: formatDuration(bounds.min), text }));
  if (bounds.max !== undefined && ms > bounds.max)
    throw new UsageError(t("errors.duration.tooLong", { flag, max: formatDuration(bounds.max), text }));
  return ms;
}

/** The bounds of every duration flag: each one's floor and ceiling, in one place. */
export const DURATION_FLAGS = {
  "--poll-interval": { min: 10, max: 10 * 60_000 },
  "--timeout": { min: 1_000, max: 24 * 3_600_000 },
  "--max-time": { min: 1_000, max: 24 * 3_600_000 },
  "--request-timeout": { min: 100, max: 10 * 60_000 },
  // CloudTrail keeps 90 days; less than a day would hide a recent DeleteKey without saying so.
  "--since": { min: 86_400_000, max: 90 * 86_400_000 },
} as const;

export type DurationFlag = keyof typeof DURATION_FLAGS;

/** A function: the reasons are in the run's language. */
const ceilingReasons = (): Partial<Record<DurationFlag, string>> => ({
  "--since": t("errors.duration.cloudTrailKeeps"),
});

/** A duration flag's value, held to that flag's bounds. */
export function durationFlag(text: string, flag: DurationFlag): number {
  const ms = parseDuration(text, flag, { min: DURATION_FLAGS[flag].min });
  // A ceiling with a reason outside kcs says the reason: --since 400d is not kcs being stingy.
  if (ms > DURATION_FLAGS[flag].max) {
    const max = formatDuration(DURATION_FLAGS[flag].max);
    const reason = ceilingReasons()[flag];
    throw new UsageError(
      reason === undefined
        ? t("errors.duration.tooLong", { flag, max, text })
        : t("errors.duration.tooLongBecause", { flag, max, reason, text }),
    );
  }
  return ms;
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
