import * as z from "zod";
import { plainWord } from "../../core/shell.js";
import { t } from "../../i18n/index.js";
import { StepFailure } from "../step-context.js";
import { CLOUDHSM_ONLY, defineAction, type ManualCommands } from "./action.js";
import { clusterId, keyArn } from "./inputs.js";
import { CLOUDHSM_CLI, KMU, manualTask, NEW_PASSWORD } from "./manual.js";
import { requirePassword } from "./passwords.js";

function commands({ ClusterId, Labels }: { ClusterId: string; Labels: string[] }): ManualCommands {
  return {
    commands: [
      `# on a client instance of the restored cluster ${plainWord(ClusterId)}`,
      CLOUDHSM_CLI,
      "login --username kmsuser --role crypto-user   # the new kmsuser password",
      ...Labels.map((l) => `key list --filter attr.label=${plainWord(l)}   # must match one key`),
      "logout",
    ],
    legacyCommands: [
      KMU,
      `loginHSM -u CU -s kmsuser -p ${NEW_PASSWORD}`,
      ...Labels.map((l) => `findKey -l ${plainWord(l)}`),
      "logoutHSM",
    ],
  };
}

/** The line that asks the person (it names what they must check). */
const what = ({ ClusterId, Labels }: { ClusterId: string; Labels: string[] }): string =>
  t("fix.what.verifyKeyMaterial", { cluster: ClusterId, count: Labels.length });

export const hsmVerifyKeyMaterial = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "manual",
  mutating: false,
  needsPassword: true,
  expect: "one key labelled with each missing KMS key's ARN",
  // Every key of the store, not only the missing ones: the store moves to this cluster whole.
  plan: (p) => ({
    ClusterId: p.targetCluster,
    Labels: p.snapshot.keys.filter((k) => k.customKeyStoreId === p.store.customKeyStoreId).map((k) => k.arn),
  }),
  input: z.object({ ClusterId: clusterId, Labels: z.array(keyArn).max(100_000) }),
  commands,
  what,
  async run(input, step, _action, ctx, report) {
    const task = manualTask(step, input, what(input), commands(input));
    try {
      return await ctx.operator.perform(task, requirePassword(ctx), report);
    } catch (err) {
      throw new StepFailure((err as Error).message, step.onFailure);
    }
  },
});
