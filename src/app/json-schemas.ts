import * as z from "zod";
import { FINDING_CODES, RUNBOOK_IDS } from "../diagnose/catalog.js";
import { ACTION_IDS } from "../remediate/actions/ids.js";
import { PlanSchema } from "../remediate/plan.js";
import { DoctorReportSchema } from "../report/doctor-report-schema.js";
import { FixResultSchema } from "./fix-result-schema.js";
import { SnapshotFileSchema } from "./snapshot-schema.js";

/** Schema ids name the document kind and its schemaVersion. */
const id = (kind: string) => `urn:kcs:schema:${kind}:1`;

/**
 * Ids kcs adds to over time. kcs itself validates them exactly (a plan file naming an unknown action
 * is refused), but the published schema gives their form, not today's list: a consumer validating
 * against it must not reject a report because a later kcs found something new, and adding a finding,
 * a runbook or an action does not change schemaVersion.
 */
const OPEN_IDS: { values: readonly string[]; pattern: string; description: string }[] = [
  {
    values: FINDING_CODES,
    pattern: "^[A-Z][A-Z0-9_]*$",
    description: "A finding code (kcs doctor's catalog)",
  },
  { values: RUNBOOK_IDS, pattern: "^[a-z][a-z0-9-]*$", description: "A runbook id (kcs runbooks list)" },
  { values: ACTION_IDS, pattern: "^[a-z]+\\.[a-z][a-z0-9-]*$", description: "A runbook step's action" },
];

function openIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openIds);
  if (!node || typeof node !== "object") return node;
  const o = node as Record<string, unknown>;
  const list = Array.isArray(o.enum) ? (o.enum as unknown[]) : undefined;
  const open =
    list &&
    OPEN_IDS.find((ids) => ids.values.length === list.length && ids.values.every((v) => list.includes(v)));
  if (open) return { type: "string", pattern: open.pattern, description: open.description };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, openIds(v)]));
}

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
    "kcs-snapshot": {
      schema: SnapshotFileSchema,
      title: "kcs doctor --save-snapshot, read by --from-snapshot (doctor, fix --dry-run)",
    },
  };
  return Object.fromEntries(
    Object.entries(documents).map(([kind, { schema, title }]) => [
      `${kind}.schema.json`,
      {
        ...(openIds(z.toJSONSchema(schema, { io: "output" })) as Record<string, unknown>),
        $id: id(kind),
        title,
      },
    ]),
  );
}
