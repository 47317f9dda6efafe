import type { Argv } from "yargs";
import { helpText } from "./help.js";

/** --cloudtrail-dir DIR (repeatable), doctor's and fix's. */
export interface CloudtrailDirArgs {
  cloudtrailDir?: string[];
}

export function cloudtrailDirOption(y: Argv): Argv {
  return y.option("cloudtrail-dir", {
    type: "string",
    array: true,
    describe: helpText("doctor.help.cloudtrailDir"),
  });
}

/** The folders, checked before anything is read; none given: none. */
export async function trailDirs(args: CloudtrailDirArgs): Promise<string[]> {
  const dirs = args.cloudtrailDir ?? [];
  if (dirs.length === 0) return [];
  const { checkTrailDirs } = await import("../gather/trail-files.js");
  await checkTrailDirs(dirs);
  return dirs;
}
