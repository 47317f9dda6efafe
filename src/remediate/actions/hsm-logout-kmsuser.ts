import { plainWord } from "../../core/shell.js";
import { t } from "../../i18n/index.js";
import { CLOUDHSM_ONLY, defineAction, type ManualCommands } from "./action.js";
import { ClusterInput } from "./inputs.js";
import { manualTask } from "./manual.js";

function commands({ ClusterId }: { ClusterId: string }): ManualCommands {
  return {
    commands: [
      `# in every cloudhsm-cli session logged in as kmsuser on cluster ${plainWord(ClusterId)}`,
      "logout",
    ],
    legacyCommands: [
      "# in every key_mgmt_util or cloudhsm_mgmt_util session logged in as kmsuser",
      "logoutHSM",
    ],
  };
}

/** The line that asks the person (it names what they must check). */
const what = ({ ClusterId }: { ClusterId: string }): string =>
  t("fix.what.logoutKmsuser", { cluster: ClusterId });

export const hsmLogoutKmsuser = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "manual",
  mutating: true,
  expect: "no session is logged in as kmsuser",
  plan: (p) => ({ ClusterId: p.targetCluster }),
  input: ClusterInput,
  commands,
  what,
  run(input, step, _action, ctx, report) {
    const task = manualTask(step, input, what(input), commands(input));
    return ctx.operator.perform(task, undefined, report);
  },
});
