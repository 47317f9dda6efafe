import type { Argv } from "yargs";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst } from "../help.js";
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
        "List the runbooks and the findings each fixes",
        (b) =>
          commandFlagsFirst(
            b
              .example("$0 runbooks list", "Every runbook, with the findings it fixes")
              .example("$0 runbooks list -o markdown", "The same, for a change review"),
          ),
        async (a) => {
          await list(asArgs(a));
        },
      )
      .command(
        "show <id>",
        "Show every step of one runbook",
        (b) =>
          commandFlagsFirst(
            b
              .positional("id", { type: "string", describe: "Runbook id (kcs runbooks list)" })
              .fail(failWithHint("Name a runbook: kcs runbooks show ID (kcs runbooks list shows them)."))
              .example("$0 runbooks show rotate-kmsuser-password", "Every step kcs fix may take for it")
              .example("$0 runbooks show rotate-kmsuser-password -o json", "The same, as JSON"),
          ),
        async (a) => {
          await show(asArgs(a));
        },
      )
      .demandCommand(1, "Name a runbooks command: list or show ID.")
      .example("$0 runbooks list", "Every runbook, with the findings it fixes")
      .example("$0 runbooks show rotate-kmsuser-password", "Every step of one runbook"),
  );
}
