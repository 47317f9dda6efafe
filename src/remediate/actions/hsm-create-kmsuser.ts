import { t } from "../../i18n/index.js";
import { CLOUDHSM_ONLY, defineAction, type ManualCommands } from "./action.js";
import { ClusterInput } from "./inputs.js";
import { asAdmin, manualTask, NEW_PASSWORD } from "./manual.js";
import { setKmsuser } from "./passwords.js";

function commands({ ClusterId }: { ClusterId: string }): ManualCommands {
  return asAdmin(
    ClusterId,
    "user create --username kmsuser --role crypto-user   # enter the kmsuser password when asked; no MFA",
    `createUser CU kmsuser ${NEW_PASSWORD}`,
  );
}

/** The line that asks the person (it names what they must check). */
const what = ({ ClusterId }: { ClusterId: string }): string =>
  t("fix.what.createKmsuser", { cluster: ClusterId });

export const hsmCreateKmsuser = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "manual",
  mutating: true,
  needsPassword: true,
  changesKmsuser: true,
  expect: "a crypto user kmsuser exists, without MFA",
  plan: (p) => ({ ClusterId: p.targetCluster }),
  input: ClusterInput,
  commands,
  what,
  run(input, step, action, ctx, report) {
    const task = manualTask(step, input, what(input), commands(input));
    return setKmsuser(input.ClusterId, action, ctx, (pw) => ctx.operator.perform(task, pw, report));
  },
});
