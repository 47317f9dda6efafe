/**
 * The help bundle (src/cli/light.ts) holds kcs's parser and words but none of its commands' work: a
 * command line that turns out to run a command after all (`kcs doctor --help=false`) stops with this
 * before anything happens, and src/cli/launch.ts runs it again in the whole of kcs.
 */
export class FullProgramNeeded extends Error {
  override name = "KcsFullProgramNeeded";
  constructor() {
    super("this command runs in the whole of kcs, not in its help bundle");
  }
}

export const isFullProgramNeeded = (err: unknown): boolean =>
  (err as { name?: unknown } | undefined)?.name === "KcsFullProgramNeeded";
