/**
 * The SDK clients every AWS-shaped read goes through (KMS, CloudTrail, CloudHSM v2) as one script of
 * their own (scripts/bundle.mjs's APART builds dist/bundle-cjs/sdk.cjs from this): `kcs sim status`,
 * help and the simulator's own commands never send a request, yet each run read them. One script for
 * the three, so that a doctor loads one copy of the SDK's core, not three.
 *
 * Only the clients and the commands kcs sends: `export * as` kept every command of the three
 * packages (0.8 MB), and each doctor read it, decoded it and copied its hundreds of names into kcs's
 * view of each package. test/architecture/bundle-weight.test.ts holds every value kcs imports from
 * these packages to these lists.
 */
import {
  CloudHSMV2Client,
  CreateClusterCommand,
  CreateHsmCommand,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  ConnectCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EncryptCommand,
  GenerateRandomCommand,
  KMSClient,
  ListKeysCommand,
  UpdateCustomKeyStoreCommand,
} from "@aws-sdk/client-kms";

export const cloudhsm = {
  CloudHSMV2Client,
  CreateClusterCommand,
  CreateHsmCommand,
  DescribeBackupsCommand,
  DescribeClustersCommand,
};
export const cloudtrail = { CloudTrailClient, LookupEventsCommand };
export const kms = {
  ConnectCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EncryptCommand,
  GenerateRandomCommand,
  KMSClient,
  ListKeysCommand,
  UpdateCustomKeyStoreCommand,
};
