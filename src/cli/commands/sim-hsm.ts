import type { Argv } from "yargs";
import { UsageError } from "../../core/errors.js";
import { t } from "../../i18n/index.js";
import type { KeyFilter } from "../../sim/cloudhsm/operator.js";
import type { World } from "../../sim/world.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst, helpText } from "../help.js";
import { readPassword } from "../secret-input.js";
import { checkOutput } from "../validate-output.js";

type Args = GlobalArgs & Record<string, unknown>;
// Sub-command builders do not see the global options' types; the parser has validated them.
const asArgs = (a: unknown) => a as Args;

/** The cluster to act on: --cluster-id, or the only live cluster of the world. */
function pickCluster(world: World, wanted: unknown): string {
  const live = world.clusters.filter((c) => c.State !== "DELETED");
  if (typeof wanted === "string") return wanted;
  if (live.length === 1) return live[0]!.ClusterId;
  throw new UsageError(
    t("sim.hsm.whichCluster", {
      count: live.length,
      clusters: live.map((c) => c.ClusterId).join(", ") || t("sim.hsm.none"),
    }),
  );
}

function parseFilter(raw: unknown): KeyFilter | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (text.startsWith("attr.label=")) return { label: text.slice("attr.label=".length) };
  if (text.startsWith("key-reference=")) return { keyReference: text.slice("key-reference=".length) };
  throw new UsageError(t("sim.hsm.badFilter", { text }));
}

/** Runs one CloudHSM CLI-shaped action on the persisted world and prints the CLI's JSON answer. */
async function run(args: Args, action: (world: World, clusterId: string) => unknown) {
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { Simulator } = await import("../../sim/engine.js");
  const { HsmCliError } = await import("../../sim/cloudhsm/operator.js");
  const store = openWorldFor(args, "use");
  new Simulator(store).settle();
  // A refused command still changes the HSM (a wrong password counts toward lockout), so the
  // CLI's own refusals are returned from the update, which persists, and thrown only after it.
  const outcome = store.update((w) => {
    try {
      return { data: action(w, pickCluster(w, args.clusterId)) };
    } catch (err) {
      if (err instanceof HsmCliError) return { refused: err.message };
      throw err;
    }
  });
  if ("refused" in outcome) throw new UsageError(t("sim.hsm.refused", { message: String(outcome.refused) }));
  process.stdout.write(`${JSON.stringify({ error_code: 0, data: outcome.data }, null, 2)}\n`);
}

const password = (args: Args, prompt: string) =>
  readPassword({
    stdin: args.passwordStdin === true,
    envVar: "KCS_HSM_PASSWORD",
    prompt,
    flag: "--password-stdin",
  });

const username = (b: Argv, describe: string) =>
  b.option("username", { type: "string", default: "kmsuser", describe });
const role = (b: Argv) =>
  b.option("role", {
    choices: ["crypto-user", "admin"],
    default: "crypto-user",
    describe: helpText("sim.hsm.flag.role"),
  });
const passwordStdin = (b: Argv, describe: string) =>
  b.option("password-stdin", { type: "boolean", describe });
/** A key reference of the invalid-credentials scenario's HSMs, so the examples work as written. */
const KEY_REF = "key-reference=0x0000000000040006";

export function builder(y: Argv): Argv {
  const page = y
    .middleware((a) => checkOutput("kcs sim hsm", asArgs(a).output, ["text", "json"], t("sim.hsm.outputWhy")))
    .option("cluster-id", {
      type: "string",
      describe: helpText("sim.hsm.flag.clusterId"),
    })
    .command("user", helpText("sim.hsm.command.user"), userCommands)
    .command(
      "login",
      helpText("sim.hsm.command.login"),
      (b) =>
        commandFlagsFirst(
          passwordStdin(
            role(username(b, helpText("sim.hsm.flag.loginUser"))),
            helpText("sim.hsm.flag.passwordStdin"),
          )
            .example('echo "$PW" | $0 sim hsm login --password-stdin', t("sim.hsm.example.login"))
            .example("$0 sim hsm login", helpText("sim.hsm.example.loginAsk")),
        ),
      async (a) => {
        const { secret } = await password(
          asArgs(a),
          t("sim.hsm.passwordPrompt", { user: String(a.username) }),
        );
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.login(w, c, String(a.username), secret.reveal());
          return { username: String(a.username).toLowerCase(), role: a.role };
        });
      },
    )
    .command(
      "logout",
      helpText("sim.hsm.command.logout"),
      (b) =>
        commandFlagsFirst(
          username(b, t("sim.hsm.flag.logoutUser")).example(
            "$0 sim hsm logout",
            helpText("sim.hsm.example.logout"),
          ),
        ),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          const was = op.logout(w, c, String(a.username));
          return was ? "Logout successful" : "Not logged in";
        });
      },
    )
    .command("key", helpText("sim.hsm.command.key"), keyCommands)
    .demandCommand(1, t("sim.hsm.demandCommand"))
    .example("$0 sim hsm user list", helpText("sim.hsm.example.userList"))
    .example("$0 sim hsm key list --verbose", helpText("sim.hsm.example.keyList"));
  return commandFlagsFirst(page);
}

