import type { Style } from "./output/style.js";

export type OutputMode = "text" | "json" | "markdown";

/** The global flags every command accepts, before or after the command name. */
export interface GlobalArgs {
  backend: "sim" | "aws";
  simState?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  output: OutputMode;
  color?: boolean;
  debug?: boolean;
}

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  style: Style;
  errStyle: Style;
}
