import { MASK } from "../../src/core/secret.js";
import {
  ACTION_REFERENCE,
  APPROVE_MESSAGE_MAX,
  OUTPUT_TYPES,
  PARAMETER_TYPES,
  SCRIPT_RUNTIMES,
  SERVICES,
  STEP_KEYS,
  STEP_NAME,
  TOP_LEVEL_KEYS,
} from "./ssm-reference.js";

/** Request members that carry a secret: each must be a reference to a parameter with no default. */
const SECRET_MEMBERS = ["KeyStorePassword", "AccessKeyId", "RawSecretAccessKey"];

type Step = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every string in a value, with the member name it sits under. */
function strings(value: unknown, member = ""): [string, string][] {
  if (typeof value === "string") return [[member, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, member));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

/**
 * Checks an Automation document (as parsed from YAML) against the action reference: the problems
 * found, none for a document AWS would take and that keeps kcs's rules (no secret written in it).
 * `secrets` are values that must appear nowhere (the test's own password, say).
 */
export function validateAutomation(doc: unknown, secrets: string[] = []): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ["the document is not a mapping"];
  for (const key of Object.keys(doc))
    if (!TOP_LEVEL_KEYS.includes(key)) problems.push(`unknown top-level key ${key}`);
  if (doc.schemaVersion !== "0.3") problems.push(`schemaVersion is ${String(doc.schemaVersion)}, not '0.3'`);
  if (typeof doc.description !== "string" || doc.description === "") problems.push("no description");
  if (doc.assumeRole !== "{{ AutomationAssumeRole }}")
    problems.push("assumeRole is not {{ AutomationAssumeRole }}");

  const parameters = isObject(doc.parameters) ? doc.parameters : {};
  for (const [name, p] of Object.entries(parameters)) {
    if (!/^[A-Za-z0-9_]+$/.test(name)) problems.push(`parameter name ${name}`);
    if (!isObject(p) || !PARAMETER_TYPES.includes(String(p.type)))
      problems.push(`parameter ${name} has no valid type`);
    else if (typeof p.description !== "string" || p.description === "")
      problems.push(`parameter ${name} has no description`);
    else if (p.default !== undefined && p.type === "StringList" && !Array.isArray(p.default))
      problems.push(`parameter ${name}: a StringList's default is a list`);
  }
  if (!isObject(parameters.AutomationAssumeRole) || parameters.AutomationAssumeRole.type !== "String")
    problems.push("AutomationAssumeRole is not a String parameter");

  const steps = Array.isArray(doc.mainSteps) ? (doc.mainSteps as Step[]) : [];
  if (steps.length === 0) problems.push("no mainSteps");
  const names = steps.map((s) => String(s.name));
  const outputs = new Map<string, Set<string>>();
  for (const [i, step] of steps.entries()) {
    const at = `step ${i + 1} (${String(step.name)})`;
    for (const key of Object.keys(step))
      if (!STEP_KEYS.includes(key)) problems.push(`${at}: unknown key ${key}`);
    if (!STEP_NAME.test(String(step.name))) problems.push(`${at}: invalid name`);
    if (names.indexOf(String(step.name)) !== i) problems.push(`${at}: duplicate name`);
    if (step.onFailure !== "Abort") problems.push(`${at}: onFailure is not Abort`);
    const ref = ACTION_REFERENCE[String(step.action)];
    if (!ref) {
      problems.push(`${at}: unknown action ${String(step.action)}`);
      continue;
    }
    const inputs = isObject(step.inputs) ? step.inputs : {};
    for (const r of ref.requires)
      if (inputs[r] === undefined) problems.push(`${at}: ${step.action} needs ${r}`);
    if (!ref.api)
      for (const k of Object.keys(inputs))
        if (!ref.fixed.includes(k)) problems.push(`${at}: unknown input ${k}`);
    if (ref.api && !SERVICES.includes(String(inputs.Service)))
      problems.push(`${at}: Service ${String(inputs.Service)} is not one kcs calls`);
    if (ref.api && !/^[A-Z][A-Za-z0-9]+$/.test(String(inputs.Api)))
      problems.push(`${at}: Api is not an operation name`);
    if (step.timeoutSeconds !== undefined) {
      const t = step.timeoutSeconds;
      if (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > ref.maxTimeoutSeconds)
        problems.push(`${at}: timeoutSeconds ${String(t)} is outside 1-${ref.maxTimeoutSeconds}`);
    }
    if (
      step.maxAttempts !== undefined &&
      !(Number.isInteger(step.maxAttempts) && Number(step.maxAttempts) >= 1)
    )
      problems.push(`${at}: maxAttempts`);
    if (step.action === "aws:approve" && String(inputs.Message ?? "").length > APPROVE_MESSAGE_MAX)
      problems.push(`${at}: Message longer than ${APPROVE_MESSAGE_MAX}`);
    if (step.action === "aws:executeScript" && !SCRIPT_RUNTIMES.includes(String(inputs.Runtime)))
      problems.push(`${at}: Runtime ${String(inputs.Runtime)}`);
    if (step.action === "aws:branch") {
      const targets = [
        ...(Array.isArray(inputs.Choices)
          ? inputs.Choices.map((c) => (isObject(c) ? c.NextStep : undefined))
          : []),
        inputs.Default,
      ].filter((t) => t !== undefined);
      for (const t of targets)
        if (names.indexOf(String(t)) <= i) problems.push(`${at}: branches to ${String(t)}, not a later step`);
    }
    // Every {{ X }} names a parameter, and every {{ step.Output }} an output of an EARLIER step.
    for (const [member, text] of strings(step.inputs)) {
      for (const m of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
        const name = m[1]!;
        const [stepName, output] = name.split(".");
        if (output === undefined) {
          if (!(name in parameters)) problems.push(`${at}: {{ ${name} }} names no parameter`);
        } else if (!outputs.get(stepName!)?.has(output))
          problems.push(`${at}: {{ ${name} }} names no output of an earlier step`);
      }
      if (SECRET_MEMBERS.includes(member)) {
        const m = /^\{\{ (\w+) \}\}$/.exec(text);
        const p = m ? parameters[m[1]!] : undefined;
        if (!isObject(p) || p.default !== undefined)
          problems.push(`${at}: ${member} is not a parameter without a default`);
      }
      if (/\{\{|\}\}/.test(text.replace(/\{\{\s*[^}]*?\s*\}\}/g, "")))
        problems.push(`${at}: unbalanced {{ }} in ${member}`);
    }
    if (step.outputs !== undefined) {
      const outs = Array.isArray(step.outputs) ? step.outputs : [];
      for (const o of outs)
        if (
          !isObject(o) ||
          typeof o.Name !== "string" ||
          typeof o.Selector !== "string" ||
          !OUTPUT_TYPES.includes(String(o.Type))
        )
          problems.push(`${at}: an output needs Name, Selector and Type`);
      outputs.set(String(step.name), new Set(outs.map((o) => String((o as Step).Name))));
    }
    if (i === steps.length - 1 && step.isEnd !== true) problems.push(`${at}: the last step is not isEnd`);
  }
  // No secret anywhere: not the mask of a plan's secret fields, not a password the test knows.
  const text = JSON.stringify(doc);
  for (const secret of [MASK, ...secrets])
    if (text.includes(secret)) problems.push(`the document holds a secret (${secret.slice(0, 2)}…)`);
  for (const [name, p] of Object.entries(parameters))
    if (/password|secret/i.test(name) && isObject(p) && p.default !== undefined)
      problems.push(`parameter ${name} has a default`);
  return problems;
}
