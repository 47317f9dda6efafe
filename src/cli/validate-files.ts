// What kcs fix will write, checked before it reads AWS: a folder it cannot write in must stop the run
// before the first change, not between two steps of a repair.
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { creatableProblem, folderProblem } from "../core/writable.js";
import { t } from "../i18n/index.js";

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
  const thing = t(`errors.files.${what}`);
  if (isDir) throw new UsageError(t("errors.files.outIsFolder", { flag, out, what: thing, example }));
  const dir = dirname(path);
  const problem = folderProblem(dir);
  if (problem)
    throw new UsageError(t("errors.files.outUnwritable", { flag, out, what: thing, dir, problem }));
}

/**
 * The state folder of kcs fix (its ledger of what it did, the lock that keeps two runs apart, the
 * caches): writable, or possible to make. The default one (.kcs) is made when first needed.
 */
export function checkStateFolder(dir: string): void {
  const problem = creatableProblem(dir);
  if (problem) throw new UsageError(t("errors.files.stateFolder", { dir, problem }));
}
