// What kcs fix will write, checked before it reads AWS: a folder it cannot write in must stop the run
// before the first change, not between two steps of a repair.
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { creatableProblem, folderProblem } from "../core/writable.js";

/**
 * --out PLAN.json (or --save-snapshot FILE): a file in a folder that exists and kcs can write in (the
 * folder is not made).
 */
export function checkOutFile(out: string | undefined, what: "plan" | "snapshot" = "plan"): void {
  const flag = what === "plan" ? "--out" : "--save-snapshot";
  const example = what === "plan" ? "plan.json" : "snapshot.json";
  if (out === undefined) return;
  const path = resolve(out);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // Not there yet: the usual case.
  }
  if (isDir)
    throw new UsageError(`${flag} ${out} is a folder: give a file name for the ${what}, like ${example}.`);
  const dir = dirname(path);
  const problem = folderProblem(dir);
  if (problem)
    throw new UsageError(
      `${flag} ${out}: kcs cannot write the ${what} in ${dir} (${problem}): choose a folder that exists and you can write in. Nothing was read or changed.`,
    );
}

/**
 * The state folder of kcs fix (its ledger of what it did, the lock that keeps two runs apart, the
 * caches): writable, or possible to make. The default one (.kcs) is made when first needed.
 */
export function checkStateFolder(dir: string): void {
  const problem = creatableProblem(dir);
  if (problem)
    throw new UsageError(
      `kcs fix keeps its ledger and lock in ${dir}, and cannot write there (${problem}): make it writable, or run kcs from a folder where it can. Nothing was changed.`,
    );
}
