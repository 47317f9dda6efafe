import type { View } from "./view.js";

/**
 * The output formats, each one module, loaded only when chosen. `-o`'s choices come from here, so a
 * new format is one module and one line.
 */
const VIEWS = {
  text: () => import("./text/index.js"),
  json: () => import("./json/index.js"),
  markdown: () => import("./markdown/index.js"),
  // Only kcs fix --dry-run writes it (a plan on AWS's own engine); validate-output.ts refuses it elsewhere.
  "ssm-automation": () => import("./ssm-automation/index.js"),
} satisfies Record<string, () => Promise<{ view: View }>>;

export type OutputMode = keyof typeof VIEWS;
export const OUTPUT_MODES = Object.keys(VIEWS) as OutputMode[];

export async function viewFor(mode: OutputMode): Promise<View> {
  return (await VIEWS[mode]()).view;
}
