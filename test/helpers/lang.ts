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

/** The message of the error `fn` throws: the refusal a test then reads in each language. */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("not refused");
}
