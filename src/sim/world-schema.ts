import * as z from "zod";
import { WORLD_SCHEMA, WORLD_VERSION } from "./world.js";

/**
 * The world file, checked whole when it is read: every record an object with its fields of the
 * right types and sizes. A hand-edited or damaged world is refused in one line instead of failing
 * later, deep in a handler, on a null. Bookkeeping the simulator adds over time may pass through.
 *
 * Built on first use: most runs read a world whose digest kcs has already checked
 * (src/sim/persist.ts), and building these schemas costs 10-15 ms of a cold start.
 */
function build() {
  const id = z.string().min(1).max(2048);
  const text = (max = 4096) => z.string().max(max);
  const time = z.number().finite();
  const count = z.number().int().min(0).max(1e9);
  const pending = z.object({ kind: z.string().max(32), dueAt: time }).passthrough();
  const many = <T extends z.ZodTypeAny>(item: T, max = 1_000_000) => z.array(item).max(max);

  const hsmData = z
    .object({
      users: many(
        z
          .object({
            username: text(64),
            role: z.enum(["admin", "crypto-user"]),
            passwordHash: text(256),
            failedLogins: count,
            locked: z.boolean(),
            loggedInBy: z.enum(["kms", "operator"]).optional(),
          })
          .passthrough(),
        1_000,
      ),
      keys: many(
        z
          .object({
            keyReference: text(64),
            keyHandle: text(64),
            label: text(2048),
            owner: text(64),
            backingKeyId: text(256),
            materialHex: text(256),
            createdAt: time,
          })
          .passthrough(),
      ),
      nextHandle: count,
    })
    .passthrough();

  const store = z
    .object({
      CustomKeyStoreId: id,
      CustomKeyStoreName: text(256),
      CustomKeyStoreType: z.enum(["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]),
      CloudHsmClusterId: text(64).optional(),
      ConnectionState: text(32),
      ConnectionErrorCode: text(64).optional(),
      CreationDate: time,
      keyStorePasswordHash: text(256).optional(),
      pending: pending.optional(),
    })
    .passthrough();

  const kmsTag = z.object({ TagKey: text(128), TagValue: text(256) }).passthrough();
  const hsmTag = z.object({ Key: text(128), Value: text(256) }).passthrough();

  const grant = z
    .object({
      GrantId: text(128),
      CreationDate: time,
      GranteePrincipal: text(256),
      IssuingAccount: text(256),
      Operations: many(text(64), 32),
    })
    .passthrough();

  const key = z
    .object({
      KeyId: id,
      Arn: id,
      CreationDate: time,
      Description: text(8192),
      Origin: text(32),
      CustomKeyStoreId: text(64).optional(),
      baseState: z.enum(["Enabled", "Disabled", "PendingDeletion"]),
      policy: text(131_072).optional(),
      tags: many(kmsTag, 50).optional(),
      grants: many(grant, 50_000).optional(),
    })
    .passthrough();

  const hsm = z
    .object({
      HsmId: id,
      AvailabilityZone: text(64),
      SubnetId: text(64),
      State: text(32),
      pending: pending.optional(),
    })
    .passthrough();

  const cluster = z
    .object({
      ClusterId: id,
      State: text(32),
      HsmType: text(32),
      VpcId: text(64),
      SubnetMapping: z.record(z.string().max(64), z.string().max(64)),
      CreateTimestamp: time,
      ClusterCertificate: text(65_536),
      trustAnchor: text(65_536),
      Hsms: many(hsm, 1_000),
      hsm: hsmData,
      pending: pending.optional(),
      TagList: many(hsmTag, 50).optional(),
      Mode: z.enum(["FIPS", "NON_FIPS"]).optional(),
      NetworkType: z.enum(["IPV4", "DUALSTACK"]).optional(),
    })
    .passthrough();

  const rule = z
    .object({
      IpProtocol: text(16),
      FromPort: z.number().int().optional(),
      ToPort: z.number().int().optional(),
      UserIdGroupPairs: many(z.object({ GroupId: text(64) }).passthrough(), 1_000).optional(),
      IpRanges: many(z.object({ CidrIp: text(64) }).passthrough(), 1_000).optional(),
    })
    .passthrough();

  const securityGroup = z
    .object({
      GroupId: id,
      GroupName: text(255),
      Description: text(255),
      VpcId: text(64),
      IpPermissions: many(rule, 1_000),
      IpPermissionsEgress: many(rule, 1_000),
    })
    .passthrough();

  const backup = z
    .object({
      BackupId: id,
      ClusterId: id,
      BackupState: text(32),
      CreateTimestamp: time,
      ClusterCertificate: text(65_536),
      trustAnchor: text(65_536),
      hsmImage: z.string().regex(/^[0-9a-f]{24}$/),
      pending: pending.optional(),
      TagList: many(hsmTag, 50).optional(),
      Mode: z.enum(["FIPS", "NON_FIPS"]).optional(),
    })
    .passthrough();

  const trail = z
    .object({
      Name: text(128),
      TrailARN: text(2048),
      HomeRegion: text(64),
      S3BucketName: text(2048),
      IsMultiRegionTrail: z.boolean(),
      IncludeGlobalServiceEvents: z.boolean(),
      LogFileValidationEnabled: z.boolean(),
      IsOrganizationTrail: z.boolean(),
      HasInsightSelectors: z.boolean(),
      isLogging: z.boolean(),
      startLoggingTime: time.optional(),
      stopLoggingTime: time.optional(),
      eventSelectors: many(z.object({}).passthrough(), 5).optional(),
      advancedEventSelectors: many(z.object({}).passthrough(), 500).optional(),
    })
    .passthrough();

  /** A simulated XKS proxy (world.ts SimXksProxy), within the spec's limits (xks/state.ts). */
  const xksProxy = z
    .object({
      uriEndpoint: z
        .string()
        .regex(/^https:\/\/[a-zA-Z0-9.-]+$/)
        .max(128),
      uriPath: text(128),
      credential: z
        .object({ accessKeyId: z.string().regex(/^[A-Z2-7]{20,30}$/), secretAccessKey: text(128) })
        .passthrough(),
      vendor: text(256),
      model: text(256),
      ekmVendor: text(256),
      fleetSize: z.number().int().min(1).max(1_000),
      keyManagers: many(
        z
          .object({
            id: text(128),
            model: text(256),
            healthStatus: z.enum(["ACTIVE", "DEGRADED", "UNAVAILABLE"]),
          })
          .passthrough(),
        10,
      ).min(1),
      keys: many(
        z
          .object({
            keyId: text(128),
            keySpec: text(32),
            keyUsage: many(text(32), 8),
            keyStatus: z.enum(["ENABLED", "DISABLED"]),
            material: z.string().regex(/^[0-9a-fA-F]{64}$/),
          })
          .passthrough(),
        100_000,
      ),
      faults: z
        .object({
          unreachable: z.boolean().optional(),
          latencyMs: z.number().min(0).max(600_000).optional(),
          tls: z
            .object({ failed: z.boolean(), reason: text(512) })
            .passthrough()
            .optional(),
          rejectCredentials: z.boolean().optional(),
          accessDenied: z.boolean().optional(),
          invalidResponse: z.enum(["malformed-json", "missing-fields"]).optional(),
        })
        .passthrough(),
    })
    .passthrough();

  const vpcEndpointService = z
    .object({
      ServiceName: text(64),
      ServiceId: text(64),
      PrivateDnsName: text(255),
      PrivateDnsNameVerificationState: z.enum(["verified", "pendingVerification", "failed"]),
      AcceptanceRequired: z.boolean(),
      AvailabilityZones: many(text(64), 64),
      AllowedPrincipals: many(text(2048), 1_000),
    })
    .passthrough();

  const trailEvent = z
    .object({
      EventId: id,
      EventName: text(128),
      EventTime: time,
      EventSource: text(128),
      record: z.record(z.string(), z.unknown()),
    })
    .passthrough();

  const partitionFields = {
    schema: z.literal(WORLD_SCHEMA),
    version: z.literal(WORLD_VERSION),
    scenario: text(128),
    accountId: z.string().regex(/^\d{12}$/),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
    pepperCheck: z.string().regex(/^[0-9a-f]{64}$/),
    seq: count,
    clock: z.object({ simAnchorMs: time, wallAnchorMs: time, scale: z.number().positive().max(1e6) }),
    stores: many(store, 100_000),
    keys: many(key),
    aliases: many(z.object({ AliasName: text(256), TargetKeyId: id }).passthrough()),
    clusters: many(cluster, 10_000),
    backups: many(backup, 100_000),
    hsmImages: z
      .record(z.string().regex(/^[0-9a-f]{24}$/), hsmData)
      .refine((images) => Object.keys(images).length <= 100_000, "too many HSM images"),
    subnets: many(
      z.object({ SubnetId: id, AvailabilityZone: text(64), VpcId: text(64) }).passthrough(),
      10_000,
    ),
    // Absent in worlds written before security groups were data: derived from the clusters on load.
    securityGroups: many(securityGroup, 10_000).optional(),
    events: many(trailEvent),
    // Absent in worlds made before old events were kept for export: none kept.
    trailArchive: many(trailEvent).optional(),
    trails: many(trail, 10_000).optional(),
    faults: z
      .object({
        quotas: z.boolean(),
        latencyMs: z.number().min(0).max(600_000),
        transientErrorRate: z.number().min(0).max(1),
        accessDenied: many(text(128), 1_000),
      })
      .passthrough(),
    clusterLimit: count,
    // Absent in worlds made before external key stores had proxies: as good as none.
    xksProxies: many(xksProxy, 1_000).optional(),
    vpcEndpointServices: many(vpcEndpointService, 1_000).optional(),
  };

  /** One (account, Region) partition of a world: the shape of a single-partition world. */
  const PartitionSchema = z.object(partitionFields).passthrough();

  const WorldFileSchema = z
    .object({
      ...partitionFields,
      partitions: many(PartitionSchema, 500).optional(),
      accessKeys: z
        .record(z.string().regex(/^[A-Z0-9]{16,128}$/), z.string().regex(/^\d{12}$/))
        .refine((keys) => Object.keys(keys).length <= 10_000, "too many access keys")
        .optional(),
      onlyListedKeys: z.boolean().optional(),
      roles: many(
        z.object({
          Arn: z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/),
          externalId: text(1224).optional(),
        }),
        1_000,
      ).optional(),
      disabledRegions: many(
        z.object({
          accountId: z.string().regex(/^\d{12}$/),
          region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
        }),
        1_000,
      ).optional(),
    })
    .passthrough();
  return WorldFileSchema;
}

let built: ReturnType<typeof build> | undefined;

/** The world file's schema (see build above). */
export const worldFileSchema = (): ReturnType<typeof build> => (built ??= build());

/** Whether this process has built it: reading a world kcs already checked must not (a test holds this). */
export const worldSchemaBuilt = (): boolean => built !== undefined;
