import { plan as englishPlan } from "../i18n/en/plan.js";
import { currentLang, t } from "../i18n/index.js";
import type { PlanStep } from "./plan.js";
import type { Runbook } from "./runbook-schema.js";

/** A runbook's Japanese, as its file gives it beside the English. */
export interface RunbookJa {
  title: string;
  summary: string;
  parameters: Map<string, string>;
  steps: Map<string, { title: string; when?: string; undo?: string; onFailure?: string }>;
}

/**
 * The Japanese of each runbook of runbooks/, by id, with the runbook it belongs to. It is kept beside
 * the runbook, not in it: a loaded runbook is what `kcs runbooks -o json` prints and what the planner
 * copies into a plan, both English whatever the language (a saved plan must plan again to exactly
 * itself in any language). By id, not by object: views print a cleaned copy (cli/views/clean.ts).
 * This module is light (no YAML, no actions) because every text and markdown view imports it.
 */
const JAPANESE = new Map<string, { runbook: Runbook; ja: RunbookJa }>();

/** Called by loadRunbooks for runbooks/' own files. */
export function rememberJapanese(runbook: Runbook, ja: RunbookJa): void {
  JAPANESE.set(runbook.id, { runbook, ja });
}

/** The runbook with its words in the run's language (its ids, calls and kinds stay as they are). */
export function inRunLanguage(rb: Runbook): Runbook {
  const ja = currentLang() === "ja" ? JAPANESE.get(rb.id)?.ja : undefined;
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

type ExpectOf = typeof englishPlan.expectOf;

/**
 * A plan step's words (title, when, expect, undo, onFailure) in the run's language. The plan holds
 * them in English; the runbook's file has the Japanese, the catalog the Japanese of what each action
 * expects. A repeated step (one per Availability Zone or orphaned key, ids `<step>-1`, `-2`, ...)
 * keeps what the planner added to its title: the zone, or the key id. Text a plan holds that is not
 * kcs's own English (a plan made by another kcs) is left as it is.
 */
export function stepInRunLanguage<
  S extends Pick<PlanStep, "id" | "title" | "action" | "when" | "expect" | "undo" | "onFailure">,
>(runbookId: string, step: S): S {
  if (currentLang() !== "ja") return step;
  const [service, name] = step.action.split(".") as [keyof ExpectOf, string];
  const expect =
    step.expect !== undefined &&
    (englishPlan.expectOf[service] as Record<string, string>)[name] === step.expect
      ? t(`plan.expectOf.${step.action}`)
      : step.expect;
  const translated = { ...step, ...(expect !== undefined ? { expect } : {}) };
  const known = JAPANESE.get(runbookId);
  const source = known?.runbook.steps.find(
    (s) => s.id === step.id || (s.repeat && step.id.startsWith(`${s.id}-`)),
  );
  const words = source && known?.ja.steps.get(source.id);
  if (!source || !words) return translated;
  // What the planner appended to a repeated step's title: " in us-east-1a", or ": 1234abcd-...".
  const tail = step.title.startsWith(source.title) ? step.title.slice(source.title.length) : undefined;
  if (tail === undefined) return translated;
  const zone = /^ in (\S+)$/.exec(tail);
  const title = zone ? `${words.title} (${zone[1]})` : `${words.title}${tail}`;
  const same = (english: string | undefined, from: string | undefined) =>
    english !== undefined && english === from;
  return {
    ...translated,
    title,
    ...(same(step.when, source.when) && words.when ? { when: words.when } : {}),
    ...(same(step.undo, source.undo) && words.undo ? { undo: words.undo } : {}),
    ...(same(step.onFailure, source.onFailure) && words.onFailure ? { onFailure: words.onFailure } : {}),
  };
}
