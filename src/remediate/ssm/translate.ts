import { parseDuration } from "../../core/duration.js";
import { UsageError } from "../../core/errors.js";
import { MASK } from "../../core/secret.js";
import { t } from "../../i18n/index.js";
import type { ActionId } from "../actions/ids.js";
import type { Plan, PlanAction, PlanStep } from "../plan.js";
import { type AutomationDocument, type AutomationParameter, type AutomationStep, ref } from "./document.js";
import { literal, prose } from "./literal.js";
import { OUTPUTS, PRECONDITIONS, type Probe, STATE_OUTPUT, WAITS } from "./live-checks.js";
import { HSM_SCRIPT_SECONDS, HSMS_ACTIVE_SCRIPT, KEY_DELETED_SCRIPT, SCRIPT_RUNTIME } from "./scripts.js";

/** AWS's limits the translation keeps to (the SSM Automation action reference). */
export const AUTOMATION_LIMITS = {
  approveMessage: 4096,
  scriptSeconds: 600,
  stepName: 128,
} as const;

/** kcs's own rule for a kmsuser password (core/secret.ts PASSWORD_RULE), checked by Automation at start. */
const PASSWORD_PATTERN = "^[A-Za-z0-9]{7,32}$";

/** Manual steps done logged in as kmsuser, or setting its password: the approver uses the parameter's password. */
const KMSUSER_PASSWORD_STEPS: ReadonlySet<ActionId> = new Set([
  "hsm.set-kmsuser-password",
  "hsm.create-kmsuser",
  "hsm.delete-key-material",
  "hsm.verify-key-material",
]);

/** Request members that take a plan parameter's value: the parameter becomes the document's, its planned value the default. */
const MEMBER_PARAMETERS: Record<string, string> = {
  SourceBackupId: "BackupId",
  SubnetIds: "SubnetIds",
  HsmType: "HsmType",
  XksProxyUriPath: "XksProxyUriPath",
  XksProxyUriEndpoint: "XksProxyUriEndpoint",
};

const IAM_PREFIX: Record<string, string> = { kms: "kms", cloudhsmv2: "cloudhsm" };

/** One action of the plan while its steps are translated. */
interface Scope {
  action: PlanAction;
  index: number;
  /** The step whose output is the restored cluster's id ({{NewClusterId}}). */
  clusterStep?: string;
}

/**
 * kcs's plan as an SSM Automation document that does what `kcs fix` would: the same calls in the
 * same order, each mutating one after an assert of the state the plan expects, waits that stop on
 * failure states, manual steps as approvals carrying their CloudHSM CLI lines, and secrets as
 * parameters given at run time. Pure: the plan in, the document out.
 */
export function planToAutomation(plan: Plan): AutomationDocument {
  refuseSeveralPlaces(plan);
  if (plan.actions.every((a) => a.steps.length === 0)) throw new UsageError(t("fix.ssm.noSteps"));
  return new Translation(plan).document();
}

/** An Automation execution runs in one account and Region; a fleet's plan needs one document per place. */
function refuseSeveralPlaces(plan: Plan) {
  const places = new Set(
    plan.actions.map((a) => {
      // Plans of several accounts or Regions name them per action (passthrough members).
      const where = a as unknown as { account?: unknown; region?: unknown };
      return `${String(where.account ?? "")} ${String(where.region ?? plan.region)}`;
    }),
  );
  if (places.size > 1) throw new UsageError(t("fix.ssm.severalPlaces", { count: places.size }));
}

class Translation {
  private readonly parameters: Record<string, AutomationParameter> = {};
  private readonly steps: AutomationStep[] = [];
  private readonly names = new Set<string>();
  /** Branches waiting for the name of the next step pushed. */
  private waiting: ((name: string) => void)[] = [];
  private readonly calls = new Set<string>();

  constructor(private readonly plan: Plan) {}

