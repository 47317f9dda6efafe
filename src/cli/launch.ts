import { join } from "node:path";
import { loadBundle } from "./code-cache.js";
import { isFullProgramNeeded } from "./full-program.js";
import { asksForHelp } from "./help-flags.js";

/**
 * Whether a command line only prints: help (a flag, or the word first), the version, completion. Those
 * run the help bundle (src/cli/light.ts), a quarter of kcs's script; everything else runs all of kcs.
 */
export function runsLight(args: readonly string[]): boolean {
  // After `--` every word is an operand, never a flag of yargs'.
  const end = args.indexOf("--");
  const flags = end < 0 ? args : args.slice(0, end);
  return (
    args.length === 0 ||
    asksForHelp(flags) ||
    flags.includes("--version") ||
    args[0] === "help" ||
    args[0] === "completion" ||
    // Asked at every Tab: completing needs the parser only.
    args[0] === "--get-yargs-completions"
  );
}

/**
 * Runs kcs for `args` from the scripts in `dir` (dist/bundle-cjs), each with V8's compiled code from
 * its last run. Plain CommonJS from bin/kcs.js on: an ES module anywhere on the way costs Node's ESM
 * loader, about 8 ms of every start.
 */
export async function launch(args: readonly string[], dir: string): Promise<void> {
  if (runsLight(args)) {
    try {
      await loadBundle(join(dir, "light.cjs"), args).entry.main();
      return;
    } catch (err) {
      // Stopped before it did anything: the command line runs a command after all.
      if (!isFullProgramNeeded(err)) throw err;
    }
  }
  await loadBundle(join(dir, "kcs.cjs"), args).entry.main();
}
