import { readFileSync } from "node:fs";
import type { en } from "./en/index.js";
import type { Translation } from "./translation.js";

/**
 * The Japanese catalog as the bundle reads it: dist/i18n/ja.json, written at build time from ./ja/
 * (scripts/bundle.mjs). Both bundles sit one folder below dist/, as does this module's own build.
 */
export const ja = JSON.parse(
  readFileSync(new URL("../i18n/ja.json", import.meta.url), "utf8"),
) as Translation<typeof en>;
