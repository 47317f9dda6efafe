import { callSummary } from "../diagnose/xks.js";
import {
  callInRunLanguage,
  probeMessageInRunLanguage,
  skippedInRunLanguage,
} from "../diagnose/xks-probe-words.js";
import type { XksProbe } from "../gather/snapshot.js";
import { doctor as englishDoctor } from "../i18n/en/doctor.js";
import { currentLang, t } from "../i18n/index.js";
import { english, readBack, say } from "../i18n/templates.js";

/**
 * A value of the probe's evidence (probe, probeHealth, slowest), which a finding's JSON keeps in
 * English, as a person reads it in the run's language. Other fields are returned as they are.
 */
export function probeEvidenceInRunLanguage(field: string, value: string): string {
  if (currentLang() !== "ja") return value;
  if (field === "probe") {
    const skipped = /^skipped: (.*)$/.exec(value);
    return skipped ? t("doctor.probe.skippedEvidence", { reason: skippedInRunLanguage(skipped[1]!) }) : value;
  }
  if (field === "probeHealth") return callInRunLanguage(value);
  if (field === "slowest") {
    const m = /^(\w+): (.*)$/.exec(value);
    return m ? `${m[1]}: ${callInRunLanguage(m[2]!)}` : value;
  }
  return value;
}

/** A failed read of a proxy (service xks-proxy), whose message the report's JSON keeps in English. */
export function proxyFailureInRunLanguage(message: string): string {
  if (currentLang() !== "ja") return message;
  const m = readBack(message, englishDoctor.probe.failure);
  if (!m) return message;
  // The proxy's ": message" after "not an XKS answer" is the probe's own (src/gather/xks-probe.ts).
  const said = /^: (.*)$/.exec(m.values.message ?? "");
  const values = said ? { ...m.values, message: `: ${probeMessageInRunLanguage(said[1]!)}` } : m.values;
  return say(`doctor.probe.failure.${m.key}`, values);
}

const WORDS = englishDoctor.probe;

/**
 * One line of what doctor --probe did with an external store's proxy, for the store's entry: the
 * health call, the key managers and how many external keys were described, or why nothing was called.
 * English, as every field of the report's JSON but the findings' title and detail; a view says it in
 * the run's language with probeDetailInRunLanguage.
 */
export function probeReport(p: XksProbe): { status: "probed" | "skipped"; detail: string } {
  if (p.skipped) return { status: "skipped", detail: p.skipped };
  const parts: string[] = [];
  if (p.health) parts.push(english(WORDS.health, { summary: callSummary(p.health) }));
  const managers = p.health?.keyManagers ?? [];
  if (managers.length)
    parts.push(
      english(WORDS.keyManagers, { managers: managers.map((m) => `${m.id} ${m.healthStatus}`).join(", ") }),
    );
  const keys = p.keys ?? [];
  const slowest = keys.reduce((n, k) => Math.max(n, k.latencyMs), 0);
  parts.push(
    keys.length === 0
      ? WORDS.noKeys
      : english(keys.length === 1 ? WORDS.keys_one : WORDS.keys_other, {
          count: keys.length,
          answered: keys.filter((k) => k.outcome === "ok").length,
          ms: Math.round(slowest),
        }),
  );
  return { status: "probed", detail: parts.join(WORDS.join) };
}

/** The parts of a probed store's line, each read back by its template. */
const PARTS = {
  health: WORDS.health,
  keyManagers: WORDS.keyManagers,
  keys_one: WORDS.keys_one,
  keys_other: WORDS.keys_other,
};

/** A store's probe line (probeReport's detail) in the run's language. */
export function probeDetailInRunLanguage(probe: { status: "probed" | "skipped"; detail: string }): string {
  if (currentLang() !== "ja") return probe.detail;
  if (probe.status === "skipped") return skippedInRunLanguage(probe.detail);
  return probe.detail
    .split(WORDS.join)
    .map((part) => {
      if (part === WORDS.noKeys) return t("doctor.probe.noKeys");
      const m = readBack(part, PARTS);
      if (!m) return part;
      if (m.key === "health")
        return t("doctor.probe.health", { summary: callInRunLanguage(m.values.summary!) });
      if (m.key === "keyManagers") return t("doctor.probe.keyManagers", { managers: m.values.managers! });
      return t("doctor.probe.keys", {
        count: Number(m.values.count),
        answered: Number(m.values.answered),
        ms: Number(m.values.ms),
      });
    })
    .join(t("doctor.probe.join"));
}
