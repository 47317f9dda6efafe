import { useLang } from "../../src/i18n/index.js";
import type { Lang } from "../../src/i18n/lang.js";

/** Runs `fn` with kcs speaking `lang`, then English again, whatever `fn` does. */
export async function inLang<T>(lang: Lang, fn: () => T | Promise<T>): Promise<T> {
  await useLang(lang);
  try {
    return await fn();
  } finally {
    await useLang("en");
  }
}
