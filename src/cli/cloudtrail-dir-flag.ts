import type { Argv } from "yargs";

/** --cloudtrail-dir DIR (repeatable), doctor's and fix's. */
export interface CloudtrailDirArgs {
  cloudtrailDir?: string[];
}

export function cloudtrailDirOption(y: Argv): Argv {
  return y.option("cloudtrail-dir", {
    type: "string",
    array: true,
    describe:
      "Also read CloudTrail log files as a trail delivers them to S3 (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz) from this folder: events older than LookupEvents' 90 days, like the DeleteKey of an orphan; repeatable",
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
