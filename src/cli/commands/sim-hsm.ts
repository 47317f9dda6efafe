import type { Argv } from "yargs";
import { UsageError } from "../../core/errors.js";
import type { KeyFilter } from "../../sim/cloudhsm/operator.js";
import type { World } from "../../sim/world.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst } from "../help.js";
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
    `The world has ${live.length} clusters; name one with --cluster-id (${live.map((c) => c.ClusterId).join(", ") || "none"}).`,
  );
}

function parseFilter(raw: unknown): KeyFilter | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (text.startsWith("attr.label=")) return { label: text.slice("attr.label=".length) };
  if (text.startsWith("key-reference=")) return { keyReference: text.slice("key-reference=".length) };
  throw new UsageError(`--filter takes attr.label=<KMS key ARN> or key-reference=<0x...>; got ${text}.`);
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
  if ("refused" in outcome) throw new UsageError(`CloudHSM CLI: ${outcome.refused}`);
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
    describe: "The user's role on the HSMs",
  });
const passwordStdin = (b: Argv, describe: string) =>
  b.option("password-stdin", { type: "boolean", describe });
/** A key reference of the invalid-credentials scenario's HSMs, so the examples work as written. */
const KEY_REF = "key-reference=0x0000000000040006";

export function builder(y: Argv): Argv {
  const page = y
    .middleware((a) =>
      checkOutput("kcs sim hsm", asArgs(a).output, ["text", "json"], "the CloudHSM CLI's own JSON answer"),
    )
    .option("cluster-id", {
      type: "string",
      describe: "The cluster whose HSMs to act on (default: the only one)",
    })
    .command("user", "CloudHSM CLI user commands", userCommands)
    .command(
      "login",
      "login --username NAME --role crypto-user (the password comes from stdin, KCS_HSM_PASSWORD or a prompt)",
      (b) =>
        commandFlagsFirst(
          passwordStdin(role(username(b, "The user to log in as")), "Read the password from standard input")
            .example('echo "$PW" | $0 sim hsm login --password-stdin', "Log in as kmsuser")
            .example("$0 sim hsm login", "The same, asking for the password"),
        ),
      async (a) => {
        const { secret } = await password(asArgs(a), `Password for ${String(a.username)}: `);
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.login(w, c, String(a.username), secret.reveal());
          return { username: String(a.username).toLowerCase(), role: a.role };
        });
      },
    )
    .command(
      "logout",
      "logout (ends the operator's kmsuser session)",
      (b) =>
        commandFlagsFirst(
          username(b, "The user whose session to end").example("$0 sim hsm logout", "End kmsuser's session"),
        ),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          const was = op.logout(w, c, String(a.username));
          return was ? "Logout successful" : "Not logged in";
        });
      },
    )
    .command("key", "CloudHSM CLI key commands (log in as kmsuser first)", keyCommands)
    .demandCommand(1, "Name an hsm command: user, login, logout or key.")
    .example("$0 sim hsm user list", "The HSM users, kmsuser among them")
    .example("$0 sim hsm key list --verbose", "kmsuser's keys with their labels (log in first)");
  return commandFlagsFirst(page);
}

function userCommands(u: Argv): Argv {
  const page = u
    .command(
      "list",
      "user list",
      (b) =>
        commandFlagsFirst(b.example("$0 sim hsm user list", "Every user, its role and whether it is locked")),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => ({ users: op.listUsers(w, c) }));
      },
    )
    .command(
      "change-password",
      "user change-password --username NAME --role crypto-user (as admin; the password comes from stdin, KCS_HSM_PASSWORD or a prompt)",
      (b) =>
        commandFlagsFirst(
          passwordStdin(
            role(username(b, "The user whose password to change")),
            "Read the new password from standard input",
          )
            // Too long for yargs' two columns: a command with no description is printed full width.
            .example('echo "$NEW_PW" | $0 sim hsm user change-password --password-stdin', "")
            .example("$0 sim hsm user change-password --username admin --role admin", ""),
        ),
      async (a) => {
        const { secret } = await password(asArgs(a), `New password for ${String(a.username)}: `);
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.changePassword(w, c, String(a.username), secret.reveal());
          return { username: String(a.username), role: a.role };
        });
      },
    )
    .command(
      "create",
      "user create --username NAME --role crypto-user (as admin)",
      (b) =>
        commandFlagsFirst(
          passwordStdin(
            role(username(b, "The user to create")),
            "Read the password from standard input",
          ).example('echo "$PW" | $0 sim hsm user create --password-stdin', ""),
        ),
      async (a) => {
        const { secret } = await password(asArgs(a), `Password for ${String(a.username)}: `);
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.createUser(w, c, String(a.username), a.role as "crypto-user" | "admin", secret.reveal());
          return { username: String(a.username).toLowerCase(), role: a.role };
        });
      },
    )
    .command(
      "delete",
      "user delete --username NAME (as admin)",
      (b) =>
        commandFlagsFirst(
          b
            .option("username", { type: "string", demandOption: true, describe: "The user to delete" })
            .example(
              "$0 sim hsm user delete --username kmsuser",
              "Delete kmsuser (refused while it owns keys)",
            ),
        ),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          op.deleteUser(w, c, String(a.username));
          return { username: String(a.username).toLowerCase() };
        });
      },
    )
    .demandCommand(1, "Name a user command: list, change-password, create or delete.")
    .example("$0 sim hsm user list", "Every user, its role and whether it is locked");
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
              describe: "Only the key with this label (a KMS key ARN) or key reference",
            })
            .option("verbose", {
              type: "boolean",
              describe: "Every attribute of each key, not just its label",
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
      "key delete --filter attr.label=ARN | key-reference=0x... (must match exactly one key)",
      (b) =>
        commandFlagsFirst(
          b
            .option("filter", {
              type: "string",
              describe: "The key to delete: attr.label=<KMS key ARN> or key-reference=<0x...>",
              demandOption: "Name the key: --filter attr.label=<ARN> or key-reference=<0x...>",
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
    .demandCommand(1, "Name a key command: list or delete.")
    .example("$0 sim hsm key list --verbose", "Every key of kmsuser's (log in first)");
  return commandFlagsFirst(page);
}
