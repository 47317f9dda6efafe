import type { ManualTask } from "../../backend/hsm-operator.js";
import { plainWord } from "../../core/shell.js";
import { plan as englishPlan } from "../../i18n/en/plan.js";
import type { PlanStep } from "../plan.js";
import type { ManualCommands } from "./action.js";

export const CLOUDHSM_CLI = "/opt/cloudhsm/bin/cloudhsm-cli interactive";
export const CMU = "/opt/cloudhsm/bin/cloudhsm_mgmt_util /opt/cloudhsm/etc/cloudhsm_mgmt_util.cfg";
export const KMU = "/opt/cloudhsm/bin/key_mgmt_util";
/** Placeholders, never values: no secret is ever printed. A view says them in the run's language. */
export const NEW_PASSWORD = englishPlan.placeholder.newKmsuserPassword;
const ADMIN_PASSWORD = englishPlan.placeholder.adminPassword;

/** A task an admin does on the HSMs: the CloudHSM CLI line, and its legacy cloudhsm_mgmt_util form. */
export function asAdmin(clusterId: string, cli: string, legacy: string): ManualCommands {
  return {
    commands: [
      `# on a client instance of cluster ${plainWord(clusterId)}`,
      CLOUDHSM_CLI,
      "login --username admin --role admin",
      cli,
      "logout",
    ],
    legacyCommands: [CMU, `loginHSM CO admin ${ADMIN_PASSWORD}`, legacy, "logoutHSM"],
  };
}

/** A manual step as the person (or the --hsm-hook) receives it: what to do, the commands, the input. */
export function manualTask(
  step: PlanStep,
  input: Record<string, unknown>,
  what: string,
  commands: ManualCommands,
): ManualTask {
  return { action: step.action, what, input, ...commands };
}
