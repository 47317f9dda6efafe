import { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { KMSClient } from "@aws-sdk/client-kms";

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
  region: string;
}

export interface ClientOptions {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** An SDK request handler (the in-process simulator); absent = real HTTP. */
  requestHandler?: unknown;
  maxAttempts?: number;
  profile?: string;
}

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
  const common = {
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  };
  // The two SDK generations type their handler differently; the simulator's handler speaks both.
  const handler = opts.requestHandler ? { requestHandler: opts.requestHandler as never } : {};
  const kms = new KMSClient({ ...common, ...handler });
  // LookupEvents is paced under its 2 requests/s quota and retried by gather itself: an SDK retry
  // would jump the queue and be throttled again.
  const cloudtrail = new CloudTrailClient({ ...common, ...handler, maxAttempts: 1 });
  const cloudhsm = new CloudHSMV2Client({ ...common, ...handler });
  // Not maxAttempts: 1: this client's util-retry (3.329) retries while retries < maxAttempts, so 1 still
  // means two attempts. A strategy that sends once is the only sure way.
  const cloudhsmOnce = new CloudHSMV2Client({ ...common, ...handler, retryStrategy: SEND_ONCE as never });
  return { kms, cloudhsm, cloudhsmOnce, cloudtrail, region: opts.region ?? "" };
}
