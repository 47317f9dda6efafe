import { stringify } from "yaml";
import { UsageError } from "../../../core/errors.js";
import { t } from "../../../i18n/index.js";
import { planToAutomation } from "../../../remediate/ssm/translate.js";
import type { View } from "../view.js";

/** What every other document answers: only a dry run's plan has an Automation form. */
const refuse = (): never => {
  throw new UsageError(t("fix.ssm.onlyPlans"));
};

/**
 * `kcs fix --dry-run -o ssm-automation`: the plan as an Automation document (YAML) on stdout, for
 * `aws ssm create-document --document-format YAML`. Long lines stay whole (no folding) so each
 * CloudHSM CLI line of an approval reads as kcs wrote it, and repeated values are written out, not
 * as YAML aliases.
 */
export const view: View = {
  plan: (plan, _style, dryRun) => {
    if (!dryRun) return refuse();
    if (plan.actions.every((a) => a.steps.length === 0)) return "";
    return stringify(planToAutomation(plan), {
      lineWidth: 0,
      singleQuote: true,
      aliasDuplicateObjects: false,
    });
  },
  doctor: refuse,
  fixResult: refuse,
  runbooks: refuse,
  runbook: refuse,
  scenarios: refuse,
  simStatus: refuse,
  notice: refuse,
};
