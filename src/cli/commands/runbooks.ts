import type { Argv } from "yargs";
import { t } from "../../i18n/index.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst, helpText } from "../help.js";
import { makeIo } from "../io.js";
import { failWithHint } from "../usage-fail.js";
import { viewFor } from "../views/index.js";

type Args = GlobalArgs & { id?: string };
const asArgs = (a: unknown) => a as Args;

async function list(args: Args) {
  const { loadRunbooks } = await import("../../remediate/runbooks.js");
  const io = makeIo(args);
  io.stdout.write((await viewFor(args.output)).runbooks(loadRunbooks(), io.style));
}

async function show(args: Args) {
  const { findRunbook } = await import("../../remediate/runbooks.js");
  const rb = findRunbook(String(args.id));
  const io = makeIo(args);
  io.stdout.write((await viewFor(args.output)).runbook(rb, io.style));
}

export function builder(y: Argv): Argv {
  return commandFlagsFirst(
    y
      .command(
        "list",
        helpText("runbooks.help.list"),
        (b) =>
          commandFlagsFirst(
            b
              .example("$0 runbooks list", helpText("runbooks.help.listExample"))
              .example("$0 runbooks list -o markdown", helpText("runbooks.help.listMarkdownExample")),
          ),
        async (a) => {
          await list(asArgs(a));
        },
      )
      .command(
        "show <id>",
        helpText("runbooks.help.show"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("id", { type: "string", describe: helpText("runbooks.help.id") })
              .fail(failWithHint(t("runbooks.help.showFail")))
              .example("$0 runbooks show rotate-kmsuser-password", helpText("runbooks.help.showExample"))
              .example(
                "$0 runbooks show rotate-kmsuser-password -o json",
                helpText("runbooks.help.showJsonExample"),
              ),
          ),
        async (a) => {
          await show(asArgs(a));
        },
      )
      .demandCommand(1, t("runbooks.help.demand"))
      .example("$0 runbooks list", helpText("runbooks.help.listExample"))
      .example("$0 runbooks show rotate-kmsuser-password", helpText("runbooks.help.showShortExample")),
  );
}
