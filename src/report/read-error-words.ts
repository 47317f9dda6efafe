import { doctor as englishDoctor } from "../i18n/en/doctor.js";
import { currentLang } from "../i18n/index.js";
import { sayBack } from "../i18n/templates.js";
import { proxyFailureInRunLanguage } from "./xks-probe-report.js";

/**
 * A failed read's message in the run's language, for a person. The report's JSON keeps the message
 * as the reader wrote it, in English (src/gather/trail-files.ts, src/gather/xks-probe.ts); AWS's own
 * messages and Node's are shown as they are.
 */
export function readErrorInRunLanguage(e: { service: string; message: string }): string {
  if (currentLang() !== "ja") return e.message;
  if (e.service === "xks-proxy") return proxyFailureInRunLanguage(e.message);
  if (e.service === "cloudtrail-files")
    return sayBack(e.message, englishDoctor.trailFile, "doctor.trailFile");
  return e.message;
}
