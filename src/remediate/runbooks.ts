import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { UsageError } from "../core/errors.js";
import { FINDING_CODES, runbookFor } from "../diagnose/catalog.js";
import { t } from "../i18n/index.js";
import { ACTIONS } from "./actions/index.js";
import { type Runbook, RunbookSchema } from "./runbook-schema.js";
import { type RunbookJa, rememberJapanese } from "./runbook-words.js";

/** The Japanese of each runbook parseRunbook read; loadRunbooks hands runbooks/' own to ./runbook-words.ts. */
const PARSED_JA = new WeakMap<Runbook, RunbookJa>();

/**
 * The top-level runbooks/ folder: two levels up from src/remediate or dist/remediate, and from the
 * bundled CLI in dist/bundle-cjs.
 */
export const RUNBOOK_DIR =
  [new URL("../../runbooks/", import.meta.url), new URL("../runbooks/", import.meta.url)]
    .map((u) => fileURLToPath(u))
    .find((dir) => existsSync(dir)) ?? fileURLToPath(new URL("../../runbooks/", import.meta.url));

/** Parses and validates one runbook file; errors name the file and the field. */
export function parseRunbook(text: string, file: string): Runbook {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  const result = RunbookSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  // The catalog says which findings a runbook fixes: the file does not repeat it.
  const findings = FINDING_CODES.filter((code) =>
    (["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const).some((t) => runbookFor(code, t) === result.data.id),
  );
  // Nor what a step's action is: its module does.
  const steps = result.data.steps.map(({ id, title, action, ja: _ja, ...rest }) => {
    const { kind, mutating, service, operation } = ACTIONS[action];
    return { id, title, kind, action, mutating, ...(service ? { service, operation } : {}), ...rest };
  });
  const { id, title, ja, parameters, ...rest } = result.data;
  const runbook: Runbook = {
    id,
    title,
    findings,
    ...rest,
    parameters: parameters.map(({ ja: _ja, ...p }) => p),
    steps,
  };
  PARSED_JA.set(runbook, {
    ...ja,
    parameters: new Map(parameters.map((p) => [p.name, p.ja.description])),
    steps: new Map(result.data.steps.map((s) => [s.id, s.ja])),
  });
  return runbook;
}

let cache: Runbook[] | undefined;

export function loadRunbooks(dir = RUNBOOK_DIR): Runbook[] {
  if (cache && dir === RUNBOOK_DIR) return cache;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const runbooks = files.map((f) => {
    const rb = parseRunbook(readFileSync(`${dir}/${f}`, "utf8"), f);
    if (`${rb.id}.yaml` !== f) throw new Error(`${f}: id ${rb.id} does not match the file name`);
    return rb;
  });
  if (dir === RUNBOOK_DIR) {
    cache = runbooks;
    for (const rb of runbooks) rememberJapanese(rb, PARSED_JA.get(rb)!);
  }
  return runbooks;
}

export function findRunbook(id: string, runbooks = loadRunbooks()): Runbook {
  const rb = runbooks.find((r) => r.id === id);
  if (!rb) throw new UsageError(t("runbooks.notFound", { id }));
  return rb;
}
