import { resolve } from "node:path";
import type { BackendKind, BackendOptions } from "../core/backend-options.js";
import { durationFlag } from "../core/duration.js";
import { UsageError } from "../core/errors.js";
import { fatalAwsError } from "./aws-errors.js";
import { type AwsClients, makeClients } from "./clients.js";
import { lazyHttpsTransport } from "./lazy-xks-transport.js";
import type { XksTransport } from "./xks-transport.js";

export interface Backend {
  kind: BackendKind;
  clients: AwsClients;
  region: string;
  /** The account read (a fleet run's targets, and the sim backend, know it). */
  account?: string;
  /** A fleet run's target: how its account was reached (a profile, a role). */
  via?: import("./fleet-flags.js").TargetAccess;
  /** One target of a fleet run (its ledger is named for its account too). */
  fleet?: boolean;
  endpoint?: string;
  /** How doctor --probe reaches external key stores' proxies: HTTPS for aws, in process for sim. */
  xks: XksTransport;
  /** The simulator behind the sim backend (its record of calls is what tests read). */
  sim?: import("./sim.js").SimBackendParts;
  close(): void;
}

/** Reads may be retried more than the SDK's default 3 attempts: a report is worth a few seconds. */
const READ_ATTEMPTS = 5;

export async function openBackend(args: BackendOptions): Promise<Backend> {
  const { refuseFleetFlags } = await import("./fleet-flags.js");
  // Repeated, yargs gives an array: this command reads one account in one Region.
  refuseFleetFlags(args);
  // Checked whatever the backend: a bad value is a mistake even where it has no effect.
  const requestTimeoutMs = args.requestTimeout
    ? durationFlag(args.requestTimeout, "--request-timeout")
    : undefined;
  if (args.backend === "sim") {
    const { openSimBackend } = await import("./sim.js");
    const { openWorldFor } = await import("./world-place.js");
    const { simXksTransport } = await import("./sim-xks-transport.js");
    const { PartitionStore } = await import("../sim/partitions.js");
    const sim = openSimBackend(args.simState, openWorldFor(args, "use", true), args.region);
    const close = () => {
      destroy(sim.clients);
      try {
        sim.simulator.flushTrail();
      } catch {
        // CloudTrail's record of this run's reads is the simulator's bookkeeping, not the command's
        // outcome: a world locked by another process must not turn a finished run into a failure.
      }
    };
    return {
      kind: "sim",
      clients: sim.clients,
      region: sim.region,
      account: sim.store.read((w) => w.accountId),
      sim,
      xks: simXksTransport(sim.partition ? new PartitionStore(sim.store, sim.partition) : sim.store),
      close,
    };
  }
  const { checkEndpointUrl, checkProfileFlag, checkRegion, missingProfile, refuseSimOnlyFlags } =
    await import("./aws-flags.js");
  refuseSimOnlyFlags(args);
  checkEndpointUrl(args.endpointUrl);
  if (args.region !== undefined) checkRegion(args.region, "--region");
  else if (process.env.AWS_REGION) checkRegion(process.env.AWS_REGION, "AWS_REGION");
  else if (process.env.AWS_DEFAULT_REGION) checkRegion(process.env.AWS_DEFAULT_REGION, "AWS_DEFAULT_REGION");
  checkProfileFlag(args.profile);
  // The old CloudHSM v2 client has no `profile` option: the environment reaches every client alike.
  if (args.profile) process.env.AWS_PROFILE = args.profile;
  const region = args.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const clients = makeClients({
    ...(region ? { region } : {}),
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    ...(args.endpointUrl ? { endpoint: args.endpointUrl } : {}),
    maxAttempts: READ_ATTEMPTS,
  });
  let resolved: string;
  try {
    resolved = await clients.kms.config.region();
    await clients.kms.config.credentials();
  } catch (err) {
    destroy(clients);
    // AWS_PROFILE from the environment is not refused up front: on EC2 or ECS the SDK may still find
    // credentials past a missing profile. When nothing was found, the missing profile is the news.
    const envProfile = args.profile === undefined ? process.env.AWS_PROFILE : undefined;
    const missing = envProfile ? missingProfile(envProfile, "AWS_PROFILE") : undefined;
    if (missing) throw new UsageError(missing);
    throw fatalAwsError(err, "kms", "DescribeCustomKeyStores", args.endpointUrl) ?? err;
  }
  if (!region) {
    // The KMS client found the region in the profile; the CloudHSM and CloudTrail clients get it too.
    destroy(clients);
    return openBackend({ ...args, region: resolved });
  }
  clients.region = resolved;
  return {
    kind: "aws",
    clients,
    region: resolved,
    ...(args.endpointUrl ? { endpoint: args.endpointUrl } : {}),
    xks: lazyHttpsTransport(),
    close: () => destroy(clients),
  };
}

function destroy(c: AwsClients) {
  c.destroy();
}

/** Where kcs records the orphans it deleted, per backend (see remediate/ledger.ts). */
export function ledgerPath(backend: Backend): string {
  if (process.env.KCS_LEDGER) return process.env.KCS_LEDGER;
  if (backend.kind === "sim" && backend.sim) {
    // Each partition of a world has its own (its own account and Region); the root keeps the old name.
    const p = backend.sim.partition;
    return `${backend.sim.store.path}${p ? `.${p.accountId}-${p.region}` : ""}.ledger.json`;
  }
  // One ledger per endpoint and Region: a simulator served on a port is not the AWS account.
  const endpoint = backend.endpoint
    ? `-${backend.endpoint.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9.-]+/g, "_")}`
    : "";
  // A fleet's second account in one Region is another ledger (and another lock).
  const account = backend.account && backend.fleet ? `-${backend.account}` : "";
  return resolve(".kcs", `ledger-${backend.region}${account}${endpoint}.json`);
}
