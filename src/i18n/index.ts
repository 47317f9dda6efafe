import i18next, { type TFunction } from "i18next";
import { en } from "./en/index.js";
import type { Lang } from "./lang.js";
import type { Translation } from "./translation.js";

/**
 * kcs's words, through i18next: typed keys (./types.ts), plural forms by CLDR rule, lists by
 * Intl.ListFormat. English is bundled; Japanese is read only when a run asks for it (./ja-catalog.ts),
 * so an English run pays nothing for it.
 */
const i18n = i18next.createInstance();
let started = false;

function start(): void {
  if (started) return;
  started = true;
  i18n.init({
    lng: "en",
    // A key a translation lacks reads in English rather than as its key (a test keeps this from happening).
    fallbackLng: "en",
    ns: ["kcs"],
    defaultNS: "kcs",
    resources: { en: { kcs: en } },
    initAsync: false,
    // kcs writes to terminals and files, not HTML; src/core/printable.ts makes names safe to print.
    interpolation: { escapeValue: false },
  });
}

/** The message `key` in the run's language, with its {{placeholders}} filled. */
export const t = ((...args: unknown[]) => {
  start();
  // i18next's overloads cannot be forwarded through one rest parameter; the cast below restores them.
  return (i18n.t as unknown as (...a: unknown[]) => string)(...args);
}) as unknown as TFunction<"kcs">;

/** The language messages are in now. */
export function currentLang(): Lang {
  start();
  return i18n.language === "ja" ? "ja" : "en";
}

/** Every message from now on in `lang`; Japanese is loaded on first use. */
export async function useLang(lang: Lang): Promise<void> {
  start();
  if (lang === "ja" && !i18n.hasResourceBundle("ja", "kcs")) {
    const { ja } = await import("./ja-catalog.js");
    i18n.addResourceBundle("ja", "kcs", ja satisfies Translation<typeof en>);
  }
  await i18n.changeLanguage(lang);
}
