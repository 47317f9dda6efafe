import type { Argv } from "yargs";
import { formatDuration } from "../../core/duration.js";
import { KcsError, UsageError } from "../../core/errors.js";
import { SECRET_ACCESS_KEY_RULE } from "../../core/proxy-credential.js";
import { t } from "../../i18n/index.js";
import { ScaledWallClock } from "../../sim/clock.js";
import type { ActRequest, ActResult, ActTarget } from "../../sim/console-actions.js";
import { PROXY_FAULTS, type ProxyActRequest, type ProxyFault } from "../../sim/proxy-actions.js";
import type { EkmHealth } from "../../sim/xks/state.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst, helpText } from "../help.js";
import { makeIo } from "../io.js";
import { readPassword } from "../secret-input.js";
import { viewFor } from "../views/index.js";

type Args = GlobalArgs & Record<string, unknown>;
// Sub-command builders do not see the global options' types; the parser has validated them.
const asArgs = (a: unknown) => a as Args;

const targetText = (target: ActTarget) =>
  target.kind === "store"
    ? `${target.customKeyStoreName} (${target.customKeyStoreId})`
    : target.kind === "hsm"
      ? t("sim.act.hsmOf", { hsm: target.hsmId, cluster: target.clusterId })
      : target.clusterId;

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
      throw new KcsError(
        t("sim.act.refused", { call: ACT_CALLS[req.action], code: err.code, message: err.message }),
      );
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
      ? t("sim.act.pending", { duration: formatDuration(Math.max(0, result.settlesAt - now)) })
      : "";
  const called = t("sim.act.called", {
    principal: result.principal,
    call: result.call,
    target: targetText(result.target),
    state: io.style.bold(result.state),
    pending,
  });
  const text = `${called}\n${io.style.dim(t("sim.act.next"))}`;
  io.stdout.write(view.notice(data, text, io.style));
}

