/**
 * An AWS Systems Manager Automation document (schemaVersion 0.3), as kcs writes one: the subset of
 * the format its plans need. Plain data: `kcs fix --dry-run -o ssm-automation` prints it as YAML.
 */
export type ParameterType = "String" | "StringList" | "Integer" | "Boolean";

export interface AutomationParameter {
  type: ParameterType;
  description: string;
  /** Absent for what the person starting the run must give: a password, a role, approvers. */
  default?: string | string[];
  allowedPattern?: string;
}

export interface AutomationOutput {
  Name: string;
  Selector: string;
  Type: "String" | "Integer" | "StringList";
}

export interface AutomationStep {
  name: string;
  action: string;
  description?: string;
  onFailure: "Abort";
  timeoutSeconds?: number;
  maxAttempts?: number;
  isEnd?: boolean;
  inputs: Record<string, unknown>;
  outputs?: AutomationOutput[];
}

export interface AutomationDocument {
  schemaVersion: "0.3";
  description: string;
  assumeRole: string;
  parameters: Record<string, AutomationParameter>;
  mainSteps: AutomationStep[];
}

/** How a document names a parameter or an earlier step's output in a step's inputs. */
export const ref = (name: string) => `{{ ${name} }}`;
