import type { Argv } from "yargs";
import { parseDuration } from "../../core/duration.js";
import { UsageError } from "../../core/errors.js";
import { ScaledWallClock } from "../../sim/clock.js";
import type { World } from "../../sim/world.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst } from "../help.js";
import { makeIo } from "../io.js";
import { failWithHint } from "../usage-fail.js";
import { viewFor } from "../views/index.js";
import type { Style } from "../views/style.js";
import type { View } from "../views/view.js";
import { builder as hsmBuilder } from "./sim-hsm.js";

type Args = GlobalArgs & Record<string, unknown>;
// Sub-command builders do not see the global options' types; the parser has validated them.
const asArgs = (a: unknown) => a as Args;

/** Writes what a sim command reports through the view of the chosen -o. */
async function render(args: Args, show: (view: View, style: Style) => string) {
  const io = makeIo(args);
  io.stdout.write(show(await viewFor(args.output), io.style));
}

async function scenarios(args: Args) {
  const { SCENARIOS } = await import("../../sim/scenarios/catalog.js");
  const list = SCENARIOS.map((s) => ({ name: s.name, description: s.description, findings: s.findings }));
  await render(args, (view, style) => view.scenarios(list, style));
}

async function init(args: Args) {
  const { findScenario, SCENARIOS } = await import("../../sim/scenarios/catalog.js");
  const { buildScenario } = await import("../../backend/sim-world.js");
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { parseWorld, readWorldText } = await import("../../sim/persist.js");
  const name = String(args.scenario);
  if (!findScenario(name)) {
    throw new UsageError(
      `There is no scenario '${name}'. Choose one of: ${SCENARIOS.map((s) => s.name).join(", ")}.`,
    );
  }
  const store = openWorldFor(args, "init");
  const path = store.path;
  if (store.exists() && !args.force) {
    // Only a file that is not a kcs world needs --force: replacing a practice world is what init is for.
    try {
      parseWorld(readWorldText(path), path);
    } catch {
      throw new UsageError(`${path} exists and is not a usable kcs world; add --force to replace it.`);
    }
  }
  const world = buildScenario(name);
  store.replace(world);
  // Orphans kcs deleted in the old world say nothing about the new one.
  const { Ledger } = await import("../../remediate/ledger.js");
  new Ledger(`${path}.ledger.json`).clear();
  const data = {
    scenario: name,
    path,
    stores: world.stores.length,
    clusters: world.clusters.length,
    keys: world.keys.length,
  };
  await render(args, (view, style) =>
    view.notice(
      data,
      `Initialised scenario ${style.bold(name)} in ${path}: ${data.stores} custom key store(s), ${data.clusters} cluster(s), ${data.keys} KMS key(s).\n${style.dim("Next: kcs doctor")}`,
      style,
    ),
  );
}

async function status(args: Args) {
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { settleIfDue } = await import("../../sim/settle.js");
  const { summarise } = await import("../../sim/summary.js");
  const store = openWorldFor(args, "use");
  // Settling needs no request engine (and so none of AWS's models): what falls due, applied.
  settleIfDue(store, (w) => new ScaledWallClock(w.clock).now());
  const summary = store.read((w) => summarise(w, new ScaledWallClock(w.clock).now()));
  await render(args, (view, style) => view.simStatus(summary, style));
}

/** The world's CloudTrail as its trail's S3 bucket holds it, for doctor --cloudtrail-dir. */
async function exportTrailCommand(args: Args) {
  const { statSync } = await import("node:fs");
  const { resolve } = await import("node:path");
  const dir = String(args.dir);
  let isDir = true;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Not there yet: made, as aws s3 sync makes its target.
  }
  if (!isDir)
    throw new UsageError(`--dir ${dir} is a file: name a folder for the log files (it is made if needed).`);
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { settle } = await import("../../sim/settle.js");
  const { exportTrail } = await import("../../sim/cloudtrail/export.js");
  const store = openWorldFor(args, "use");
  store.update((w) => settle(w, new ScaledWallClock(w.clock).now()));
  const written = store.read((w) => exportTrail(w, dir, new ScaledWallClock(w.clock).now()));
  const summary = { dir: resolve(dir), files: written.files.length, events: written.events };
  await render(args, (view, style) =>
    view.notice(
      summary,
      `Wrote ${summary.files} CloudTrail log file(s) with ${summary.events} event(s) under ${summary.dir}/AWSLogs (read them with kcs doctor --cloudtrail-dir ${dir}).`,
      style,
    ),
  );
}