  document(): AutomationDocument {
    for (const [index, action] of this.plan.actions.entries()) this.translateAction({ action, index });
    if (this.waiting.length) throw new Error("a branch skips to a step after the last one");
    this.steps[this.steps.length - 1]!.isEnd = true;
    const manual = this.plan.actions.some((a) => a.steps.some((s) => s.kind === "manual"));
    return {
      schemaVersion: "0.3",
      description: this.description(),
      assumeRole: ref("AutomationAssumeRole"),
      parameters: {
        AutomationAssumeRole: {
          type: "String",
          description: `The ARN of the IAM role Automation assumes for every call of this document: ${[...this.calls].sort().join(", ")}.`,
        },
        ...this.parameters,
        ...(manual
          ? {
              Approvers: {
                type: "StringList",
                description:
                  "The IAM users or roles (ARNs) who do the manual steps (on the HSMs, or at the XKS proxy) and approve each one once it is done.",
              },
            }
          : {}),
      },
      mainSteps: this.steps,
    };
  }

  private translateAction(scope: Scope) {
    const steps = scope.action.steps;
    for (const [i, step] of steps.entries()) {
      const opensGroup = step.onlyIfNotConnected === true && steps[i - 1]?.onlyIfNotConnected !== true;
      if (opensGroup) this.branchIfConnected(scope, step);
      const closesGroup = step.onlyIfNotConnected === true && steps[i + 1]?.onlyIfNotConnected !== true;
      this.translateStep(scope, step);
      if (closesGroup) {
        const branch = this.steps.findLast((s) => s.action === "aws:branch")!;
        this.waiting.push((next) => {
          (branch.inputs.Choices as { NextStep: string }[])[0]!.NextStep = next;
        });
      }
    }
  }

  /** kcs skips these steps when the live store is CONNECTED: read its state, then branch past them. */
  private branchIfConnected(scope: Scope, first: PlanStep) {
    const read = this.push(scope, `${first.id}_state`, {
      action: "aws:executeAwsApi",
      description: literal(`Read the store's state: the next steps run only if it is not CONNECTED`),
      inputs: this.call("kms", "DescribeCustomKeyStores", {
        CustomKeyStoreId: scope.action.customKeyStoreId,
      }),
      outputs: [STATE_OUTPUT],
    });
    const branch = this.push(scope, `${first.id}_if_not_connected`, {
      action: "aws:branch",
      inputs: {
        Choices: [
          { NextStep: "", Variable: ref(`${read.name}.${STATE_OUTPUT.Name}`), StringEquals: "CONNECTED" },
        ],
        Default: "",
      },
    });
    this.waiting.push((next) => {
      branch.inputs.Default = next;
    });
  }

