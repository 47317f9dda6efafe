import { printable } from "../../core/printable.js";

/**
 * Text from outside kcs (a store's name, a note quoting one) made safe inside an Automation document:
 * one printable line, and no `{{` or `}}`, which Automation would read as a reference to a
 * parameter or a step's output (it has no escape for them). Spaced apart, the braces still read.
 */
export function literal(text: string): string {
  return printable(text)
    .replace(/\{(?=\{)/g, "{ ")
    .replace(/\}(?=\})/g, "} ");
}

/** Prose about a plan: its `{{Placeholders}}` read as `<Placeholder>` (what the run learns), then made literal. */
export function prose(text: string): string {
  return literal(text.replace(/\{\{(\w+)\}\}/g, "<$1>"));
}
