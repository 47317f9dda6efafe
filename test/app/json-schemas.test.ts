import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../../src/app/json-schemas.js";
import { expectDocument } from "../helpers/kcs-json.js";

const EMPTY_REPORT = {
  schemaVersion: 1,
  kind: "kcs-doctor-report",
  backend: "sim",
  region: "eu-west-1",
  generatedAt: "2026-11-28T12:00:00.000Z",
  summary: { stores: 0, needAttention: 0, unavailableKeys: 0 },
  stores: [],
  findings: [],
  errors: [],
};

describe("the published JSON Schemas (schema/)", () => {
  it("are exactly what the zod schemas generate: run `npm run schemas` after changing an output shape", () => {
    const generated = jsonSchemas();
    expect(readdirSync("schema").sort()).toEqual(Object.keys(generated).sort());
    for (const [file, schema] of Object.entries(generated)) {
      expect(JSON.parse(readFileSync(`schema/${file}`, "utf8")), file).toEqual(schema);
    }
  });

  it("refuse documents that break the contract: a wrong kind, an action or a finding code not of their form", () => {
    expect(() => expectDocument("kcs-plan", { schemaVersion: 1, kind: "kcs-doctor-report" })).toThrow(
      /kcs-plan/,
    );
    const plan = {
      schemaVersion: 1,
      kind: "kcs-plan",
      createdAt: "2026-11-28T12:00:00.000Z",
      backend: "aws",
      region: "eu-west-1",
      basis: [],
      actions: [],
    };
    expect(() => expectDocument("kcs-plan", plan)).not.toThrow();
    const step = { id: "x", title: "x", kind: "api", action: "Magic Action", input: {}, mutating: true };
    const action = {
      finding: "STORE_DISCONNECTED",
      findings: ["STORE_DISCONNECTED"],
      runbook: "reconnect",
      customKeyStoreId: "cks-1",
      customKeyStoreName: "n",
      parameters: [],
      steps: [step],
    };
    expect(() => expectDocument("kcs-plan", { ...plan, actions: [action] })).toThrow(/action/);
    const report = EMPTY_REPORT;
    expect(() => expectDocument("kcs-doctor-report", report)).not.toThrow();
    const finding = {
      code: "store on fire",
      severity: "error",
      customKeyStoreId: "cks-1",
      cloudHsmClusterId: null,
      keyIds: [],
      title: "t",
      detail: "d",
      evidence: {},
      runbook: null,
    };
    expect(() => expectDocument("kcs-doctor-report", { ...report, findings: [finding] })).toThrow(/code/);
  });
});

describe("ids in the published schemas", () => {
  it("give the form of finding codes, runbooks and actions, not today's list: a newer kcs's finding still validates", () => {
    const report = {
      ...EMPTY_REPORT,
      findings: [
        {
          code: "A_FINDING_OF_TOMORROW",
          severity: "warning",
          customKeyStoreId: "cks-1",
          cloudHsmClusterId: null,
          keyIds: [],
          title: "t",
          detail: "d",
          evidence: {},
          runbook: "a-runbook-of-tomorrow",
          since: null,
          docs: "https://docs.aws.amazon.com/kms/latest/developerguide/fix-keystore.html",
        },
      ],
    };
    expect(() => expectDocument("kcs-doctor-report", report)).not.toThrow();
    const text = readFileSync("schema/kcs-doctor-report.schema.json", "utf8");
    expect(text).not.toContain("INVALID_CREDENTIALS");
  });
});
