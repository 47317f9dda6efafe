import { displayWidth as width } from "../display-width.js";

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(rows: string[][], indent = ""): string {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(c));
    });
  }
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((c, i) => (i === r.length - 1 ? c : c + " ".repeat(widths[i]! - width(c))))
          .join("  ")
          .trimEnd(),
    )
    .join("\n");
}

/** A markdown table; pipes in cells not escaped already (by mdText) are escaped here. */
export function markdownTable(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/(?<!\\)\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}