  private translateStep(scope: Scope, step: PlanStep) {
    const action = step.action;
    switch (step.kind) {
      case "api": {
        if (action === "kms.check-key-deleted") {
          this.script(
            scope,
            step,
            KEY_DELETED_SCRIPT,
            { KeyId: this.resolve(scope, step.input.KeyId, "KeyId") },
            ["kms:DescribeKey"],
          );
          return;
        }
        if (!step.service || !step.operation) throw new Error(`step ${step.id} names no API call`);
        const inputs = this.apiInputs(scope, step);
        const pre = PRECONDITIONS[action];
        // A new mutating action says what it re-reads before it acts, or no document is written.
        if (step.mutating && !pre) throw new Error(`kcs has no Automation precondition for ${action}`);
        if (step.mutating && pre)
          this.assert(
            scope,
            `${step.id}_check`,
            pre(inputs),
            `Before: ${step.title} (the state the plan expects)`,
          );
        const made = this.push(scope, step.id, {
          action: "aws:executeAwsApi",
          description: literal(step.title),
          inputs: this.call(step.service, step.operation, inputs),
          ...(OUTPUTS[action] ? { outputs: OUTPUTS[action] } : {}),
        });
        if (action === "cloudhsm.create-cluster-from-backup") scope.clusterStep = made.name;
        return;
      }
      case "wait": {
        const seconds = Math.ceil(parseDuration(step.timeout ?? "20m", "timeout") / 1000);
        if (action === "wait.hsms-active") {
          this.script(
            scope,
            step,
            HSMS_ACTIVE_SCRIPT,
            this.resolve(scope, step.input, "") as Record<string, unknown>,
            ["cloudhsm:DescribeClusters"],
            Math.ceil(seconds / HSM_SCRIPT_SECONDS),
          );
          return;
        }
        const spec = WAITS[action];
        if (!spec) throw new Error(`kcs has no Automation form for the wait ${action}`);
        const probe = spec.probe(this.resolve(scope, step.input, "") as Record<string, unknown>);
        this.push(scope, step.id, {
          action: "aws:waitForAwsResourceProperty",
          description: literal(step.title),
          timeoutSeconds: seconds,
          inputs: this.probeInputs(probe, probe.values),
        });
        // The wait also ends on a failure state: assert it ended well, or the run stops here.
        if (probe.values.some((v) => !spec.good.includes(v)))
          this.assert(
            scope,
            `${step.id}_ok`,
            { ...probe, values: spec.good },
            literal(
              `${step.expect ?? step.title}${step.onFailure ? `. If not: ${step.onFailure.trim()}` : ""}`,
            ),
          );
        return;
      }
      case "manual":
        this.push(scope, step.id, {
          action: "aws:approve",
          description: literal(step.title),
          inputs: {
            Approvers: ref("Approvers"),
            MinRequiredApprovals: 1,
            Message: this.message(scope, step),
          },
        });
        return;
      case "verify":
        this.assert(
          scope,
          step.id,
          {
            inputs: {
              Service: "kms",
              Api: "DescribeCustomKeyStores",
              CustomKeyStoreId: scope.action.customKeyStoreId,
              PropertySelector: "$.CustomKeyStores[0].ConnectionState",
            },
            values: ["CONNECTED"],
          },
          literal(
            `The store is CONNECTED (kcs doctor is the full check of ${scope.action.findings.join(", ")})`,
          ),
        );
        return;
    }
  }