/** A password typed as an argument is refused without being repeated: never from argv, never echoed. */
function refusePasswordInArgv(argv: { _: (string | number)[]; password?: unknown }) {
  const at = argv._.indexOf("set-kmsuser-password");
  if (argv.password !== undefined || (at >= 0 && argv._.length > at + 1)) {
    throw new UsageError(t("sim.act.passwordInArgv"));
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
      ? t("sim.act.onProxy", { host: result.target.host })
      : t("sim.act.onService", { service: result.target.serviceName });
  const did = t("sim.act.proxyDid", {
    principal: result.principal,
    action: result.action,
    on,
    state: io.style.bold(result.state),
  });
  const text = `${did}\n${io.style.dim(t("sim.act.proxyNext"))}`;
  io.stdout.write(view.notice(result, text, io.style));
}

/** A proxy secret: from stdin or KCS_XKS_SECRET (or a prompt), never from argv. */
async function readProxySecret(a: Record<string, unknown>, what: string) {
  const { secret } = await readPassword({
    stdin: a.secretStdin === true,
    envVar: "KCS_XKS_SECRET",
    prompt: t("sim.act.secretPrompt", { what }),
    flag: "--secret-stdin",
    rule: {
      pattern: SECRET_ACCESS_KEY_RULE,
      noun: t("sim.act.secretNoun"),
      says: t("sim.act.secretSays"),
    },
  });
  return secret.reveal();
}

// Functions, not constants: their help is in the run's language, set after this module loads.
const PROXY = () => ({ type: "string", describe: helpText("sim.act.flag.proxy") }) as const;
const SECRET_STDIN = () => ({ type: "boolean", describe: helpText("sim.act.flag.secretStdin") }) as const;
const ACCESS_KEY_ID = () =>
  ({ type: "string", demandOption: true, describe: helpText("sim.act.flag.accessKeyId") }) as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const STORE = () => ({ type: "string", describe: helpText("sim.act.flag.store") }) as const;
const WAIT = () => ({ type: "boolean", describe: helpText("sim.act.flag.wait") }) as const;

export function builder(y: Argv): Argv {
  return commandFlagsFirst(
    y
      .example("$0 sim act disconnect payments-cks --wait", helpText("sim.act.example.offline"))
      .command(
        "disconnect <store>",
        helpText("sim.act.command.disconnect"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE())
              .option("wait", WAIT())
              .example("$0 sim act disconnect payments-cks --wait", helpText("sim.act.example.disconnect")),
          ),
        (a) => run(asArgs(a), { action: "disconnect", store: String(a.store) }),
      )
      .command(
        "connect <store>",
        helpText("sim.act.command.connect"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE())
              .option("wait", WAIT())
              .example("$0 sim act connect payments-cks --wait", helpText("sim.act.example.connect")),
          ),
        (a) => run(asArgs(a), { action: "connect", store: String(a.store) }),
      )
      .command(
        "set-kmsuser-password <store>",
        helpText("sim.act.command.setKmsuserPassword"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE())
              .option("password-stdin", {
                type: "boolean",
                describe: helpText("sim.act.flag.passwordStdin"),
              })
              .option("password", {
                type: "string",
                hidden: true,
                describe: helpText("sim.act.flag.password"),
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
            prompt: t("sim.act.passwordPrompt", { store: String(a.store) }),
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
        helpText("sim.act.command.deleteHsm"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("hsm-id", {
                type: "string",
                describe: helpText("sim.act.flag.hsmId"),
              })
              .option("wait", WAIT())
              .example("$0 sim act delete-hsm hsm-ezieytz75i6 --wait", helpText("sim.act.example.deleteHsm")),
          ),
        (a) => run(asArgs(a), { action: "delete-hsm", hsm: String(a.hsmId) }),
      )
      .command(
        "delete-cluster <cluster-id>",
        helpText("sim.act.command.deleteCluster"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("cluster-id", { type: "string", describe: helpText("sim.act.flag.clusterId") })
              .option("wait", WAIT())
              .example(
                "$0 sim act delete-cluster cluster-765h4fx4zj7",
                helpText("sim.act.example.deleteCluster"),
              ),
          ),
        (a) => run(asArgs(a), { action: "delete-cluster", cluster: String(a.clusterId) }),
      )
      .command(
        "set-xks-credential <store>",
        helpText("sim.act.command.setXksCredential"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("store", STORE())
              .option("access-key-id", ACCESS_KEY_ID())
              .option("secret-stdin", SECRET_STDIN())
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
        helpText("sim.act.command.proxyFault"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY())
              .positional("fault", {
                type: "string",
                choices: PROXY_FAULTS,
                describe: helpText("sim.act.flag.fault"),
              })
              .option("latency-ms", {
                type: "number",
                describe: helpText("sim.act.flag.latencyMs"),
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
        helpText("sim.act.command.proxyClear"),
        (b) =>
          commandFlagsFirst(b.positional("proxy", PROXY()).example([["$0 sim act proxy-clear partner-xks"]])),
        (a) => runProxy(asArgs(a), { action: "proxy-clear", proxy: String(a.proxy) }),
      )
      .command(
        "set-proxy-credential <proxy>",
        helpText("sim.act.command.setProxyCredential"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY())
              .option("access-key-id", ACCESS_KEY_ID())
              .option("secret-stdin", SECRET_STDIN())
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
        helpText("sim.act.command.setEkmHealth"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY())
              .positional("ekm", { type: "string", describe: helpText("sim.act.flag.ekm") })
              .positional("health", {
                type: "string",
                choices: ["ACTIVE", "DEGRADED", "UNAVAILABLE"],
                describe: helpText("sim.act.flag.health"),
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
        helpText("sim.act.command.enableXksKey"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY())
              .positional("key", { type: "string", describe: helpText("sim.act.flag.key") })
              .example([["$0 sim act enable-xks-key partner-xks partner-xks-key-1"]]),
          ),
        (a) => runProxy(asArgs(a), { action: "enable-xks-key", proxy: String(a.proxy), key: String(a.key) }),
      )
      .command(
        "disable-xks-key <proxy> <key>",
        helpText("sim.act.command.disableXksKey"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("proxy", PROXY())
              .positional("key", { type: "string", describe: helpText("sim.act.flag.key") })
              .example([["$0 sim act disable-xks-key partner-xks partner-xks-key-1"]]),
          ),
        (a) => runProxy(asArgs(a), { action: "disable-xks-key", proxy: String(a.proxy), key: String(a.key) }),
      )
      .command(
        "fix-vpce <service>",
        helpText("sim.act.command.fixVpce"),
        (b) =>
          commandFlagsFirst(
            b
              .positional("service", { type: "string", describe: helpText("sim.act.flag.service") })
              .example([["$0 sim act fix-vpce xks.vault.example.net"]]),
          ),
        (a) => runProxy(asArgs(a), { action: "fix-vpce", service: String(a.service) }),
      )
      .demandCommand(1, t("sim.act.demandCommand")),
  );
}
