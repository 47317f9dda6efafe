import { printable } from "../../core/printable.js";

/**
 * A copy of what a view renders with every string made printable: names and messages come from AWS
 * or a file, and a text or markdown view must not pass an escape sequence or a line break of theirs
 * to the reader's terminal. JSON views need none of this: JSON.stringify escapes them already.
 */
export function cleanDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)])) as T;
  }
  return value;
}
