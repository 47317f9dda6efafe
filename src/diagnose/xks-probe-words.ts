import { doctor as englishDoctor } from "../i18n/en/doctor.js";
import { currentLang } from "../i18n/index.js";
import { sayBack } from "../i18n/templates.js";

/**
 * A probe's words in the run's language. A snapshot keeps what the probe saw (why it skipped a store,
 * a call's message) in English, as src/gather/xks-probe.ts and the transports wrote it: a snapshot
 * saved in one language reads in the other. The English catalog's templates (doctor.probe) read them
 * back; a message no template wrote (the proxy's own errorMessage, Node's socket errors) stays as it is.
 */
const WORDS = englishDoctor.probe;

/** A call's message, in the run's language. */
export const probeMessageInRunLanguage = (message: string) =>
  sayBack(message, WORDS.message, "doctor.probe.message");

/** Why a probe skipped a store, in the run's language. */
export const skippedInRunLanguage = (reason: string) =>
  sayBack(reason, WORDS.skipped, "doctor.probe.skipped");

/**
 * One call's summary ("http-error 500 InternalException 12 ms (message)", callSummary in ./xks.ts)
 * with its message in the run's language; the outcome, status, error name and latency stay as they are.
 */
export function callInRunLanguage(summary: string): string {
  if (currentLang() !== "ja") return summary;
  const m = /^(.*? ms) \((.*)\)$/.exec(summary);
  return m ? `${m[1]} (${probeMessageInRunLanguage(m[2]!)})` : summary;
}
