/** The output formats of `-o`; each is one module under views/ (see views/index.ts). */
export const OUTPUT_MODES = ["text", "json", "markdown"] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];
