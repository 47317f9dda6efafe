/**
 * listr2 (the live task list of src/remediate/executor.ts) as a script of its own
 * (scripts/bundle.mjs's APART): only `kcs fix` shows one.
 */
export * from "listr2";
