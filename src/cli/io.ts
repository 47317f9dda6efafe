import { type Style, styleFor, useColour } from "./views/style.js";

/** Where a command writes: results on stdout, progress and prompts on stderr, each with its own colours. */
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  style: Style;
  errStyle: Style;
}

export function makeIo(args: { color?: boolean | undefined }): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    style: styleFor(useColour(process.stdout, args.color)),
    errStyle: styleFor(useColour(process.stderr, args.color)),
  };
}
