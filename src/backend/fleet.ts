// A fleet run's backends: one per (account, Region). Identities are the profiles and the roles
// (assumed with the SDK's own credential providers), Regions the ones named or, with --all-regions,
// the ones each account has enabled (EC2 DescribeRegions). A target that cannot be opened (a role
// that cannot be assumed, credentials AWS refuses) is a failure to report; the rest go on.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { BackendOptions } from "../core/backend-options.js";
import { durationFlag } from "../core/duration.js";
import { KcsError, UsageError } from "../core/errors.js";
import { byCodeUnit } from "../core/order.js";
import { t } from "../i18n/index.js";
import { errorCode } from "./aws-errors.js";
import type { Backend } from "./backend.js";
import { type AwsClients, type ClientOptions, makeClients } from "./clients.js";
import {
  accountOfRole,
  DEFAULT_ROLE_SESSION_NAME,
  type FleetFlags,
  type TargetAccess,
} from "./fleet-flags.js";

/** An (account, Region) kcs could not read at all, and why. */
export interface TargetFailure {
  account: string;
  region: string;
  service: "sts" | "ec2" | "kms";
  operation: string;
  code: string;
  message: string;
}

export interface Fleet {
  targets: Backend[];
  failures: TargetFailure[];
  close(): void;
}

/** Reads may be retried more than the SDK's default 3 attempts (as backend.ts). */
const READ_ATTEMPTS = 5;

interface Identity {
  /** A role's account is its ARN's; a profile's is asked of STS. */
  account?: string;
  roleArn?: string;
  credentials?: AwsCredentialIdentityProvider;
  /** What a later command must name to reach this account again (none: the default credentials). */
  via?: TargetAccess;
}

/** How a backend's clients reach the world: the in-process simulator, or HTTP (AWS or --endpoint-url). */
interface Reach {
  kind: Backend["kind"];
  endpoint?: string;
  requestHandler?: unknown;
  requestTimeoutMs?: number;
  /** The identity when no profile or role is named. */
  defaultCredentials?: AwsCredentialIdentity;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).split("\n")[0]!;
const codeOf = (err: unknown) => (err instanceof KcsError && err.awsCode) || errorCode(err);

function clientOptions(
  reach: Reach,
  region: string,
  credentials?: AwsCredentialIdentityProvider,
): ClientOptions {
  return {
    region,
    maxAttempts: READ_ATTEMPTS,
    ...(reach.endpoint ? { endpoint: reach.endpoint } : {}),
    ...(reach.requestHandler ? { requestHandler: reach.requestHandler } : {}),
    ...(reach.requestTimeoutMs ? { requestTimeoutMs: reach.requestTimeoutMs } : {}),
    ...(credentials ? { credentials } : {}),
  };
}

/** The SDK config an STS or EC2 client of this reach takes. */
function sdkConfig(reach: Reach, region: string, credentials?: AwsCredentialIdentityProvider) {
  return {
    region,
    maxAttempts: READ_ATTEMPTS,
    ...(reach.endpoint ? { endpoint: reach.endpoint } : {}),
    ...(reach.requestHandler ? { requestHandler: reach.requestHandler as never } : {}),
    ...(credentials ? { credentials } : {}),
  };
}