function userCommands(u: Argv): Argv {
  const page = u
    .command(
      "list",
      "user list",
      (b) => commandFlagsFirst(b.example("$0 sim hsm user list", helpText("sim.hsm.example.users"))),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => ({ users: op.listUsers(w, c) }));
      },
    )
    .command(
      "change-password",
      helpText("sim.hsm.command.changePassword"),
      (b) =>
        commandFlagsFirst(
          passwordStdin(role(username(b, t("sim.hsm.flag.changeUser"))), t("sim.hsm.flag.newPasswordStdin"))
            // Too long for yargs' two columns: a command with no description is printed full width.
            .example('echo "$NEW_PW" | $0 sim hsm user change-password --password-stdin', "")
            .example("$0 sim hsm user change-password --username admin --role admin", ""),
        ),
      async (a) => {
        const { secret } = await password(
          asArgs(a),
          t("sim.hsm.newPasswordPrompt", { user: String(a.username) }),
        );
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.changePassword(w, c, String(a.username), secret.reveal());
          return { username: String(a.username), role: a.role };
        });
      },
    )
    .command(
      "create",
      helpText("sim.hsm.command.create"),
      (b) =>
        commandFlagsFirst(
          passwordStdin(
            role(username(b, helpText("sim.hsm.flag.createUser"))),
            helpText("sim.hsm.flag.passwordStdin"),
          ).example('echo "$PW" | $0 sim hsm user create --password-stdin', ""),
        ),
      async (a) => {
        const { secret } = await password(
          asArgs(a),
          t("sim.hsm.passwordPrompt", { user: String(a.username) }),
        );
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.createUser(w, c, String(a.username), a.role as "crypto-user" | "admin", secret.reveal());
          return { username: String(a.username).toLowerCase(), role: a.role };
        });
      },
    )
    .command(
      "delete",
      helpText("sim.hsm.command.delete"),
      (b) =>
        commandFlagsFirst(
          b
            .option("username", {
              type: "string",
              demandOption: true,
              describe: helpText("sim.hsm.flag.deleteUser"),
            })
            .example("$0 sim hsm user delete --username kmsuser", helpText("sim.hsm.example.deleteUser")),
        ),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.deleteUser(w, c, String(a.username));
          return { username: String(a.username).toLowerCase() };
        });
      },
    )
    .demandCommand(1, t("sim.hsm.demandUser"))
    .example("$0 sim hsm user list", helpText("sim.hsm.example.users"));
  return commandFlagsFirst(page);
}

function keyCommands(k: Argv): Argv {
  const page = k
    .command(
      "list",
      "key list [--filter attr.label=ARN | key-reference=0x...] [--verbose]",
      (b) =>
        commandFlagsFirst(
          b
            .option("filter", {
              type: "string",
              describe: helpText("sim.hsm.flag.filter"),
            })
            .option("verbose", {
              type: "boolean",
              describe: helpText("sim.hsm.flag.verbose"),
            })
            // Too long for yargs' two columns: commands with no description are printed full width.
            .example("$0 sim hsm key list --verbose", "")
            .example(`$0 sim hsm key list --filter ${KEY_REF}`, ""),
        ),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          const keys = op.listKeys(w, c, parseFilter(a.filter));
          return {
            matched_keys: keys.map((key) =>
              a.verbose
                ? op.listKeyView(key)
                : { "key-reference": key.keyReference, attributes: { label: key.label } },
            ),
            total_key_count: keys.length,
          };
        });
      },
    )
    .command(
      "delete",
      helpText("sim.hsm.command.keyDelete"),
      (b) =>
        commandFlagsFirst(
          b
            .option("filter", {
              type: "string",
              describe: helpText("sim.hsm.flag.deleteFilter"),
              demandOption: t("sim.hsm.flag.deleteFilterMissing"),
            })
            // Too long for yargs' two columns: a command with no description is printed full width.
            .example(`$0 sim hsm key delete --filter ${KEY_REF}`, ""),
        ),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          const gone = op.deleteKey(w, c, parseFilter(a.filter)!);
          return {
            message: "Key deleted successfully",
            "key-reference": gone.keyReference,
            label: gone.label,
          };
        });
      },
    )
    .demandCommand(1, t("sim.hsm.demandKey"))
    .example("$0 sim hsm key list --verbose", helpText("sim.hsm.example.keys"));
  return commandFlagsFirst(page);
}
