import { readFileSync } from "node:fs";

/** Read beside the code (dist/cli or dist/bundle-cjs): bundled, yargs cannot find package.json itself. */
export function packageVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
  } catch {
    return "unknown";
  }
}