  /** A call's request: the planned input, with secrets, learned values and plan parameters as references. */
  private apiInputs(scope: Scope, step: PlanStep): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(step.input).map(([member, value]) => {
        const name = MEMBER_PARAMETERS[member];
        const planned = name ? scope.action.parameters.find((p) => p.name === name) : undefined;
        const shown = Array.isArray(value) ? value.join(",") : value;
        if (name && planned && planned.value === shown) {
          const param = this.paramName(scope, name);
          this.parameters[param] = {
            type: Array.isArray(value) ? "StringList" : "String",
            description: literal(
              `${name} for ${scope.action.customKeyStoreName} (${scope.action.customKeyStoreId}), as kcs planned it (from ${planned.source})`,
            ),
            default: Array.isArray(value) ? value.map((v) => literal(String(v))) : literal(String(value)),
          };
          return [member, ref(param)];
        }
        return [member, this.resolve(scope, value, member)];
      }),
    );
  }

  /** A value of a step's input: masks become secret parameters, {{Placeholders}} what names them. */
  private resolve(scope: Scope, value: unknown, member: string): unknown {
    if (typeof value === "string") {
      if (value === MASK) return ref(this.secret(scope, member));
      const learned = /^\{\{(\w+)\}\}$/.exec(value)?.[1];
      if (learned) return ref(this.learned(scope, learned));
      return literal(value);
    }
    if (Array.isArray(value)) return value.map((v) => this.resolve(scope, v, member));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(scope, v, k)]));
    return value;
  }

  /** The parameter a masked member stands for: given at run time, never a default. */
  private secret(scope: Scope, member: string): string {
    const store = `${literal(scope.action.customKeyStoreName)} (${scope.action.customKeyStoreId})`;
    if (member === "KeyStorePassword") {
      const name = this.paramName(scope, "KmsUserPassword");
      this.parameters[name] = {
        type: "String",
        description: `The new kmsuser password for ${store}: 7-32 letters and digits, the one the approver sets on the HSMs. Given when the run starts, never written here.`,
        allowedPattern: PASSWORD_PATTERN,
      };
      return name;
    }
    const xks: Record<string, [string, string]> = {
      AccessKeyId: ["XksProxyAccessKeyId", "access key id"],
      RawSecretAccessKey: ["XksProxySecretAccessKey", "secret access key"],
    };
    const part = xks[member];
    if (!part) throw new Error(`the plan masks ${member}, which no document parameter stands for`);
    const name = `${part[0]}${this.suffix(scope, "XksProxyCredential")}`;
    this.parameters[name] = {
      type: "String",
      description: `The ${part[1]} of the XKS proxy credential KMS is to use for ${store}. Given when the run starts, never written here.`,
    };
    return name;
  }

  /** A value kcs learns while it runs: an earlier step's output where one makes it, else a parameter to give. */
  private learned(scope: Scope, name: string): string {
    if (name === "NewClusterId" && scope.clusterStep) return `${scope.clusterStep}.ClusterId`;
    const param = this.paramName(scope, name);
    this.parameters[param] = {
      type: "String",
      description: literal(
        `${name} for ${scope.action.customKeyStoreName}: kcs learns it while it runs (the restored cluster's subnets' Availability Zones): give it when the run starts`,
      ),
    };
    return param;
  }

  private suffix(scope: Scope, base: string): string {
    const users = this.plan.actions.filter((a) => a.parameters.some((p) => p.name === base)).length;
    return users > 1 ? String(scope.index + 1) : "";
  }

  /** One parameter per store where several stores' actions have one of that name (one password per cluster). */
  private paramName(scope: Scope, base: string): string {
    return `${base}${this.suffix(scope, base)}`;
  }

  /** The approval a manual step becomes: its title, the exact lines, and what approving means. */
  private message(scope: Scope, step: PlanStep): string {
    const password = KMSUSER_PASSWORD_STEPS.has(step.action)
      ? [`Use the kmsuser password given to this run as ${this.paramName(scope, "KmsUserPassword")}.`]
      : [];
    const head = [
      literal(`${step.title} (${scope.action.customKeyStoreName}, ${scope.action.customKeyStoreId})`),
      ...(step.expect ? [literal(`Done when: ${step.expect}`)] : []),
      ...password,
      "",
    ];
    const line = (text: string) => this.withReferences(scope, text);
    const body = [
      ...(step.commands ?? []).map(line),
      ...(step.legacyCommands?.length
        ? ["", "Legacy (Client SDK 3):", ...step.legacyCommands.map(line)]
        : []),
    ];
    const tail = ["", "Approve once it is done; reject to stop the run here."];
    const join = (lines: string[]) => lines.join("\n");
    let shown = body.length;
    const text = () => {
      const cut = body.length - shown;
      const more = cut ? [`... ${cut} more line(s): kcs fix --dry-run -o markdown shows them all`] : [];
      return join([...head, ...body.slice(0, shown), ...more, ...tail]);
    };
    while (text().length > AUTOMATION_LIMITS.approveMessage && shown > 0) shown--;
    return text();
  }

  /**
   * A line of a manual step with what the run learns ({{NewClusterId}}) as the reference Automation
   * fills in, so the approver reads the restored cluster's id; everything else literal.
   */
  private withReferences(scope: Scope, text: string): string {
    return text
      .split(/(\{\{\w+\}\})/)
      .map((part, i) => (i % 2 === 1 ? ref(this.learned(scope, part.slice(2, -2))) : literal(part)))
      .join("");
  }

  private script(
    scope: Scope,
    step: PlanStep,
    script: string,
    payload: Record<string, unknown>,
    calls: string[],
    attempts = 1,
  ) {
    for (const c of calls) this.calls.add(c);
    this.push(scope, step.id, {
      action: "aws:executeScript",
      description: literal(step.title),
      timeoutSeconds: AUTOMATION_LIMITS.scriptSeconds,
      ...(attempts > 1 ? { maxAttempts: attempts } : {}),
      inputs: { Runtime: SCRIPT_RUNTIME, Handler: "handler", Script: script, InputPayload: payload },
    });
  }

  private assert(scope: Scope, id: string, probe: Probe, description: string) {
    this.push(scope, id, {
      action: "aws:assertAwsResourceProperty",
      description,
      inputs: this.probeInputs(probe, probe.values),
    });
  }

  private probeInputs(probe: Probe, values: string[]): Record<string, unknown> {
    const { Service, Api, ...rest } = probe.inputs as { Service: string; Api: string };
    return { ...this.call(Service, Api, rest), DesiredValues: values };
  }

  private call(service: string, api: string, request: Record<string, unknown>): Record<string, unknown> {
    this.calls.add(`${IAM_PREFIX[service] ?? service}:${api}`);
    return { Service: service, Api: api, ...request };
  }

  /** Adds a step under a unique, valid name (letters, digits, underscores) and settles pending branches. */
  private push(scope: Scope, id: string, step: Omit<AutomationStep, "name" | "onFailure">): AutomationStep {
    const several = this.plan.actions.length > 1;
    const base = `${several ? `s${scope.index + 1}_` : ""}${id}`
      .replace(/[^A-Za-z0-9_]/g, "_")
      .slice(0, AUTOMATION_LIMITS.stepName - 8);
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}_${n}`;
    this.names.add(name);
    const { action, ...rest } = step;
    const made: AutomationStep = { name, action, onFailure: "Abort", ...rest };
    for (const settle of this.waiting) settle(name);
    this.waiting = [];
    this.steps.push(made);
    return made;
  }

  private description(): string {
    const plan = this.plan;
    const impact = plan.impact;
    const name = (id: string) =>
      literal(plan.actions.find((a) => a.customKeyStoreId === id)?.customKeyStoreName ?? id);
    const impactLine = !impact
      ? "Impact: not stated (a plan from an older kcs)."
      : `Impact: ${[
          impact.storesTakenOffline.length === 0
            ? "no store is taken offline"
            : impact.keysMadeUnavailable > 0
              ? `takes ${impact.storesTakenOffline.map(name).join(", ")} offline: ${impact.keysMadeUnavailable} key(s) usable now are Unavailable while it runs`
              : `disconnects ${impact.storesTakenOffline.map(name).join(", ")}, whose keys are already unusable`,
          ...(impact.creates?.length ? [`creates ${impact.creates.map(prose).join(" and ")} (billed)`] : []),
          ...(impact.leavesBehind?.length
            ? [`leaves behind ${impact.leavesBehind.map(prose).join("; ")}`]
            : []),
        ].join("; ")}.`;
    return [
      `kcs fix plan for ${literal(plan.region)} (${plan.backend} backend), made ${literal(plan.createdAt)}; written by kcs fix --dry-run -o ssm-automation.`,
      "",
      ...plan.actions.map(
        (a) =>
          `- ${a.findings.join(", ")} on ${literal(a.customKeyStoreName)} (${a.customKeyStoreId}): runbook ${a.runbook}`,
      ),
      "",
      impactLine,
      `Basis (the store states the plan was made from): ${plan.basis.map((b) => `${b.customKeyStoreId} ${b.fingerprint}`).join(", ")}.`,
      ...(plan.notes ?? []).map((n) => `Note: ${prose(n)}`),
      "",
      "Before each mutating call an assert checks the state the plan expects there: the run stops when someone else moved the store. Waits end on failure states too, and an assert after them stops the run. Manual steps are approvals: an approver does the lines in the message, then approves. The last step of each store asserts it is CONNECTED; kcs doctor is the full verification.",
    ].join("\n");
  }
}
