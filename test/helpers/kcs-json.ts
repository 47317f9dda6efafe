import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";

/** The machine documents kcs prints, each with its published JSON Schema in schema/. */
export type DocumentKind = "kcs-doctor-report" | "kcs-plan" | "kcs-fix-result" | "kcs-snapshot";

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<DocumentKind, ReturnType<typeof ajv.compile>>();

function validator(kind: DocumentKind) {
  let v = validators.get(kind);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(`schema/${kind}.schema.json`, "utf8")) as object);
    validators.set(kind, v);
  }
  return v;
}

/** Throws, naming every violation, unless `value` is a valid `kind` document by its published schema. */
export function expectDocument(kind: DocumentKind, value: unknown): void {
  const validate = validator(kind);
  if (!validate(value)) {
    throw new Error(`not a valid ${kind}: ${ajv.errorsText(validate.errors, { separator: "; " })}`);
  }
}

/** Parses kcs's JSON output and checks it against the published schema of its kind. */
export function parseDocument<T>(text: string, kind: DocumentKind): T {
  const value = JSON.parse(text) as unknown;
  expectDocument(kind, value);
  return value as T;
}
