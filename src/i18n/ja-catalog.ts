/**
 * The Japanese catalog, as source. The bundle replaces this module with ./ja-json.ts (scripts/bundle.mjs),
 * which reads the same catalog written out as dist/i18n/ja.json: Japanese text then never enters the
 * script an English run compiles.
 */
export { ja } from "./ja/index.js";
