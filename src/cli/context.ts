import type { BackendOptions } from "../core/backend-options.js";
import type { OutputMode } from "./views/index.js";

/** The global flags every command accepts, before or after the command name. */
export interface GlobalArgs extends BackendOptions {
  output: OutputMode;
  color?: boolean;
  debug?: boolean;
}
