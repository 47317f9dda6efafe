/**
 * Values in markdown. The values are already printable (clean.ts); these keep markdown from reading
 * them as markup: no heading, emphasis, link, HTML tag or table cell a store name could open or close.
 */

/**
 * Characters markdown (CommonMark and GitHub's tables) gives a meaning to, mid-line. An underscore
 * inside a word (INVALID_CREDENTIALS) cannot open emphasis, so only one at a word's edge is escaped.
 */
const SPECIAL = /[\\`*[\]<>#|!~&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/** A value in running text or a table cell. */
export function mdText(value: string): string {
  return value.replace(SPECIAL, (c) => `\\${c}`);
}

/** The longest run of backticks in a value. */
const longestTicks = (value: string) => Math.max(0, ...(value.match(/`+/g) ?? []).map((r) => r.length));

/** A value as inline code: a fence longer than any backtick run inside, padded when it touches one. */
export function mdCode(value: string): string {
  const fence = "`".repeat(longestTicks(value) + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Lines as a fenced block that nothing inside can close. */
export function mdFence(lines: readonly string[], lang = ""): string[] {
  const fence = "`".repeat(Math.max(3, longestTicks(lines.join("\n")) + 1));
  return [`${fence}${lang}`, ...lines, fence];
}

/** A value inside HTML (a <summary>), where markdown's backslash escapes do not apply. */
export function mdHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