/** Every identity's targets; `home` is the Region STS and EC2 are asked in. */
export async function openTargets(
  flags: FleetFlags,
  reach: Reach,
  home: string,
  makeBackend: (clients: AwsClients, region: string, account: string, via?: TargetAccess) => Backend,
): Promise<Fleet> {
  const [{ fromIni, fromTemporaryCredentials }, { STSClient, GetCallerIdentityCommand }] = await Promise.all([
    import("@aws-sdk/credential-providers"),
    import("@aws-sdk/client-sts"),
  ]);
  const base = reach.defaultCredentials;
  const list: Identity[] = [];
  // The default identity (the SDK's chain, or the simulator's key) unless profiles are named; roles
  // add their accounts to it.
  if (flags.profiles.length === 0) list.push(base ? { credentials: async () => base } : {});
  for (const profile of flags.profiles) list.push({ credentials: fromIni({ profile }), via: { profile } });
  // Roles are assumed from the first profile's credentials, or from the default chain's.
  const master = flags.profiles[0]
    ? fromIni({ profile: flags.profiles[0] })
    : base
      ? async () => base
      : undefined;
  for (const roleArn of flags.roleArns)
    list.push({
      roleArn,
      account: accountOfRole(roleArn),
      via: {
        ...(flags.profiles[0] !== undefined ? { profile: flags.profiles[0] } : {}),
        roleArn,
        ...(flags.externalId !== undefined ? { externalId: flags.externalId } : {}),
        ...(flags.roleSessionName !== DEFAULT_ROLE_SESSION_NAME
          ? { roleSessionName: flags.roleSessionName }
          : {}),
      },
      credentials: fromTemporaryCredentials({
        params: {
          RoleArn: roleArn,
          RoleSessionName: flags.roleSessionName,
          ...(flags.externalId !== undefined ? { ExternalId: flags.externalId } : {}),
        },
        ...(master ? { masterCredentials: master } : {}),
        clientConfig: sdkConfig(reach, home) as never,
      }),
    });
  const targets: Backend[] = [];
  const failures: TargetFailure[] = [];
  const regionsFor = async (id: Identity): Promise<string[]> => {
    if (!flags.allRegions) return flags.regions.length > 0 ? flags.regions : [home];
    const { makeEc2Client } = await import("./ec2-client.js");
    const { DescribeRegionsCommand } = await import("@aws-sdk/client-ec2");
    const ec2 = makeEc2Client(sdkConfig(reach, home, id.credentials) as never);
    try {
      const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
      return (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
    } finally {
      ec2.destroy();
    }
  };
  await Promise.all(
    list.map(async (id) => {
      let account = id.account;
      const fail = (region: string, service: TargetFailure["service"], operation: string, err: unknown) =>
        failures.push({
          account: account ?? "",
          region,
          service,
          operation,
          code: codeOf(err),
          message: messageOf(err),
        });
      const named = flags.allRegions ? "*" : (flags.regions[0] ?? home);
      try {
        if (id.roleArn) await id.credentials!();
      } catch (err) {
        for (const region of flags.allRegions ? [named] : flags.regions.length ? flags.regions : [home])
          fail(region, "sts", "AssumeRole", err);
        return;
      }
      if (account === undefined) {
        const sts = new STSClient(sdkConfig(reach, home, id.credentials) as never);
        try {
          account = (await sts.send(new GetCallerIdentityCommand({}))).Account ?? "";
        } catch (err) {
          fail(named, "sts", "GetCallerIdentity", err);
          return;
        } finally {
          sts.destroy();
        }
      }
      let regions: string[];
      try {
        regions = await regionsFor(id);
      } catch (err) {
        fail(named, "ec2", "DescribeRegions", err);
        return;
      }
      for (const region of regions)
        targets.push(
          makeBackend(makeClients(clientOptions(reach, region, id.credentials)), region, account, id.via),
        );
    }),
  );
  // One order whatever finished first: accounts, then Regions.
  const order = (a: { account?: string; region: string }, b: { account?: string; region: string }) =>
    byCodeUnit(a.account ?? "", b.account ?? "") || byCodeUnit(a.region, b.region);
  targets.sort(order);
  failures.sort(order);
  return {
    targets,
    failures,
    close: () => {
      for (const t of targets) t.close();
    },
  };
}

/** The aws backend's fleet: real endpoints, or --endpoint-url (kcs sim serve answers STS and EC2 too). */
export async function openAwsFleet(args: BackendOptions, flags: FleetFlags): Promise<Fleet> {
  const { checkEndpointUrl, checkProfileFlag, refuseSimOnlyFlags } = await import("./aws-flags.js");
  const { lazyHttpsTransport } = await import("./lazy-xks-transport.js");
  refuseSimOnlyFlags(args);
  checkEndpointUrl(args.endpointUrl);
  for (const p of flags.profiles) checkProfileFlag(p);
  const home = await homeRegion(flags);
  const reach: Reach = {
    kind: "aws",
    ...(args.endpointUrl ? { endpoint: args.endpointUrl } : {}),
    ...(args.requestTimeout
      ? { requestTimeoutMs: durationFlag(args.requestTimeout, "--request-timeout") }
      : {}),
  };
  return openTargets(flags, reach, home, (clients, region, account, via) => {
    clients.region = region;
    return {
      kind: "aws",
      clients,
      region,
      account,
      ...(via ? { via } : {}),
      fleet: true,
      ...(args.endpointUrl ? { endpoint: args.endpointUrl } : {}),
      xks: lazyHttpsTransport(),
      close: () => clients.destroy(),
    };
  });
}

/** Where STS and EC2 are asked: the first --region, the environment's, or the first profile's. */
async function homeRegion(flags: FleetFlags): Promise<string> {
  const named = flags.regions[0] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (named) return named;
  const { KMSClient } = await import("@aws-sdk/client-kms");
  const probe = new KMSClient(flags.profiles[0] ? { profile: flags.profiles[0] } : {});
  try {
    return await probe.config.region();
  } catch {
    throw new UsageError(t("errors.fleet.noRegion"));
  } finally {
    probe.destroy();
  }
}
