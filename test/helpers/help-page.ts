/** A `kcs ... --help` page, read the way a person reads it: headings, entries and examples. */
export interface HelpPage {
  /** Command words below kcs: [] for `kcs --help`, ["sim", "hsm"] for `kcs sim hsm --help`. */
  path: string[];
  /** Headings ("Options:", "Global options:", ...) in the order printed. */
  headings: string[];
  /** Subcommands' words below kcs, from the Commands: section. */
  commands: { path: string[]; description: string }[];
  /** Every flag and positional, by heading; `text` is the entry's line(s) after its name. */
  entries: { heading: string; names: string[]; text: string }[];
  /** The command lines of the Examples: section. */
  examples: string[];
}

const HEADING = /^([A-Z][A-Za-z ]*):$/;
/** "  -o, --output  ..." or "      --backend  ...": a flag's first line. */
const FLAG = /^ {2}(?:(-\w), | {4})(--[\w-]+)/;
/** "  id  Runbook id ...": a positional's first line. */
const POSITIONAL = /^ {2}([\w-]+)(?= {2,}|$)/;

export function parseHelp(path: string[], text: string): HelpPage {
  const page: HelpPage = { path, headings: [], commands: [], entries: [], examples: [] };
  let heading = "";
  for (const line of text.split("\n")) {
    const h = HEADING.exec(line);
    if (h) {
      heading = `${h[1]}:`;
      page.headings.push(heading);
      continue;
    }
    if (line.trim() === "") {
      heading = "";
      continue;
    }
    if (heading === "Commands:") {
      const m = /^ {2}kcs ((?:[\w-]+ ?)+?)(?: [<[][^\s]*)*(?: {2,}(.*))?$/.exec(line);
      if (m) page.commands.push({ path: m[1]!.trim().split(" "), description: m[2] ?? "" });
      else page.commands.at(-1)!.description += ` ${line.trim()}`;
    } else if (heading === "Examples:") {
      page.examples.push(line.trim().split(/ {2,}/)[0]!);
    } else if (heading === "Positionals:") {
      const m = POSITIONAL.exec(line);
      if (m) page.entries.push({ heading, names: [m[1]!], text: line.slice(m[0].length) });
      else page.entries.at(-1)!.text += `\n${line}`;
    } else if (heading.endsWith("ptions:")) {
      const m = FLAG.exec(line);
      if (m)
        page.entries.push({ heading, names: m[1] ? [m[2]!, m[1]] : [m[2]!], text: line.slice(m[0].length) });
      else page.entries.at(-1)!.text += `\n${line}`;
    }
  }
  return page;
}

/** The description an entry shows: "" when yargs' [type] hints follow the name directly. */
export function description(entry: HelpPage["entries"][number]): string {
  const first = entry.text.split("\n")[0]!.trim();
  return first.startsWith("[") ? "" : first;
}

export const isBoolean = (entry: HelpPage["entries"][number]) => entry.text.includes("[boolean]");
