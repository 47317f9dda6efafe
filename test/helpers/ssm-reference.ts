/**
 * The SSM Automation action reference (schemaVersion 0.3), as data, for the actions a kcs document
 * may use: from the AWS Systems Manager user guide's action pages, as summarised in
 * ../shared/reference/xks-ssm-cloudhsm-cli.md. `requires` are the inputs the action cannot run
 * without; `fixed` the inputs it takes besides an API's request members (`api: true`: the rest of
 * `inputs` is the named API's request); `maxTimeoutSeconds` the longest timeoutSeconds it accepts.
 */
export interface ActionReference {
  requires: string[];
  fixed: string[];
  api: boolean;
  maxTimeoutSeconds: number;
}

export const ACTION_REFERENCE: Record<string, ActionReference> = {
  // "aws:executeAwsApi ... at most 25 s" (the reference file): a call, not a wait.
  "aws:executeAwsApi": {
    requires: ["Service", "Api"],
    fixed: ["Service", "Api"],
    api: true,
    maxTimeoutSeconds: 25,
  },
  // Default 3600 s; kcs's waits are bounded by its own --timeout ceiling, 24 h.
  "aws:waitForAwsResourceProperty": {
    requires: ["Service", "Api", "PropertySelector", "DesiredValues"],
    fixed: ["Service", "Api", "PropertySelector", "DesiredValues"],
    api: true,
    maxTimeoutSeconds: 86_400,
  },
  "aws:assertAwsResourceProperty": {
    requires: ["Service", "Api", "PropertySelector", "DesiredValues"],
    fixed: ["Service", "Api", "PropertySelector", "DesiredValues"],
    api: true,
    maxTimeoutSeconds: 86_400,
  },
  "aws:branch": {
    requires: ["Choices"],
    fixed: ["Choices", "Default"],
    api: false,
    maxTimeoutSeconds: 86_400,
  },
  // "The default timeout for this action is 7 days (604800 seconds) and the maximum value is 30 days."
  "aws:approve": {
    requires: ["Approvers"],
    fixed: ["Approvers", "Message", "MinRequiredApprovals", "NotificationArn"],
    api: false,
    maxTimeoutSeconds: 2_592_000,
  },
  // aws:executeScript runs at most 600 seconds.
  "aws:executeScript": {
    requires: ["Runtime", "Handler", "Script"],
    fixed: ["Runtime", "Handler", "Script", "InputPayload", "Attachment"],
    api: false,
    maxTimeoutSeconds: 600,
  },
};

/** aws:approve's Message: at most 4096 characters. */
export const APPROVE_MESSAGE_MAX = 4096;
/** aws:executeScript's Python runtimes. */
export const SCRIPT_RUNTIMES = ["python3.8", "python3.9", "python3.10", "python3.11", "python3.12"];
export const TOP_LEVEL_KEYS = [
  "schemaVersion",
  "description",
  "assumeRole",
  "parameters",
  "mainSteps",
  "outputs",
  "files",
];
export const STEP_KEYS = [
  "name",
  "action",
  "description",
  "inputs",
  "outputs",
  "onFailure",
  "onCancel",
  "isEnd",
  "isCritical",
  "nextStep",
  "timeoutSeconds",
  "maxAttempts",
];
export const PARAMETER_TYPES = ["String", "StringList", "Integer", "Boolean", "MapList", "StringMap"];
export const OUTPUT_TYPES = ["String", "Integer", "Boolean", "StringList", "StringMap", "MapList"];
/** The boto3 client names of the services kcs calls, as executeAwsApi's Service takes them. */
export const SERVICES = ["kms", "cloudhsmv2"];
/** Step names: letters, digits and underscores, at most 128 characters. */
export const STEP_NAME = /^[A-Za-z0-9_]{1,128}$/;
