import { UsageError } from "../core/errors.js";
import type { OutputMode } from "./views/index.js";

/**
 * -o is global, but not every command can write every format: one it cannot is refused by name,
 * never quietly replaced by another (a CI job asking for markdown must not paste JSON).
 */
export function checkOutput(
  command: string,
  mode: OutputMode,
  supported: readonly OutputMode[],
  why: string,
): void {
  if (supported.includes(mode)) return;
  throw new UsageError(
    `${command} writes ${supported.map((m) => `-o ${m}`).join(" or ")} (${why}), not -o ${mode}.`,
  );
}
