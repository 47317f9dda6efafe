import { z } from "zod";
import { PlanSchema } from "../remediate/plan.js";
import { DoctorReportSchema } from "../report/doctor-report-schema.js";
import { FixResultSchema } from "./fix-result-schema.js";

/** Schema ids name the document kind and its schemaVersion. */
const id = (kind: string) => `urn:kcs:schema:${kind}:1`;

/**
 * The JSON Schemas of kcs's machine output, generated from the zod schemas the code itself uses, so
 * the published files cannot drift from what kcs prints: schema/<kind>.schema.json. Consumers must
 * ignore unknown fields; adding one is not a breaking change (schemaVersion stays 1).
 */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  const documents = {
    "kcs-doctor-report": { schema: DoctorReportSchema, title: "kcs doctor -o json" },
    "kcs-plan": { schema: PlanSchema, title: "kcs fix --dry-run -o json, and the files of --out and --plan" },
    "kcs-fix-result": { schema: FixResultSchema, title: "kcs fix -o json, once a plan was applied" },
  };
  return Object.fromEntries(
    Object.entries(documents).map(([kind, { schema, title }]) => [
      `${kind}.schema.json`,
      { ...z.toJSONSchema(schema, { io: "output" }), $id: id(kind), title },
    ]),
  );
}
