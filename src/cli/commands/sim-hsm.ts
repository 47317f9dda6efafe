import type { Argv } from "yargs";
import { UsageError } from "../../core/errors.js";
import type { KeyFilter } from "../../sim/cloudhsm/operator.js";
import type { World } from "../../sim/world.js";
import type { GlobalArgs } from "../context.js";
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

export function builder(y: Argv): Argv {
  return y
    .middleware((a) =>
      checkOutput("kcs sim hsm", asArgs(a).output, ["text", "json"], "the CloudHSM CLI's own JSON answer"),
    )
    .option("cluster-id", {
      type: "string",
      describe: "The cluster whose HSMs to act on (default: the only one)",
    })
    .command("user", "CloudHSM CLI user commands", (u) =>
      u
        .command("list", "user list", {}, async (a) => {
          const op = await import("../../sim/cloudhsm/operator.js");
          await run(asArgs(a), (w, c) => ({ users: op.listUsers(w, c) }));
        })
        .command(
          "change-password",
          "user change-password --username NAME --role crypto-user (as admin; the password comes from stdin, KCS_HSM_PASSWORD or a prompt)",
          (b) =>
            b
              .option("username", { type: "string", default: "kmsuser" })
              .option("role", { choices: ["crypto-user", "admin"], default: "crypto-user" })
              .option("password-stdin", {
                type: "boolean",
                describe: "Read the new password from standard input",
              }),
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
            b
              .option("username", { type: "string", default: "kmsuser" })
              .option("role", { choices: ["crypto-user", "admin"], default: "crypto-user" })
              .option("password-stdin", {
                type: "boolean",
                describe: "Read the password from standard input",
              }),
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
          (b) => b.option("username", { type: "string", demandOption: true }),
          async (a) => {
            const op = await import("../../sim/cloudhsm/operator.js");
            await run(asArgs(a), (w, c) => {
              op.deleteUser(w, c, String(a.username));
              return { username: String(a.username).toLowerCase() };
            });
          },
        )
        .demandCommand(1, "Name a user command: list, change-password, create or delete."),
    )
    .command(
      "login",
      "login --username NAME --role crypto-user (the password comes from stdin, KCS_HSM_PASSWORD or a prompt)",
      (b) =>
        b
          .option("username", { type: "string", default: "kmsuser" })
          .option("role", { choices: ["crypto-user", "admin"], default: "crypto-user" })
          .option("password-stdin", { type: "boolean", describe: "Read the password from standard input" }),
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
      (b) => b.option("username", { type: "string", default: "kmsuser" }),
      async (a) => {
        const op = await import("../../sim/cloudhsm/operator.js");
        await run(asArgs(a), (w, c) => {
          const was = op.logout(w, c, String(a.username));
          return was ? "Logout successful" : "Not logged in";
        });
      },
    )
    .command("key", "CloudHSM CLI key commands (log in as kmsuser first)", (k) =>
      k
        .command(
          "list",
          "key list [--filter attr.label=ARN | key-reference=0x...] [--verbose]",
          (b) => b.option("filter", { type: "string" }).option("verbose", { type: "boolean" }),
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
            b.option("filter", {
              type: "string",
              demandOption: "Name the key: --filter attr.label=<ARN> or key-reference=<0x...>",
            }),
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
        .demandCommand(1, "Name a key command: list or delete."),
    )
    .demandCommand(1, "Name an hsm command: user, login, logout or key.");
}