async function serveCommand(args: Args) {
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { Simulator } = await import("../../sim/engine.js");
  const { serve } = await import("../../sim/wire/server.js");
  const store = openWorldFor(args, "use");
  const path = store.path;
  const host = String(args.host);
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port takes 0-65535; got ${String(args.port)}.`);
  const callLog = process.env.KCS_SIM_CALL_LOG;
  const running = await serve(new Simulator(store, callLog ? { callLog } : {}), {
    host,
    port,
  }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      `Cannot listen on ${host}:${port}: ${err.code ?? err.message}. Choose another --port.`,
    );
  });
  // The world's XKS proxies on a port of their own (by default the next one): the Host header picks
  // the proxy, as the store's endpoint name would.
  const { serveWorldProxies, proxyHost } = await import("../../sim/xks/world-server.js");
  const xksPort = args["xks-port"] === undefined ? (port === 0 ? 0 : port + 1) : Number(args["xks-port"]);
  if (!Number.isInteger(xksPort) || xksPort < 0 || xksPort > 65535)
    throw new UsageError(`--xks-port takes 0-65535; got ${String(args["xks-port"])}.`);
  const xks = await serveWorldProxies(store, { host, port: xksPort }).catch(
    async (err: NodeJS.ErrnoException) => {
      await running.close();
      throw new UsageError(
        `Cannot listen on ${host}:${xksPort} for the XKS proxies: ${err.code ?? err.message}. Choose another --xks-port.`,
      );
    },
  );
  const xksHosts = store.read((w) => (w.xksProxies ?? []).map(proxyHost));
  const line = `Serving the simulated world ${path} at ${running.url} (KMS, CloudHSM v2, CloudTrail; AWS JSON 1.1)`;
  const xksLine =
    xksHosts.length > 0
      ? `XKS proxies at ${xks.url}: pick one with the Host header (${xksHosts.join(", ")}); its credential is in the world file under xksProxies[].credential.`
      : `XKS proxies at ${xks.url} (this world has none yet).`;
  await render(args, (view, style) =>
    view.notice(
      { url: running.url, path, xksUrl: xks.url, xksHosts },
      `${line}\n${xksLine}\nTry: aws --endpoint-url ${running.url} --region eu-west-1 kms describe-custom-key-stores\nStop with Ctrl-C.`,
      style,
    ),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      void Promise.all([running.close(), xks.close()]).then(() => resolve());
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
}

async function faults(args: Args) {
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { ALL_CONNECTION_ERROR_CODES, DEFAULT_FAULTS } = await import("../../sim/world.js");
  const { describeFaults } = await import("../views/text/sim.js");
  const store = openWorldFor(args, "use");
  const changes: ((w: World) => void)[] = [];
  if (args.clear) changes.push((w) => (w.faults = { ...DEFAULT_FAULTS, accessDenied: [] }));
  if (args.latency !== undefined) {
    const ms = parseDuration(String(args.latency), "--latency");
    changes.push((w) => (w.faults.latencyMs = ms));
  }
  if (args.errorRate !== undefined) {
    const rate = Number(args.errorRate);
    if (!(rate >= 0 && rate <= 1))
      throw new UsageError(`--error-rate takes a fraction from 0 to 1; got ${String(args.errorRate)}.`);
    changes.push((w) => (w.faults.transientErrorRate = rate));
  }
  const fraction = (flag: string, value: unknown, set: (w: World, rate: number) => void) => {
    if (value === undefined) return;
    const rate = Number(value);
    if (!(rate >= 0 && rate <= 1))
      throw new UsageError(`${flag} takes a fraction from 0 to 1; got ${String(value)}.`);
    changes.push((w) => set(w, rate));
  };
  fraction("--lost-answer-rate", args.lostAnswerRate, (w, r) => (w.faults.lostAnswerRate = r));
  fraction("--reset-rate", args.resetRate, (w, r) => (w.faults.resetRate = r));
  fraction("--hang-rate", args.hangRate, (w, r) => (w.faults.hangRate = r));
  if (args.hang !== undefined) {
    const ms = parseDuration(String(args.hang), "--hang", { min: 1, max: 10 * 60_000 });
    changes.push((w) => (w.faults.hangMs = ms));
  }
  if (args.materialLossNotice !== undefined) {
    const ms = parseDuration(String(args.materialLossNotice), "--material-loss-notice", {
      min: 0,
      max: 30 * 86_400_000,
    });
    changes.push((w) => (w.faults.materialLossNoticeMs = ms));
  }
  if (args.quotas !== undefined) {
    const on = args.quotas === "on";
    changes.push((w) => (w.faults.quotas = on));
  }
  if (args.connectFailure !== undefined) {
    const code = String(args.connectFailure);
    if (code !== "none" && !ALL_CONNECTION_ERROR_CODES.includes(code)) {
      throw new UsageError(`--connect-failure takes a ConnectionErrorCode or none; got ${code}.`);
    }
    changes.push((w) => {
      if (code === "none") delete w.faults.connectFailure;
      else w.faults.connectFailure = code as World["faults"]["connectFailure"];
    });
  }
  for (const d of (args.deny as string[] | undefined) ?? []) {
    if (!/^(kms|cloudhsm|cloudhsmv2|cloudtrail):[A-Za-z]+$/.test(d)) {
      throw new UsageError(`--deny takes service:Operation, e.g. cloudtrail:LookupEvents; got ${d}.`);
    }
    changes.push((w) => {
      if (!w.faults.accessDenied.includes(d)) w.faults.accessDenied.push(d);
    });
  }
  const current = changes.length
    ? store.update((w) => {
        for (const c of changes) c(w);
        return w.faults;
      })
    : store.read((w) => w.faults);
  await render(args, (view, style) => view.notice(current, `Faults: ${describeFaults(current)}`, style));
}

async function advance(args: Args) {
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { Simulator } = await import("../../sim/engine.js");
  const ms = parseDuration(String(args.duration), "DURATION");
  const store = openWorldFor(args, "use");
  store.update((w) => {
    w.clock.simAnchorMs += ms;
  });
  new Simulator(store).settle();
  const now = store.read((w) => new ScaledWallClock(w.clock).now());
  const iso = new Date(now).toISOString();
  await render(args, (view, style) => view.notice({ now: iso }, `Simulated time is now ${iso}.`, style));
}

export function builder(y: Argv): Argv {
  const page = y
    .command(
      "scenarios",
      "List the bundled scenarios",
      (b) =>
        commandFlagsFirst(
          b
            .example("$0 sim scenarios", "Every scenario, one line each")
            .example("$0 sim scenarios -o json", "With the findings each one shows"),
        ),
      (a) => scenarios(asArgs(a)),
    )
    .command(
      "init",
      "Replace the simulated world with a fresh copy of a scenario",
      (b) =>
        commandFlagsFirst(
          b
            .option("scenario", {
              type: "string",
              describe: "The scenario to start from (kcs sim scenarios lists them)",
              demandOption: "Name the scenario: --scenario NAME (kcs sim scenarios lists them)",
            })
            .option("force", { type: "boolean", describe: "Replace the file even if it is not a kcs world" })
            .example("$0 sim init --scenario invalid-credentials", "A store whose kmsuser password is wrong")
            .example("$0 sim init --scenario fleet -o json", "Several broken stores; the summary as JSON"),
        ),
      (a) => init(asArgs(a)),
    )
    .command(
      "status",
      "Summarise the simulated world: stores, clusters, HSMs, keys, the clock",
      (b) =>
        commandFlagsFirst(
          b
            .example("$0 sim status", "What the world holds now")
            .example("$0 sim status -o json", "The same, as JSON"),
        ),
      (a) => status(asArgs(a)),
    )
    .command(
      "serve",
      "Serve the simulator over HTTP (AWS JSON 1.1) for --endpoint-url clients and the aws CLI",
      (b) =>
        commandFlagsFirst(
          b
            .option("port", { type: "number", default: 4566, describe: "TCP port (0 picks a free one)" })
            .option("host", {
              type: "string",
              default: "127.0.0.1",
              describe: "Address to bind (loopback unless told otherwise)",
            })
            .option("xks-port", {
              type: "number",
              describe:
                "TCP port of the world's simulated XKS proxies (default: --port + 1; 0 when --port is 0)",
            })
            .example("$0 sim serve", "Serve the world on port 4566 until Ctrl-C")
            .example("$0 sim serve --port 0", "On a free port (the URL is printed)")
            .epilogue(
              "Meanwhile, in another terminal:\n  kcs --backend aws --endpoint-url http://127.0.0.1:4566 --region eu-west-1 doctor\n\nThe world's XKS proxies answer the XKS proxy API (SigV4, service kms-xks-proxy) over plain HTTP on\n--xks-port; the Host header names the proxy (the host of the store's XksProxyUriEndpoint), e.g.\n  POST http://127.0.0.1:4567/<prefix>/kms/xks/v1/health  with  Host: xks.partner.example.com",
            ),
        ),
      (a) => serveCommand(asArgs(a)),
    )
    .command(
      "export-trail",
      "Write the world's CloudTrail as its trail delivers it to S3 (gzipped log files, events older than 90 days included)",
      (b) =>
        commandFlagsFirst(
          b
            .option("dir", {
              type: "string",
              describe:
                "The folder to write AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ into (made if needed)",
              demandOption: "Name the folder: --dir DIR",
            })
            .example("$0 sim export-trail --dir trail", "Then: kcs doctor --cloudtrail-dir trail"),
        ),
      (a) => exportTrailCommand(asArgs(a)),
    )
    // Imported, not loaded on use: completion runs builders synchronously (see main.ts loadNamed).
    .command("hsm", "Act on the HSMs as an operator would with the CloudHSM CLI", hsmBuilder)
    .command(
      "act",
      "Act as a person in the AWS console would: disconnect or connect a store, set its kmsuser password, delete an HSM or a cluster",
      async (b) => (await import("./sim-act.js")).builder(b),
    )
    .command(
      "faults",
      "Show or change the world's faults: latency, transient errors, quotas, connect failures, access denied",
      (b) => commandFlagsFirst(faultOptions(b)),
      (a) => faults(asArgs(a)),
    )
    .command(
      "advance <duration>",
      "Move simulated time forward (e.g. 20m), completing whatever falls due",
      (b) =>
        commandFlagsFirst(
          b
            .positional("duration", { type: "string", describe: "How far: 250ms, 15s, 20m, 1h, 7d" })
            .fail(failWithHint("Say how far: kcs sim advance DURATION, like 20m or 2h."))
            .example("$0 sim advance 20m", "Let a 20-minute wait (a cluster restore) finish"),
        ),
      (a) => advance(asArgs(a)),
    )
    .demandCommand(
      1,
      "Name a sim command: scenarios, init, status, serve, export-trail, hsm, act, faults or advance.",
    )
    .example("$0 sim init --scenario user-locked-out", "Start from a scenario")
    .example("$0 sim status", "What the simulated world holds now");
  return commandFlagsFirst(page);
}

function faultOptions(b: Argv): Argv {
  return b
    .option("latency", { type: "string", describe: "Added latency per call (e.g. 50ms)" })
    .option("error-rate", {
      type: "number",
      describe: "Fraction of calls answered with a transient 5xx (0-1)",
    })
    .option("quotas", {
      choices: ["on", "off"],
      describe: "Enforce AWS request quotas (ThrottlingException)",
    })
    .option("connect-failure", {
      type: "string",
      describe: "Connects end FAILED with this code (none to stop)",
    })
    .option("deny", {
      type: "string",
      array: true,
      describe: "Refuse service:Operation with AccessDenied",
    })
    .option("lost-answer-rate", {
      type: "number",
      describe: "Fraction of changes whose answer is lost after AWS acted (0-1)",
    })
    .option("reset-rate", {
      type: "number",
      describe: "Fraction of calls whose connection is reset after AWS answered (0-1)",
    })
    .option("hang-rate", {
      type: "number",
      describe: "Fraction of calls whose answer is held for --hang (0-1)",
    })
    .option("hang", { type: "string", describe: "How long a held answer waits (default 5s)" })
    .option("material-loss-notice", {
      type: "string",
      describe:
        "How long a key whose backing key is gone still reads Enabled (default 30m; only a cryptographic call fails meanwhile)",
    })
    .option("clear", { type: "boolean", describe: "Remove every fault first" })
    .example("$0 sim faults", "Show the faults in force")
    .example("$0 sim faults --latency 200ms --error-rate 0.05", "Slow, sometimes failing answers")
    .example("$0 sim faults --deny cloudtrail:LookupEvents", "Doctor without CloudTrail access")
    .example("$0 sim faults --clear", "Back to a well-behaved world");
}
