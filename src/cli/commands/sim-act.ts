import type { Argv } from "yargs";
import { formatDuration } from "../../core/duration.js";
import { KcsError, UsageError } from "../../core/errors.js";
import { SECRET_ACCESS_KEY_RULE } from "../../core/proxy-credential.js";
import { ScaledWallClock } from "../../sim/clock.js";
import type { ActRequest, ActResult, ActTarget } from "../../sim/console-actions.js";
import { PROXY_FAULTS, type ProxyActRequest, type ProxyFault } from "../../sim/proxy-actions.js";
import type { EkmHealth } from "../../sim/xks/state.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst } from "../help.js";
import { makeIo } from "../io.js";
import { readPassword } from "../secret-input.js";
import { viewFor } from "../views/index.js";

type Args = GlobalArgs & Record<string, unknown>;
// Sub-command builders do not see the global options' types; the parser has validated them.
const asArgs = (a: unknown) => a as Args;

const targetText = (t: ActTarget) =>
  t.kind === "store"
    ? `${t.customKeyStoreName} (${t.customKeyStoreId})`
    : t.kind === "hsm"
      ? `${t.hsmId} of ${t.clusterId}`
      : t.clusterId;

/**
 * Makes the console's call on the persisted world and reports where the target stands. With --wait it
 * then waits, in real time at the world's pace, until what the call started has completed.
 */
async function run(args: Args, req: ActRequest) {
  const { openWorldFile, simStatePath } = await import("../../backend/sim-world.js");
  const { Simulator } = await import("../../sim/engine.js");
  const { AwsError } = await import("../../sim/errors.js");
  const { act, ACT_CALLS, targetState } = await import("../../sim/console-actions.js");
  const store = openWorldFile(simStatePath(args.simState));
  // No call log: it records what kcs called, and this is someone else's call.
  const sim = new Simulator(store);
  let result: ActResult;
  try {
    result = await act(sim, req);
  } catch (err) {
    // AWS refused: one line naming the call and AWS's own error, as the console would show it.
    if (err instanceof AwsError)
      throw new KcsError(`AWS refused ${ACT_CALLS[req.action]}: ${err.code}: ${err.message}`);
    throw err;
  }
  if (args.wait) {
    while (result.settlesAt !== undefined) {
      const { now, scale } = store.read((w) => ({
        now: new ScaledWallClock(w.clock).now(),
        scale: w.clock.scale,
      }));
      // Sleep until it falls due, in slices short enough to notice a world someone else changed.
      await sleep(Math.min(1_000, Math.max(10, Math.ceil((result.settlesAt - now) / scale) + 5)));
      sim.settle();
      const { settlesAt: _was, ...rest } = result;
      result = { ...rest, ...store.read((w) => targetState(w, rest.target)) };
    }
  }
  const now = store.read((w) => new ScaledWallClock(w.clock).now());
  const io = makeIo(args);
  const view = await viewFor(args.output);
  const data = {
    action: result.action,
    principal: result.principal,
    call: result.call,
    target: result.target,
    state: result.state,
    ...(result.settlesAt !== undefined ? { settlesAt: new Date(result.settlesAt).toISOString() } : {}),
  };
  const pending =
    result.settlesAt !== undefined
      ? `, for about ${formatDuration(Math.max(0, result.settlesAt - now))} of simulated time (--wait waits for it)`
      : "";
  const text = `${result.principal} (console) called ${result.call} on ${targetText(result.target)}: it is ${io.style.bold(result.state)}${pending}.\n${io.style.dim("Next: kcs sim status, or kcs doctor")}`;
  io.stdout.write(view.notice(data, text, io.style));
}

/** A password typed as an argument is refused without being repeated: never from argv, never echoed. */
function refusePasswordInArgv(argv: { _: (string | number)[]; password?: unknown }) {
  const at = argv._.indexOf("set-kmsuser-password");
  if (argv.password !== undefined || (at >= 0 && argv._.length > at + 1)) {
    throw new UsageError(
      "set-kmsuser-password takes no password on the command line (it would stay in shell history and in ps): pipe it to --password-stdin or set KCS_KMSUSER_PASSWORD. Nothing was changed.",
    );
  }
}

/** A proxy-side change (no AWS call): made on the world file, reported like the console's actions. */
async function runProxy(args: Args, req: ProxyActRequest) {
  const { openWorldFile, simStatePath } = await import("../../backend/sim-world.js");
  const { actOnProxy } = await import("../../sim/proxy-actions.js");
  const result = actOnProxy(openWorldFile(simStatePath(args.simState)), req);
  const io = makeIo(args);
  const view = await viewFor(args.output);
  const on =
    result.target.kind === "proxy"
      ? `proxy ${result.target.host}`
      : `VPC endpoint service ${result.target.serviceName}`;
  const text = `The ${result.principal} did ${result.action} on ${on}: ${io.style.bold(result.state)}.\n${io.style.dim("Next: kcs sim act connect <store>, or kcs doctor")}`;
  io.stdout.write(view.notice(result, text, io.style));
}

