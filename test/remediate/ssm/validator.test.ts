import { describe, expect, it } from "vitest";
import type { AutomationDocument } from "../../../src/remediate/ssm/document.js";
import { planToAutomation } from "../../../src/remediate/ssm/translate.js";
import { validateAutomation } from "../../helpers/ssm-validate.js";
import { plan } from "./fixtures.js";

/** A valid document, changed by `edit`: the validator must name what the edit broke. */
function broken(edit: (doc: AutomationDocument) => void): string[] {
  const doc = JSON.parse(JSON.stringify(planToAutomation(plan()))) as AutomationDocument;
  edit(doc);
  return validateAutomation(doc, ["Fix3dPassw0rd"]);
}

const stepNamed = (doc: AutomationDocument, name: string) => doc.mainSteps.find((s) => s.name === name)!;

// The validator checks every generated document; these show it is not vacuous.
describe("validateAutomation rejects broken documents", () => {
  it("accepts the document as made", () => {
    expect(broken(() => undefined)).toEqual([]);
  });

  it.each<[string, (doc: AutomationDocument) => void, RegExp]>([
    ["an unknown action", (d) => (d.mainSteps[0]!.action = "aws:runShell"), /unknown action aws:runShell/],
    [
      "a reference to no parameter",
      (d) => (stepNamed(d, "disconnect").inputs.CustomKeyStoreId = "{{ StoreId }}"),
      /\{\{ StoreId \}\} names no parameter/,
    ],
    [
      "a reference to a later step's output",
      (d) => (stepNamed(d, "disconnect").inputs.CustomKeyStoreId = "{{ verify.ConnectionState }}"),
      /names no output of an earlier step/,
    ],
    [
      "a password written in the document",
      (d) => (stepNamed(d, "update_store_password").inputs.KeyStorePassword = "Fix3dPassw0rd"),
      /KeyStorePassword is not a parameter without a default|holds a secret/,
    ],
    [
      "a password parameter with a default",
      (d) => (d.parameters.KmsUserPassword!.default = "Fix3dPassw0rd"),
      /parameter KmsUserPassword has a default/,
    ],
    [
      "the plan's mask in a request",
      (d) => (stepNamed(d, "update_store_password").inputs.KeyStorePassword = "********"),
      /holds a secret/,
    ],
    ["a step name SSM refuses", (d) => (d.mainSteps[0]!.name = "disconnect-check"), /invalid name/],
    ["two steps of one name", (d) => (d.mainSteps[1]!.name = d.mainSteps[0]!.name), /duplicate name/],
    [
      "a timeout over the action's limit",
      (d) => (stepNamed(d, "disconnect").timeoutSeconds = 60),
      /timeoutSeconds 60 is outside 1-25/,
    ],
    [
      "a required input missing",
      (d) => delete stepNamed(d, "set_kmsuser_password").inputs.Approvers,
      /aws:approve needs Approvers/,
    ],
    [
      "an approval message over 4096 characters",
      (d) => (stepNamed(d, "set_kmsuser_password").inputs.Message = "x".repeat(4097)),
      /Message longer than 4096/,
    ],
    [
      "an unknown top-level key",
      (d) => ((d as unknown as Record<string, unknown>).runAs = "root"),
      /unknown top-level key runAs/,
    ],
    ["a last step that does not end", (d) => delete d.mainSteps.at(-1)!.isEnd, /the last step is not isEnd/],
    [
      "a parameter with no type",
      (d) => ((d.parameters.Approvers as { type?: string }).type = "List"),
      /no valid type/,
    ],
    [
      "a step that does not abort on failure",
      (d) => ((d.mainSteps[0] as { onFailure: string }).onFailure = "Continue"),
      /onFailure is not Abort/,
    ],
    [
      "a half reference",
      (d) => (stepNamed(d, "disconnect").inputs.CustomKeyStoreId = "cks-{{ x"),
      /unbalanced/,
    ],
  ])("%s", (_what, edit, problem) => {
    const problems = broken(edit);
    expect(
      problems.some((p) => problem.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });
});
