import { accessSync, constants, statSync } from "node:fs";
import { dirname } from "node:path";
import { t } from "../i18n/index.js";

/**
 * Whether kcs can write files in a folder, asked before a command does anything: a refusal at the
 * start changes nothing, an EACCES in the middle of `kcs fix` may leave a store half repaired.
 * access(2) answers for this process as the kernel would (root passes a mode check but not a
 * read-only file system), so the answer matches what the write itself would meet.
 */

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EROFS") return t("errors.writable.readOnly");
  if (code === "EACCES" || code === "EPERM") return t("errors.writable.denied");
  return code ?? String(err);
}

/** The folder's problem for writing in it, or undefined when kcs can write there. */
export function folderProblem(dir: string): string | undefined {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return t("errors.writable.missing");
    if ((err as NodeJS.ErrnoException).code === "ENOTDIR") return t("errors.writable.pathHasFile");
    return why(err);
  }
  if (!isDir) return t("errors.writable.notAFolder");
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    return why(err);
  }
}

/**
 * Why `dir` can neither be written in nor created (as mkdir -p would), or undefined when it can. For
 * a missing folder the question goes to the nearest folder that exists, and the answer names it.
 */
export function creatableProblem(dir: string): string | undefined {
  for (let at = dir; ; ) {
    const problem = folderProblem(at);
    if (problem !== t("errors.writable.missing")) {
      if (problem === undefined || at === dir) return problem;
      return t("errors.writable.cannotMake", { at, problem });
    }
    const up = dirname(at);
    if (up === at) return problem;
    at = up;
  }
}
