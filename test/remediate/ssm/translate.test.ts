import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { UsageError } from "../../../src/core/errors.js";
import type { PlanStep } from "../../../src/remediate/plan.js";
import type { AutomationDocument, AutomationStep } from "../../../src/remediate/ssm/document.js";
import { literal } from "../../../src/remediate/ssm/literal.js";
import { planToAutomation } from "../../../src/remediate/ssm/translate.js";
import { validateAutomation } from "../../helpers/ssm-validate.js";
import { action, plan, rotateSteps, STORE } from "./fixtures.js";

const step = (doc: AutomationDocument, name: string): AutomationStep => {
  const found = doc.mainSteps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name} in ${doc.mainSteps.map((s) => s.name).join(", ")}`);
  return found;
};
const names = (doc: AutomationDocument) => doc.mainSteps.map((s) => s.name);

describe("planToAutomation", () => {
  it("writes rotate-kmsuser-password as asserted calls, a wait that stops on FAILED, an approval and a CONNECTED check", () => {
    const doc = planToAutomation(plan());
    expect(validateAutomation(doc)).toEqual([]);
    expect(names(doc)).toEqual([
      "disconnect_check",
      "disconnect",
      "wait_disconnected",
      "set_kmsuser_password",
      "update_store_password_check",
      "update_store_password",
      "connect_check",
      "connect",
      "wait_connected",
      "wait_connected_ok",
      "verify",
    ]);
    expect(step(doc, "disconnect_check").inputs.DesiredValues).toEqual(["CONNECTED", "FAILED"]);
    expect(step(doc, "connect_check").inputs.DesiredValues).toEqual(["DISCONNECTED"]);
    expect(step(doc, "update_store_password").inputs).toEqual({
      Service: "kms",
      Api: "UpdateCustomKeyStore",
      CustomKeyStoreId: STORE,
      KeyStorePassword: "{{ KmsUserPassword }}",
    });
    expect(doc.parameters.KmsUserPassword).toEqual({
      type: "String",
      description: expect.stringContaining("payments-cks"),
      allowedPattern: "^[A-Za-z0-9]{7,32}$",
    });
    const wait = step(doc, "wait_connected");
    expect(wait.action).toBe("aws:waitForAwsResourceProperty");
    expect(wait.timeoutSeconds).toBe(1200);
    expect(wait.inputs.DesiredValues).toEqual(["CONNECTED", "FAILED", "DISCONNECTED"]);
    expect(step(doc, "wait_connected_ok").inputs.DesiredValues).toEqual(["CONNECTED"]);
    // A wait whose only end is the good state needs no assert after it.
    expect(names(doc)).not.toContain("wait_disconnected_ok");
    const approve = step(doc, "set_kmsuser_password");
    expect(approve.action).toBe("aws:approve");
    expect(approve.inputs.Approvers).toBe("{{ Approvers }}");
    expect(approve.inputs.Message).toContain("user change-password --username kmsuser --role crypto-user");
    expect(approve.inputs.Message).toContain("given to this run as KmsUserPassword");
    expect(doc.parameters.Approvers?.type).toBe("StringList");
    expect(step(doc, "verify").inputs.DesiredValues).toEqual(["CONNECTED"]);
    expect(doc.mainSteps.at(-1)?.isEnd).toBe(true);
    expect(doc.mainSteps.filter((s) => s.isEnd)).toHaveLength(1);
    expect(doc.description).toContain("INVALID_CREDENTIALS on payments-cks (cks-1234567890abcdef0)");
    expect(doc.description).toContain("kcs doctor is the full verification");
    expect(doc.parameters.AutomationAssumeRole?.description).toContain("kms:UpdateCustomKeyStore");
  });

  it("gives each store's action its own password parameter and its own step names", () => {
    const other = "cks-0fedcba0987654321";
    const doc = planToAutomation(
      plan([action(), action({ customKeyStoreId: other, customKeyStoreName: "billing-cks" })]),
    );
    expect(validateAutomation(doc)).toEqual([]);
    expect(Object.keys(doc.parameters)).toEqual(
      expect.arrayContaining(["KmsUserPassword1", "KmsUserPassword2"]),
    );
    expect(doc.parameters).not.toHaveProperty("KmsUserPassword");
    expect(step(doc, "s2_update_store_password").inputs.KeyStorePassword).toBe("{{ KmsUserPassword2 }}");
    expect(step(doc, "s2_set_kmsuser_password").inputs.Message).toContain("as KmsUserPassword2");
    expect(step(doc, "s2_disconnect").inputs.CustomKeyStoreId).toBe(other);
  });

  it("refers to the restored cluster through the create step's output, and asks for what only the run learns", () => {
    const restore: PlanStep[] = [
      {
        id: "create-cluster",
        title: "Create a cluster from the backup",
        kind: "api",
        action: "cloudhsm.create-cluster-from-backup",
        service: "cloudhsmv2",
        operation: "CreateCluster",
        input: {
          HsmType: "hsm1.medium",
          SubnetIds: ["subnet-0a", "subnet-0b"],
          SourceBackupId: "backup-abc",
        },
        mutating: true,
      },
      {
        id: "wait-cluster-active",
        title: "Wait",
        kind: "wait",
        action: "wait.cluster-active",
        input: { ClusterId: "{{NewClusterId}}" },
        mutating: false,
        timeout: "30m",
      },
      {
        id: "create-hsm-1",
        title: "Create an HSM",
        kind: "api",
        action: "cloudhsm.create-hsm",
        service: "cloudhsmv2",
        operation: "CreateHsm",
        input: { ClusterId: "{{NewClusterId}}", AvailabilityZone: "{{NewClusterAz1}}" },
        mutating: true,
      },
      {
        id: "wait-hsms-active",
        title: "Wait for HSMs",
        kind: "wait",
        action: "wait.hsms-active",
        input: { ClusterId: "{{NewClusterId}}", MinimumAvailabilityZones: 2 },
        mutating: false,
        timeout: "30m",
      },
      ...rotateSteps(),
    ];
    const doc = planToAutomation(
      plan([
        action({
          parameters: [
            { name: "BackupId", value: "backup-abc", source: "live state" },
            { name: "SubnetIds", value: "subnet-0a,subnet-0b", source: "--param" },
            { name: "HsmType", value: "hsm1.medium", source: "default" },
          ],
          steps: restore,
        }),
      ]),
    );
    expect(validateAutomation(doc)).toEqual([]);
    expect(step(doc, "create_cluster").inputs).toMatchObject({
      SourceBackupId: "{{ BackupId }}",
      SubnetIds: "{{ SubnetIds }}",
      HsmType: "{{ HsmType }}",
    });
    expect(step(doc, "create_cluster").outputs).toEqual([
      { Name: "ClusterId", Selector: "$.Cluster.ClusterId", Type: "String" },
    ]);
    expect(doc.parameters.SubnetIds).toMatchObject({
      type: "StringList",
      default: ["subnet-0a", "subnet-0b"],
    });
    expect(doc.parameters.BackupId).toMatchObject({ type: "String", default: "backup-abc" });
    expect(step(doc, "create_cluster_check").inputs).toMatchObject({
      Api: "DescribeBackups",
      Filters: { backupIds: ["{{ BackupId }}"] },
      DesiredValues: ["READY"],
    });
    expect(step(doc, "create_hsm_1").inputs).toMatchObject({
      ClusterId: "{{ create_cluster.ClusterId }}",
      AvailabilityZone: "{{ NewClusterAz1 }}",
    });
    expect(doc.parameters.NewClusterAz1).toMatchObject({ type: "String" });
    expect(doc.parameters.NewClusterAz1).not.toHaveProperty("default");
    expect(step(doc, "wait_cluster_active").inputs.DesiredValues).toEqual(
      expect.arrayContaining(["ACTIVE", "DELETED"]),
    );
    const hsms = step(doc, "wait_hsms_active");
    expect(hsms.action).toBe("aws:executeScript");
    expect(hsms.timeoutSeconds).toBeLessThanOrEqual(600);
    // 30 minutes of waiting, in runs of at most 600 seconds.
    expect(hsms.maxAttempts! * 600).toBeGreaterThanOrEqual(1800);
    expect(hsms.inputs.InputPayload).toEqual({
      ClusterId: "{{ create_cluster.ClusterId }}",
      MinimumAvailabilityZones: 2,
    });
  });

  it("skips the steps kcs skips on a CONNECTED store with a branch past them", () => {
    const steps = rotateSteps().map((s) =>
      ["disconnect", "wait-disconnected"].includes(s.id) ? { ...s, onlyIfNotConnected: true } : s,
    );
    const doc = planToAutomation(plan([action({ steps })]));
    expect(validateAutomation(doc)).toEqual([]);
    expect(names(doc).slice(0, 5)).toEqual([
      "disconnect_state",
      "disconnect_if_not_connected",
      "disconnect_check",
      "disconnect",
      "wait_disconnected",
    ]);
    expect(step(doc, "disconnect_state").outputs).toEqual([
      { Name: "ConnectionState", Selector: "$.CustomKeyStores[0].ConnectionState", Type: "String" },
    ]);
    expect(step(doc, "disconnect_if_not_connected").inputs).toEqual({
      Choices: [
        {
          NextStep: "set_kmsuser_password",
          Variable: "{{ disconnect_state.ConnectionState }}",
          StringEquals: "CONNECTED",
        },
      ],
      Default: "disconnect_check",
    });
  });

  it("checks DescribeKey answers NotFoundException with a script, as kcs does before deleting orphaned material", () => {
    const check: PlanStep = {
      id: "check-key-deleted-1",
      title: "Check the KMS key is gone",
      kind: "api",
      action: "kms.check-key-deleted",
      service: "kms",
      operation: "DescribeKey",
      input: { KeyId: "arn:aws:kms:eu-west-1:111122223333:key/1e023855-9b12-4805-a8f5-bf5f805b4f6c" },
      mutating: false,
    };
    const doc = planToAutomation(plan([action({ steps: [check, ...rotateSteps()] })]));
    expect(validateAutomation(doc)).toEqual([]);
    const s = step(doc, "check_key_deleted_1");
    expect(s.action).toBe("aws:executeScript");
    expect(s.inputs.Script).toContain('"NotFoundException"');
    expect(s.inputs.InputPayload).toEqual(check.input);
  });

  it("keeps an approval's message within aws:approve's 4096 characters, saying what it left out", () => {
    const labels = Array.from(
      { length: 200 },
      (_, i) =>
        `key list --filter attr.label=arn:aws:kms:eu-west-1:111122223333:key/${String(i).padStart(8, "0")}-9b12-4805-a8f5-bf5f805b4f6c`,
    );
    const steps = rotateSteps().map((s) => (s.kind === "manual" ? { ...s, commands: labels } : s));
    const doc = planToAutomation(plan([action({ steps })]));
    const message = String(step(doc, "set_kmsuser_password").inputs.Message);
    expect(message.length).toBeLessThanOrEqual(4096);
    expect(message).toMatch(/\.\.\. \d+ more line\(s\): kcs fix --dry-run -o markdown shows them all/);
    expect(validateAutomation(doc)).toEqual([]);
  });

  it("a hostile store name stays one literal line: no YAML break, no step, no {{ }} reference", () => {
    const hostile =
      "evil\n- name: pwned\n  action: aws:executeAwsApi {{ AutomationAssumeRole }}'#x}}}\u001b[31m";
    const doc = planToAutomation(plan([action({ customKeyStoreName: hostile })]));
    expect(validateAutomation(doc)).toEqual([]);
    const yaml = stringify(doc, { lineWidth: 0, singleQuote: true, aliasDuplicateObjects: false });
    expect(parse(yaml)).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(names(doc)).toEqual(names(planToAutomation(plan())));
    const everything = JSON.stringify(doc);
    expect(everything).not.toContain("pwned\n");
    expect(everything).not.toContain("\u001b");
    expect(doc.description).toContain(
      "evil - name: pwned   action: aws:executeAwsApi { { AutomationAssumeRole } }'#x} } }",
    );
    // The only references in the whole document are kcs's own.
    const refs = [...everything.matchAll(/\{\{ ?([^}]*?) ?\}\}/g)].map((m) => m[1]);
    expect(new Set(refs)).toEqual(new Set(["AutomationAssumeRole", "KmsUserPassword", "Approvers"]));
    expect(doc.assumeRole).toBe("{{ AutomationAssumeRole }}");
  });

  it("refuses a plan of several Regions or accounts: an Automation execution runs in one", () => {
    const spread = plan([
      { ...action(), region: "eu-west-1", account: "111122223333" } as ReturnType<typeof action>,
      {
        ...action({ customKeyStoreId: "cks-0fedcba0987654321" }),
        region: "us-east-1",
        account: "111122223333",
      } as ReturnType<typeof action>,
    ]);
    expect(() => planToAutomation(spread)).toThrow(UsageError);
    expect(() => planToAutomation(spread)).toThrow(/one per Region and account/);
  });

  it("refuses a masked member it has no parameter for, rather than write the mask", () => {
    const steps = rotateSteps().map((s) =>
      s.id === "update-store-password"
        ? { ...s, input: { CustomKeyStoreId: STORE, NewSecret: "********" } }
        : s,
    );
    expect(() => planToAutomation(plan([action({ steps })]))).toThrow(/masks NewSecret/);
  });

  it("refuses a plan with nothing to do", () => {
    expect(() => planToAutomation(plan([]))).toThrow(/no steps/);
  });
});

describe("literal", () => {
  it("leaves no {{ or }} however many braces, and no line break", () => {
    for (const text of ["{{x}}", "{{{x}}}", "{{{{", "a}}}}b", "x\n{{ y }}\r\n"]) {
      const out = literal(text);
      expect(out).not.toMatch(/\{\{|\}\}|[\r\n]/);
    }
    expect(literal("{{ Name }}")).toBe("{ { Name } }");
  });
});
