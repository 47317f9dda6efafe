import { type AwsClients, makeClients } from "../../src/backend/clients.js";
import { VirtualClock } from "../../src/sim/clock.js";
import { MemoryWorldStore, Simulator, type SimulatorOptions } from "../../src/sim/engine.js";
import type { ServiceName } from "../../src/sim/errors.js";
import { responseProblems } from "../../src/sim/model/validate.js";
import { findScenario } from "../../src/sim/scenarios/catalog.js";
import { SimulatorRequestHandler } from "../../src/sim/wire/request-handler.js";
import { type RunningServer, serve } from "../../src/sim/wire/server.js";
import type { World } from "../../src/sim/world.js";

export const T0 = Date.parse("2026-11-28T12:00:00Z");
export const CREDENTIALS = {
  accessKeyId: "AKIDSIMULATOR000001",
  secretAccessKey: "sim-secret-not-a-real-one",
};

export interface Harness {
  sim: Simulator;
  clock: VirtualClock;
  store: MemoryWorldStore;
  clients: AwsClients;
  /** The HTTP endpoint (http transport only). */
  url?: string;
  world(): World;
  close(): Promise<void>;
}

export type Transport = "in-process" | "http";

/** Simulator options besides its clock (the harness's VirtualClock), SDK retries and quotas. */
export interface HarnessOptions extends Omit<SimulatorOptions, "clock"> {
  /** SDK attempts per call; the default 1 means no retries. */
  maxAttempts?: number;
  /** Leave the world's quota setting as it is; by default quotas are switched off. */
  keepQuotas?: boolean;
  /** The clients' --request-timeout (http transport: the in-process handler has no socket to time out). */
  requestTimeoutMs?: number;
}

/**
 * ListTags must answer a TagList, and an untagged resource has none to give: AWS answers an empty
 * list, which the model's "min 1" forbids. That one contradiction of the model is AWS's, not ours.
 */
const AWS_OWN_CONTRADICTIONS =
  /^cloudhsmv2:ListTags Value '\[\]' at 'tagList' failed to satisfy constraint: Member must have length greater than or equal to 1$/;

function failOnUnmodelledAnswer(service: ServiceName, operation: string, output: Record<string, unknown>) {
  const problems = responseProblems(service, operation, output)
    .map((p) => `${service}:${operation} ${p}`)
    .filter((p) => !AWS_OWN_CONTRADICTIONS.test(p));
  if (problems.length > 0)
    throw new Error(`the simulator answered what AWS's model does not allow: ${problems.join("; ")}`);
}

/** A simulator on virtual time, reached through the real SDK clients (in-process or over HTTP). */
export async function harness(
  world: World,
  transport: Transport = "in-process",
  options: HarnessOptions = {},
): Promise<Harness> {
  const { maxAttempts = 1, keepQuotas = false, requestTimeoutMs, ...simulatorOptions } = options;
  const clock = new VirtualClock(world.clock.simAnchorMs);
  const store = new MemoryWorldStore(world);
  if (!keepQuotas) for (const w of [world, ...(world.partitions ?? [])]) w.faults.quotas = false;
  // Every test holds the simulator to its models: an unmodelled error, or an answer with a member or
  // value the operation's output shape does not allow, fails the test that met it.
  const sim = new Simulator(store, {
    clock,
    strictErrors: true,
    onAnswer: failOnUnmodelledAnswer,
    ...simulatorOptions,
  });
  const server: RunningServer | undefined = transport === "http" ? await serve(sim) : undefined;
  const clients = makeClients({
    region: world.region,
    credentials: CREDENTIALS,
    maxAttempts,
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    ...(server
      ? { endpoint: server.url }
      : { endpoint: "http://kcs-sim.invalid", requestHandler: new SimulatorRequestHandler(sim) }),
  });
  return {
    sim,
    clock,
    store,
    clients,
    ...(server ? { url: server.url } : {}),
    world: () => store.world,
    close: async () => {
      clients.destroy();
      await server?.close();
    },
  };
}

export function scenarioWorld(name: string, endAt = T0): World {
  const s = findScenario(name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s.build(endAt);
}