/** A proxy secret: from stdin or KCS_XKS_SECRET (or a prompt), never from argv. */
async function readProxySecret(a: Record<string, unknown>, what: string) {
  const { secret } = await readPassword({
    stdin: a.secretStdin === true,
    envVar: "KCS_XKS_SECRET",
    prompt: `proxy secret access key for ${what}: `,
    flag: "--secret-stdin",
    rule: {
      pattern: SECRET_ACCESS_KEY_RULE,
      noun: "proxy secret access key",
      says: "43 to 64 characters of a-z, A-Z, 0-9, /, + and =",
    },
  });
  return secret.reveal();
}

const PROXY = {
  type: "string",
  describe: "The XKS proxy, by the host of its endpoint (xks.example.com) or by its store's name",
} as const;
const SECRET_STDIN = {
  type: "boolean",
  describe:
    "Read the proxy secret access key from standard input (first line); else KCS_XKS_SECRET or a prompt",
} as const;
const ACCESS_KEY_ID = {
  type: "string",
  demandOption: true,
  describe: "The proxy access key id (20-30 characters of A-Z and 2-7)",
} as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const STORE = {
  type: "string",
  describe: "The custom key store, by id (cks-...) or by name",
} as const;
const WAIT = {
  type: "boolean",
  describe: "Wait until what the call started has completed (simulated time, at the world's pace)",
} as const;

