/**
 * Whether a command line asks for help: --help, or -h alone or in a cluster of short flags (yargs
 * reads `-oh` as `-o -h`). No imports: the launcher (src/cli/launch.ts)
 * asks this before it loads any of kcs.
 */
export function asksForHelp(argv: readonly string[]): boolean {
  return argv.some(
    (a) => a === "--help" || a.startsWith("--help=") || (/^-[a-zA-Z]+$/.test(a) && a.includes("h")),
  );
}
