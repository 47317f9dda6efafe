import * as z from "zod";
import { plainWord } from "../../core/shell.js";
import { t } from "../../i18n/index.js";
import { CLOUDHSM_ONLY, defineAction, type ManualCommands } from "./action.js";
import { backingKeyId, clusterId, keyArn } from "./inputs.js";
import { CLOUDHSM_CLI, KMU, manualTask, NEW_PASSWORD } from "./manual.js";
import { requirePassword } from "./passwords.js";

function commands({ ClusterId, Label }: { ClusterId: string; Label: string }): ManualCommands {
  return {
    commands: [
      `# on a client instance of cluster ${plainWord(ClusterId)}`,
      CLOUDHSM_CLI,
      "login --username kmsuser --role crypto-user   # the new kmsuser password",
      `key list --filter attr.label=${plainWord(Label)} --verbose   # exactly one key; check its backing key`,
      `key delete --filter attr.label=${plainWord(Label)}`,
      "logout",
    ],
    legacyCommands: [
      KMU,
      `loginHSM -u CU -s kmsuser -p ${NEW_PASSWORD}`,
      `findKey -l ${plainWord(Label)}`,
      // The handle findKey prints, not CloudTrail's: the two need not match.
      "deleteKey -k <the key handle findKey printed>",
      "logoutHSM",
    ],
  };
}

/** The line that asks the person (it names what they must check). */
const what = ({
  ClusterId,
  Label,
  BackingKeyId,
}: {
  ClusterId: string;
  Label: string;
  BackingKeyId: string;
}): string =>
  t("fix.what.deleteKeyMaterial", { label: Label, backingKeyId: BackingKeyId, cluster: ClusterId });

export const hsmDeleteKeyMaterial = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "manual",
  mutating: true,
  needsPassword: true,
  changesKmsuser: true,
  expect: "no key labelled with the deleted KMS key's ARN remains",
  plan: (p, item) => {
    const e = item.orphan?.evidence ?? {};
    return {
      ClusterId: p.targetCluster,
      Label: e.keyArn,
      BackingKeyId: e.backingKeyId,
      ...(e.keyHandle ? { KeyHandle: e.keyHandle } : {}),
      EventId: e.eventId,
    };
  },
  input: z.object({
    ClusterId: clusterId,
    Label: keyArn,
    BackingKeyId: backingKeyId,
    KeyHandle: z
      .string()
      .regex(/^(0x)?[0-9a-fA-F]{1,16}$/, "not a key handle")
      .optional(),
    EventId: z.string().min(1).max(128),
  }),
  commands,
  what,
  async run(input, step, action, ctx, report) {
    const task = manualTask(step, input, what(input), commands(input));
    const out = await ctx.operator.perform(task, requirePassword(ctx), report);
    ctx.ledger.add({
      eventId: input.EventId,
      backingKeyId: input.BackingKeyId,
      keyArn: input.Label,
      cloudHsmClusterId: input.ClusterId,
      resolvedAt: new Date(ctx.now()).toISOString(),
      how: `kcs fix (${action.runbook}, ${ctx.operator.kind} operator)`,
    });
    return out;
  },
});
