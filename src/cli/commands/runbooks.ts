import type { Argv } from "yargs";
import type { GlobalArgs } from "../context.js";
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
  return y
    .command("list", "List the runbooks and the findings each fixes", {}, async (a) => {
      await list(asArgs(a));
    })
    .command(
      "show <id>",
      "Show every step of one runbook",
      (b) =>
        b
          .positional("id", { type: "string", describe: "Runbook id (kcs runbooks list)" })
          .fail(failWithHint("Name a runbook: kcs runbooks show ID (kcs runbooks list shows them).")),
      async (a) => {
        await show(asArgs(a));
      },
    )
    .demandCommand(1, "Name a runbooks command: list or show ID.");
}
