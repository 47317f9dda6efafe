import { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { EC2Client } from "@aws-sdk/client-ec2";
import { KMSClient } from "@aws-sdk/client-kms";
import { defaultProvider } from "./lazy-credential-provider.js";
import { LazyNodeHttpHandler } from "./lazy-http-handler.js";

export interface AwsClients {
  kms: KMSClient;
  cloudhsm: CloudHSMV2Client;
  /**
   * CloudHSM for the creates that have no idempotency token (CreateCluster, CreateHsm): one attempt
   * only. An SDK retry after an answer lost on its way back would create a second, billed resource;
   * kcs looks for what the first attempt made instead.
   */
  cloudhsmOnce: CloudHSMV2Client;
  cloudtrail: CloudTrailClient;
  /**
   * EC2, for the network reads (subnets, security groups). Opened on first use: the client takes about
   * half a second to load, and most runs never need it.
   */
  ec2(): Promise<EC2Client>;
  /** Closes every client, EC2's too if it was opened. */
  destroy(): void;
  region: string;
}

export interface ClientOptions {
  region?: string;
  endpoint?: string;
  /** Static keys, or a provider (an assumed role's, a profile's) the SDK asks again as they expire. */
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
    | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>);
  /** An SDK request handler (the in-process simulator); absent = real HTTP. */
  requestHandler?: unknown;
  maxAttempts?: number;
  profile?: string;
  /** How long one request may take before it fails with TimeoutError (and may be retried). */
  requestTimeoutMs?: number;
  /**
   * Read nothing of the machine's AWS configuration (the simulator's clients): the SDK otherwise takes
   * its defaults mode, retries, FIPS and dual-stack choices from AWS_* variables and ~/.aws/config,
   * where AWS_DEFAULTS_MODE=bogus made a simulated doctor an internal error, and reading the files
   * cost every simulated cold start Node's fs/promises and readline.
   */
  hermetic?: boolean;
}

/** The SDK's own defaults, given outright so that no client looks them up. */
const sdkDefaults = () => ({
  defaultsMode: "standard" as const,
  maxAttempts: 3,
  retryMode: "standard",
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  authSchemePreference: [] as string[],
  userAgentAppId: async (): Promise<string | undefined> => undefined,
  disableClockSkewCorrection: false,
});

/**
 * The simulator's CloudHSM v2 clients name themselves as the SDK would, but without its app id: the
 * client's old user agent provider (3.329) reads ~/.aws/config for one as the client is made, which
 * loaded Node's fs/promises and readline into every simulated run and read the machine's AWS files.
 */
const hermeticCloudHsmUserAgent = async (): Promise<[string, string?][]> => [
  ["aws-sdk-js"],
  [`os/${process.platform}`],
  ["lang/js"],
  ["md/nodejs", process.versions.node],
  ["api/cloudhsm-v2"],
];

/** A hung connection must not hold doctor or fix forever: every request has a deadline. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** A retry strategy (the SDK's first interface, which every client generation accepts) that never retries. */
const SEND_ONCE = {
  mode: "standard",
  retry: <T>(next: (args: T) => Promise<unknown>, args: T) => next(args),
};

/**
 * Builds the three clients kcs uses. The old CloudHSM v2 client ignores AWS_ENDPOINT_URL, so the
 * endpoint is always passed explicitly.
 */
export function makeClients(opts: ClientOptions): AwsClients {
  // One chain for all the clients, not one each: each client's own would run it again, which is a
  // credential_process run (an MFA prompt), an SSO token read or an instance metadata round trip per
  // client.
  const credentials =
    opts.credentials ??
    (opts.hermetic ? undefined : defaultProvider(opts.profile ? { profile: opts.profile } : {}));
  const common = {
    ...(opts.hermetic ? sdkDefaults() : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  };
  // The two SDK generations type their handler differently; the simulator's handler and smithy's
  // Node handler speak both.
  const timeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const handler = {
    requestHandler: (opts.requestHandler ??
      new LazyNodeHttpHandler({
        connectionTimeout: Math.min(timeout, 5_000),
        requestTimeout: timeout,
        throwOnRequestTimeout: true,
      })) as never,
  };
  const kms = new KMSClient({ ...common, ...handler });
  // LookupEvents is paced under its 2 requests/s quota and retried by gather itself: an SDK retry
  // would jump the queue and be throttled again.
  const cloudtrail = new CloudTrailClient({ ...common, ...handler, maxAttempts: 1 });
  const hsmAgent = opts.hermetic ? { defaultUserAgentProvider: hermeticCloudHsmUserAgent } : {};
  const cloudhsm = new CloudHSMV2Client({ ...common, ...handler, ...hsmAgent });
  // Not maxAttempts: 1: this client's util-retry (3.329) retries while retries < maxAttempts, so 1 still
  // means two attempts. A strategy that sends once is the only sure way.
  const cloudhsmOnce = new CloudHSMV2Client({
    ...common,
    ...handler,
    ...hsmAgent,
    retryStrategy: SEND_ONCE as never,
  });
  let ec2: Promise<EC2Client> | undefined;
  let ec2Client: EC2Client | undefined;
  const openEc2 = async () => {
    const { makeEc2Client } = await import("./ec2-client.js");
    ec2Client = makeEc2Client({ ...common, ...handler });
    return ec2Client;
  };
  return {
    kms,
    cloudhsm,
    cloudhsmOnce,
    cloudtrail,
    ec2: () => {
      ec2 ??= openEc2();
      return ec2;
    },
    destroy: () => {
      for (const c of [kms, cloudhsm, cloudhsmOnce, cloudtrail, ec2Client]) c?.destroy();
    },
    region: opts.region ?? "",
  };
}