export function builder(y: Argv): Argv {
  return commandFlagsFirst(
    y
      .example("$0 sim act disconnect payments-cks --wait", "Take a store offline, as a person would")
      .command(
        "disconnect <store>",
        "DisconnectCustomKeyStore, as the console user: KMS ends its kmsuser session and the keys read Unavailable",
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE)
              .option("wait", WAIT)
              .example(
                "$0 sim act disconnect payments-cks --wait",
                "Take the store offline, as a person would",
              ),
          ),
        (a) => run(asArgs(a), { action: "disconnect", store: String(a.store) }),
      )
      .command(
        "connect <store>",
        "ConnectCustomKeyStore, as the console user: KMS logs in as kmsuser with the store's password",
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE)
              .option("wait", WAIT)
              .example("$0 sim act connect payments-cks --wait", "Connect, and wait for CONNECTED or FAILED"),
          ),
        (a) => run(asArgs(a), { action: "connect", store: String(a.store) }),
      )
      .command(
        "set-kmsuser-password <store>",
        "UpdateCustomKeyStore --key-store-password, as the console user (store DISCONNECTED; the password comes from stdin, KCS_KMSUSER_PASSWORD or a prompt)",
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE)
              .option("password-stdin", {
                type: "boolean",
                describe: "Read the password KMS is to use for kmsuser from standard input (first line)",
              })
              .option("password", {
                type: "string",
                hidden: true,
                describe: "Refused: a password on the command line stays in shell history and in ps",
              })
              // Before yargs' own checks, which would echo a stray argument (the password) in their error.
              .middleware(refusePasswordInArgv, true)
              // Too long for a description beside it: yargs would wrap the command itself.
              .example([
                ['echo "NewPassw0rd" | $0 sim act set-kmsuser-password payments-cks --password-stdin'],
              ]),
          ),
        async (a) => {
          // An unknown store is refused before anyone is asked for a password.
          const { openWorldFile, simStatePath } = await import("../../backend/sim-world.js");
          const { resolveStore } = await import("../../sim/console-actions.js");
          openWorldFile(simStatePath(asArgs(a).simState)).read((w) => resolveStore(w, String(a.store)));
          const { secret } = await readPassword({
            stdin: a.passwordStdin === true,
            envVar: "KCS_KMSUSER_PASSWORD",
            prompt: `kmsuser password for ${String(a.store)}: `,
            flag: "--password-stdin",
          });
          await run(asArgs(a), {
            action: "set-kmsuser-password",
            store: String(a.store),
            password: secret.reveal(),
          });
        },
      )
      .command(
        "delete-hsm <hsm-id>",
        "DeleteHsm, as the console user (the HSM's cluster is found from its id)",
        (b) =>
          commandFlagsFirst(
            b
              .positional("hsm-id", {
                type: "string",
                describe: "The HSM to delete (hsm-...; kcs sim status lists them)",
              })
              .option("wait", WAIT)
              .example("$0 sim act delete-hsm hsm-ezieytz75i6 --wait", "Remove one HSM from its cluster"),
          ),
        (a) => run(asArgs(a), { action: "delete-hsm", hsm: String(a.hsmId) }),
      )
      .command(
        "delete-cluster <cluster-id>",
        "DeleteCluster, as the console user (AWS refuses while the cluster has HSMs)",
        (b) =>
          commandFlagsFirst(
            b
              .positional("cluster-id", { type: "string", describe: "The cluster to delete (cluster-...)" })
              .option("wait", WAIT)
              .example("$0 sim act delete-cluster cluster-765h4fx4zj7", "Delete a cluster with no HSMs left"),
          ),
        (a) => run(asArgs(a), { action: "delete-cluster", cluster: String(a.clusterId) }),
      )
      .command(
        "set-xks-credential <store>",
        "UpdateCustomKeyStore --xks-proxy-authentication-credential, as the console user: tells KMS the proxy's credential (the secret from stdin, KCS_XKS_SECRET or a prompt)",
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE)
              .option("access-key-id", ACCESS_KEY_ID)
              .option("secret-stdin", SECRET_STDIN)
              .example([
                ["$0 sim act set-xks-credential partner-xks --access-key-id $ID --secret-stdin < s.txt"],
              ]),
          ),
        async (a) => {
          const secret = await readProxySecret(a, String(a.store));
          await run(asArgs(a), {
            action: "set-xks-credential",
            store: String(a.store),
            accessKeyId: String(a.accessKeyId),
            secretAccessKey: secret,
          });
        },
      )
      .command(
        "proxy-fault <proxy> <fault>",
        "The proxy's operators break it: unreachable, tls, latency (with --latency-ms), reject-credentials, access-denied or invalid-response",
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY)
              .positional("fault", { type: "string", choices: PROXY_FAULTS, describe: "What goes wrong" })
              .option("latency-ms", {
                type: "number",
                describe: "For the latency fault: how long each answer takes",
              })
              .example([["$0 sim act proxy-fault partner-xks tls"]]),
          ),
        (a) =>
          runProxy(asArgs(a), {
            action: "proxy-fault",
            proxy: String(a.proxy),
            fault: a.fault as ProxyFault,
            ...(a.latencyMs !== undefined ? { latencyMs: Number(a.latencyMs) } : {}),
          }),
      )
      .command(
        "proxy-clear <proxy>",
        "The proxy's operators clear every fault they set",
        (b) =>
          commandFlagsFirst(b.positional("proxy", PROXY).example([["$0 sim act proxy-clear partner-xks"]])),
        (a) => runProxy(asArgs(a), { action: "proxy-clear", proxy: String(a.proxy) }),
      )
      .command(
        "set-proxy-credential <proxy>",
        "The proxy's operators set the credential it accepts (the secret from stdin, KCS_XKS_SECRET or a prompt)",
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY)
              .option("access-key-id", ACCESS_KEY_ID)
              .option("secret-stdin", SECRET_STDIN)
              .example([
                ["$0 sim act set-proxy-credential partner-xks --access-key-id $ID --secret-stdin < s.txt"],
              ]),
          ),
        async (a) => {
          const secret = await readProxySecret(a, String(a.proxy));
          await runProxy(asArgs(a), {
            action: "set-proxy-credential",
            proxy: String(a.proxy),
            accessKeyId: String(a.accessKeyId),
            secretAccessKey: secret,
          });
        },
      )
      .command(
        "set-ekm-health <proxy> <ekm> <health>",
        "An external key manager behind the proxy becomes ACTIVE, DEGRADED or UNAVAILABLE",
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY)
              .positional("ekm", { type: "string", describe: "The key manager's id (ekm-1...)" })
              .positional("health", {
                type: "string",
                choices: ["ACTIVE", "DEGRADED", "UNAVAILABLE"],
                describe: "What GetHealthStatus reports for it",
              })
              .example([["$0 sim act set-ekm-health partner-xks ekm-2 DEGRADED"]]),
          ),
        (a) =>
          runProxy(asArgs(a), {
            action: "set-ekm-health",
            proxy: String(a.proxy),
            ekm: String(a.ekm),
            health: a.health as EkmHealth,
          }),
      )
      .command(
        "enable-xks-key <proxy> <key>",
        "Enable an external key in the external key manager",
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY)
              .positional("key", { type: "string", describe: "The external key's id" })
              .example([["$0 sim act enable-xks-key partner-xks partner-xks-key-1"]]),
          ),
        (a) => runProxy(asArgs(a), { action: "enable-xks-key", proxy: String(a.proxy), key: String(a.key) }),
      )
      .command(
        "disable-xks-key <proxy> <key>",
        "Disable an external key in the external key manager",
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY)
              .positional("key", { type: "string", describe: "The external key's id" })
              .example([["$0 sim act disable-xks-key partner-xks partner-xks-key-1"]]),
          ),
        (a) => runProxy(asArgs(a), { action: "disable-xks-key", proxy: String(a.proxy), key: String(a.key) }),
      )
      .command(
        "fix-vpce <service>",
        "Make a VPC endpoint service meet KMS's requirements (no acceptance, two AZs, KMS allowed, verified DNS)",
        (b) =>
          commandFlagsFirst(
            b
              .positional("service", { type: "string", describe: "Its service name, id or private DNS name" })
              .example([["$0 sim act fix-vpce xks.vault.example.net"]]),
          ),
        (a) => runProxy(asArgs(a), { action: "fix-vpce", service: String(a.service) }),
      )
      .demandCommand(
        1,
        "Name an act command: disconnect, connect, set-kmsuser-password, set-xks-credential, delete-hsm, delete-cluster, proxy-fault, proxy-clear, set-proxy-credential, set-ekm-health, enable-xks-key, disable-xks-key or fix-vpce.",
      ),
  );
}
