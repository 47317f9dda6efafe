import type { Argv } from "yargs";
import { parseDuration } from "../../core/duration.js";
import { UsageError } from "../../core/errors.js";
import { t } from "../../i18n/index.js";
import { ScaledWallClock } from "../../sim/clock.js";
import type { World } from "../../sim/world.js";
import type { GlobalArgs } from "../context.js";
import { commandFlagsFirst, helpText } from "../help.js";
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
    throw new UsageError(t("sim.error.noScenario", { name, names: SCENARIOS.map((s) => s.name).join(", ") }));
  }
  const store = openWorldFor(args, "init");
  const path = store.path;
  if (store.exists() && !args.force) {
    // Only a file that is not a kcs world needs --force: replacing a practice world is what init is for.
    try {
      parseWorld(readWorldText(path), path);
    } catch {
      throw new UsageError(t("sim.error.notAWorld", { path }));
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
      `${t("sim.done.init", { ...data, name: style.bold(name) })}\n${style.dim(t("sim.done.next"))}`,
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
  if (!isDir) throw new UsageError(t("sim.error.dirIsFile", { dir }));
  const { openWorldFor } = await import("../../backend/world-place.js");
  const { settle } = await import("../../sim/settle.js");
  const { exportTrail } = await import("../../sim/cloudtrail/export.js");
  const store = openWorldFor(args, "use");
  store.update((w) => settle(w, new ScaledWallClock(w.clock).now()));
  const written = store.read((w) => exportTrail(w, dir, new ScaledWallClock(w.clock).now()));
  const summary = { dir: resolve(dir), files: written.files.length, events: written.events };
  await render(args, (view, style) =>
    view.notice(summary, t("sim.done.exportTrail", { ...summary, flagDir: dir }), style),
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
    throw new UsageError(t("sim.error.port", { flag: "--port", value: String(args.port) }));
  const callLog = process.env.KCS_SIM_CALL_LOG;
  const running = await serve(new Simulator(store, callLog ? { callLog } : {}), {
    host,
    port,
  }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(t("sim.error.listen", { host, port, reason: err.code ?? err.message }));
  });
  // The world's XKS proxies on a port of their own (by default the next one): the Host header picks
  // the proxy, as the store's endpoint name would.
  const { serveWorldProxies, proxyHost } = await import("../../sim/xks/world-server.js");
  const xksPort = args["xks-port"] === undefined ? (port === 0 ? 0 : port + 1) : Number(args["xks-port"]);
  if (!Number.isInteger(xksPort) || xksPort < 0 || xksPort > 65535)
    throw new UsageError(t("sim.error.port", { flag: "--xks-port", value: String(args["xks-port"]) }));
  const xks = await serveWorldProxies(store, { host, port: xksPort }).catch(
    async (err: NodeJS.ErrnoException) => {
      await running.close();
      throw new UsageError(
        t("sim.error.listenXks", { host, port: xksPort, reason: err.code ?? err.message }),
      );
    },
  );
  const xksHosts = store.read((w) => (w.xksProxies ?? []).map(proxyHost));
  const line = t("sim.done.serving", { path, url: running.url });
  const xksLine =
    xksHosts.length > 0
      ? t("sim.done.xks", { url: xks.url, hosts: xksHosts.join(", ") })
      : t("sim.done.xksNone", { url: xks.url });
  await render(args, (view, style) =>
    view.notice(
      { url: running.url, path, xksUrl: xks.url, xksHosts },
      `${line}\n${xksLine}\n${t("sim.done.try", { url: running.url })}\n${t("sim.done.stop")}`,
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
      throw new UsageError(t("sim.error.fraction", { flag: "--error-rate", value: String(args.errorRate) }));
    changes.push((w) => (w.faults.transientErrorRate = rate));
  }
  const fraction = (flag: string, value: unknown, set: (w: World, rate: number) => void) => {
    if (value === undefined) return;
    const rate = Number(value);
    if (!(rate >= 0 && rate <= 1))
      throw new UsageError(t("sim.error.fraction", { flag, value: String(value) }));
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
      throw new UsageError(t("sim.error.connectFailure", { code }));
    }
    changes.push((w) => {
      if (code === "none") delete w.faults.connectFailure;
      else w.faults.connectFailure = code as World["faults"]["connectFailure"];
    });
  }
  for (const d of (args.deny as string[] | undefined) ?? []) {
    if (!/^(kms|cloudhsm|cloudhsmv2|cloudtrail):[A-Za-z]+$/.test(d)) {
      throw new UsageError(t("sim.error.deny", { value: d }));
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
  await render(args, (view, style) =>
    view.notice(current, t("sim.done.faults", { faults: describeFaults(current) }), style),
  );
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
  await render(args, (view, style) => view.notice({ now: iso }, t("sim.done.advanced", { now: iso }), style));
}

export function builder(y: Argv): Argv {
  const page = y
    .command(
      "scenarios",
      helpText("sim.command.scenarios"),
      (b) =>
        commandFlagsFirst(
          b
            .example("$0 sim scenarios", helpText("sim.example.scenarios"))
            .example("$0 sim scenarios -o json", helpText("sim.example.scenariosJson")),
        ),
      (a) => scenarios(asArgs(a)),
    )
    .command(
      "init",
      helpText("sim.command.init"),
      (b) =>
        commandFlagsFirst(
          b
            .option("scenario", {
              type: "string",
              describe: helpText("sim.flag.scenario"),
              demandOption: t("sim.flag.scenarioMissing"),
            })
            .option("force", { type: "boolean", describe: helpText("sim.flag.force") })
            .example(
              "$0 sim init --scenario invalid-credentials",
              helpText("sim.example.initInvalidCredentials"),
            )
            .example("$0 sim init --scenario fleet -o json", helpText("sim.example.initFleet")),
        ),
      (a) => init(asArgs(a)),
    )
    .command(
      "status",
      helpText("sim.command.status"),
      (b) =>
        commandFlagsFirst(
          b
            .example("$0 sim status", helpText("sim.example.status"))
            .example("$0 sim status -o json", helpText("sim.example.statusJson")),
        ),
      (a) => status(asArgs(a)),
    )
    .command(
      "serve",
      helpText("sim.command.serve"),
      (b) =>
        commandFlagsFirst(
          b
            .option("port", { type: "number", default: 4566, describe: helpText("sim.flag.port") })
            .option("host", {
              type: "string",
              default: "127.0.0.1",
              describe: helpText("sim.flag.host"),
            })
            .option("xks-port", {
              type: "number",
              describe: helpText("sim.flag.xksPort"),
            })
            .example("$0 sim serve", helpText("sim.example.serve"))
            .example("$0 sim serve --port 0", helpText("sim.example.servePort0"))
            .epilogue(helpText("sim.serveEpilogue")),
        ),
      (a) => serveCommand(asArgs(a)),
    )
    .command(
      "export-trail",
      helpText("sim.command.exportTrail"),
      (b) =>
        commandFlagsFirst(
          b
            .option("dir", {
              type: "string",
              describe: helpText("sim.flag.dir"),
              demandOption: t("sim.flag.dirMissing"),
            })
            .example("$0 sim export-trail --dir trail", helpText("sim.example.exportTrail")),
        ),
      (a) => exportTrailCommand(asArgs(a)),
    )
    // Imported, not loaded on use: completion runs builders synchronously (see main.ts loadNamed).
    .command("hsm", helpText("sim.command.hsm"), hsmBuilder)
    .command("act", helpText("sim.command.act"), async (b) => (await import("./sim-act.js")).builder(b))
    .command(
      "faults",
      helpText("sim.command.faults"),
      (b) => commandFlagsFirst(faultOptions(b)),
      (a) => faults(asArgs(a)),
    )
    .command(
      "advance <duration>",
      helpText("sim.command.advance"),
      (b) =>
        commandFlagsFirst(
          b
            .positional("duration", { type: "string", describe: helpText("sim.flag.duration") })
            .fail(failWithHint(t("sim.flag.durationMissing")))
            .example("$0 sim advance 20m", helpText("sim.example.advance")),
        ),
      (a) => advance(asArgs(a)),
    )
    .demandCommand(1, t("sim.demandCommand"))
    .example("$0 sim init --scenario user-locked-out", helpText("sim.example.start"))
    .example("$0 sim status", helpText("sim.example.simStatus"));
  return commandFlagsFirst(page);
}

function faultOptions(b: Argv): Argv {
  return b
    .option("latency", { type: "string", describe: helpText("sim.flag.latency") })
    .option("error-rate", {
      type: "number",
      describe: helpText("sim.flag.errorRate"),
    })
    .option("quotas", {
      choices: ["on", "off"],
      describe: helpText("sim.flag.quotas"),
    })
    .option("connect-failure", {
      type: "string",
      describe: helpText("sim.flag.connectFailure"),
    })
    .option("deny", {
      type: "string",
      array: true,
      describe: helpText("sim.flag.deny"),
    })
    .option("lost-answer-rate", {
      type: "number",
      describe: helpText("sim.flag.lostAnswerRate"),
    })
    .option("reset-rate", {
      type: "number",
      describe: helpText("sim.flag.resetRate"),
    })
    .option("hang-rate", {
      type: "number",
      describe: helpText("sim.flag.hangRate"),
    })
    .option("hang", { type: "string", describe: helpText("sim.flag.hang") })
    .option("material-loss-notice", {
      type: "string",
      describe: helpText("sim.flag.materialLossNotice"),
    })
    .option("clear", { type: "boolean", describe: helpText("sim.flag.clear") })
    .example("$0 sim faults", helpText("sim.example.faults"))
    .example("$0 sim faults --latency 200ms --error-rate 0.05", helpText("sim.example.faultsSlow"))
    .example("$0 sim faults --deny cloudtrail:LookupEvents", helpText("sim.example.faultsDeny"))
    .example("$0 sim faults --clear", helpText("sim.example.faultsClear"));
}
