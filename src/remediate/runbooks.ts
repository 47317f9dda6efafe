import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { UsageError } from "../core/errors.js";
import { FINDING_CODES, runbookFor } from "../diagnose/catalog.js";
import { currentLang, t } from "../i18n/index.js";
import { ACTIONS } from "./actions/index.js";
import type { PlanStep } from "./plan.js";
import { type Runbook, RunbookSchema } from "./runbook-schema.js";

/** A runbook's Japanese, as its file gives it beside the English. */
interface RunbookJa {
  title: string;
  summary: string;
  parameters: Map<string, string>;
  steps: Map<string, { title: string; when?: string; undo?: string; onFailure?: string }>;
}

/**
 * The Japanese of each runbook of runbooks/, by id. It is kept beside the runbook, not in it: a loaded
 * runbook is what `kcs runbooks -o json` prints and what the planner copies into a plan, both English
 * whatever the language (a saved plan must plan again to exactly itself in any language). By id, not
 * by object: views print a cleaned copy (cli/views/clean.ts).
 */
const JAPANESE = new Map<string, RunbookJa>();
const PARSED_JA = new WeakMap<Runbook, RunbookJa>();

/**
 * The top-level runbooks/ folder: two levels up from src/remediate or dist/remediate, and from the
 * bundled CLI in dist/bundle.
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

/** The runbook with its words in the run's language (its ids, calls and kinds stay as they are). */
export function inRunLanguage(rb: Runbook): Runbook {
  if (currentLang() !== "ja") return rb;
  if (!cache) loadRunbooks();
  const ja = JAPANESE.get(rb.id);
  if (!ja) return rb;
  return {
    ...rb,
    title: ja.title,
    summary: ja.summary,
    parameters: rb.parameters.map((p) => ({ ...p, description: ja.parameters.get(p.name) ?? p.description })),
    steps: rb.steps.map((s) => {
      const words = ja.steps.get(s.id);
      return words ? { ...s, ...words } : s;
    }),
  };
}

/**
 * A plan step's words (title, when, undo, onFailure) in the run's language. The plan holds them in
 * English; the runbook's file has the Japanese. A repeated step (one per Availability Zone or orphaned
 * key, ids `<step>-1`, `-2`, ...) keeps what the planner added to its title: the zone, or the key id.
 */
export function stepInRunLanguage<S extends Pick<PlanStep, "id" | "title" | "when" | "undo" | "onFailure">>(
  runbookId: string,
  step: S,
  runbooks = loadRunbooks(),
): S {
  if (currentLang() !== "ja") return step;
  const rb = runbooks.find((r) => r.id === runbookId);
  const ja = rb && JAPANESE.get(rb.id);
  const source = rb?.steps.find((s) => s.id === step.id || (s.repeat && step.id.startsWith(`${s.id}-`)));
  const words = source && ja?.steps.get(source.id);
  if (!source || !words) return step;
  // What the planner appended to a repeated step's title: " in us-east-1a", or ": 1234abcd-...".
  const tail = step.title.startsWith(source.title) ? step.title.slice(source.title.length) : "";
  const zone = /^ in (\S+)$/.exec(tail);
  const title = zone ? `${words.title} (${zone[1]})` : `${words.title}${tail}`;
  return {
    ...step,
    title,
    ...(step.when && words.when ? { when: words.when } : {}),
    ...(step.undo && words.undo ? { undo: words.undo } : {}),
    ...(step.onFailure && words.onFailure ? { onFailure: words.onFailure } : {}),
  };
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
    for (const rb of runbooks) JAPANESE.set(rb.id, PARSED_JA.get(rb)!);
  }
  return runbooks;
}

export function findRunbook(id: string, runbooks = loadRunbooks()): Runbook {
  const rb = runbooks.find((r) => r.id === id);
  if (!rb) throw new UsageError(t("runbooks.notFound", { id }));
  return rb;
}
