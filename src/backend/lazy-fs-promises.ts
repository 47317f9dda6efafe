import type { readFile as realReadFile } from "node:fs/promises";

/**
 * What the bundle gives the SDK's shared config file loader in place of node:fs/promises, which it
 * imports at load (with readline, 1.5 ms of every cold start) though a simulated run never reads a
 * config file: its one use, readFile, is awaited, so it loads the module on first use.
 */
export const readFile = (async (...args: Parameters<typeof realReadFile>) =>
  (await import("node:fs/promises")).readFile(...args)) as typeof realReadFile;

/** The same for the old generation's loader (CloudHSM v2's), which takes `promises` from "fs" at load. */
export const promises = { readFile };
