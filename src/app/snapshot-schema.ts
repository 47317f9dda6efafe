import * as z from "zod";
import {
  BACKUP_STATES,
  CLUSTER_STATES,
  CONNECTION_STATES,
  HSM_STATES,
  KEY_STATES,
} from "../core/aws-states.js";
import { BACKEND_KINDS } from "../core/backend-options.js";
import type { Snapshot } from "../gather/snapshot.js";
import { ReadErrorSchema, TargetReportSchema } from "../report/doctor-report-schema.js";

/**
 * `kcs doctor --save-snapshot`: the one declaration of a kcs-snapshot's shape. Each target's
 * `snapshot` is gather's `Snapshot` as it is (plus the ledger's facts observe adds), so the schema
 * below mirrors src/gather/snapshot.ts field for field; `satisfies` makes the compiler hold it to that.
 */
export const SNAPSHOT_SCHEMA_VERSION = 1;

const text = z.string();

/** AWS's values, or UNKNOWN: what kcs records for a value it did not receive or does not know. */
const state = <T extends string>(values: readonly T[]) =>
  z.enum(["UNKNOWN", ...values] as ["UNKNOWN", ...T[]]);

const XksProxyFactsSchema = z.object({
  connectivity: text.optional(),
  uriEndpoint: text.optional(),
  uriPath: text.optional(),
  vpcEndpointServiceName: text.optional(),
  accessKeyId: text.optional(),
});

const StoreFactsSchema = z.object({
  customKeyStoreId: text,
  customKeyStoreName: text,
  customKeyStoreType: z.enum(["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]),
  connectionState: state(CONNECTION_STATES),
  reportedConnectionState: text.optional(),
  connectionErrorCode: text.optional(),
  cloudHsmClusterId: text.optional(),
  creationDate: text.optional(),
  xksProxy: XksProxyFactsSchema.optional(),
});

const ClusterFactsSchema = z.object({
  clusterId: text,
  state: state(CLUSTER_STATES),
  hsmType: text.optional(),
  vpcId: text.optional(),
  subnetMapping: z.record(z.string(), z.string()),
  hsms: z.array(
    z.object({
      hsmId: text,
      availabilityZone: text,
      subnetId: text.optional(),
      state: state(HSM_STATES),
    }),
  ),
  sourceBackupId: text.optional(),
  securityGroup: text.optional(),
});

const BackupFactsSchema = z.object({
  backupId: text,
  clusterId: text.optional(),
  state: state(BACKUP_STATES),
  createTimestamp: text.optional(),
  sourceBackup: text.optional(),
  sourceCluster: text.optional(),
  neverExpires: z.boolean().optional(),
});

const KeyFactsSchema = z.object({
  keyId: text,
  arn: text,
  keyState: state(KEY_STATES),
  customKeyStoreId: text,
  cloudHsmClusterId: text.optional(),
  creationDate: text.optional(),
  deletionDate: text.optional(),
  description: text.optional(),
  xksKeyId: text.optional(),
});

export const DeleteKeyEventSchema = z.object({
  eventId: text,
  eventTime: text,
  keyArn: text,
  customKeyStoreId: text,
  cloudHsmClusterId: text.optional(),
  backingKeys: z.array(z.object({ backingKeyId: text, keyHandle: text.optional(), deletionStatus: text })),
  cloudtrailDir: text.optional(),
});

const ConnectEventSchema = z.object({ customKeyStoreId: text, eventTime: text });

const CallOutcomeSchema = {
  outcome: z.enum(["ok", "unreachable", "timeout", "http-error", "invalid-response"]),
  latencyMs: z.number().min(0),
  httpStatus: z.number().int().optional(),
  errorName: text.optional(),
  message: text.optional(),
};

const XksProbeSchema = z.object({
  customKeyStoreId: text,
  skipped: text.optional(),
  health: z
    .object({
      ...CallOutcomeSchema,
      keyManagers: z.array(z.object({ id: text, model: text.optional(), healthStatus: text })).optional(),
    })
    .optional(),
  keys: z
    .array(
      z.object({
        ...CallOutcomeSchema,
        keyId: text,
        xksKeyId: text,
        keySpec: text.optional(),
        keyUsage: z.array(text).optional(),
        keyStatus: text.optional(),
      }),
    )
    .optional(),
});

const RuleFactsSchema = z.object({
  ipProtocol: text,
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  groupIds: z.array(text),
});

const NetworkFactsSchema = z.object({
  vpcIds: z.array(text),
  subnets: z
    .array(
      z.object({
        subnetId: text,
        vpcId: text,
        availabilityZone: text,
        cidrBlock: text.optional(),
        availableIpAddresses: z.number().int().min(0),
      }),
    )
    .optional(),
  securityGroups: z.record(
    z.string(),
    z
      .object({
        groupId: text,
        groupName: text.optional(),
        vpcId: text.optional(),
        inbound: z.array(RuleFactsSchema),
        outbound: z.array(RuleFactsSchema),
      })
      .nullable(),
  ),
});

const ProbeOutcome = { ok: z.boolean(), code: text.optional(), message: text.optional() };

export const SnapshotSchema = z.object({
  backend: z.enum(BACKEND_KINDS),
  region: text,
  generatedAt: text,
  since: text,
  stores: z.array(StoreFactsSchema),
  clusters: z.record(z.string(), ClusterFactsSchema.nullable()),
  backups: z.array(BackupFactsSchema),
  keys: z.array(KeyFactsSchema),
  deleteKeyEvents: z.array(DeleteKeyEventSchema),
  probes: z.array(
    z.object({ customKeyStoreId: text, operation: z.literal("GenerateRandom"), ...ProbeOutcome }),
  ),
  keyProbes: z.array(z.object({ keyId: text, customKeyStoreId: text, ...ProbeOutcome })).optional(),
  xksProbes: z.array(XksProbeSchema).optional(),
  connectEvents: z.array(ConnectEventSchema).optional(),
  disconnectEvents: z.array(ConnectEventSchema).optional(),
  network: NetworkFactsSchema.optional(),
  errors: z.array(ReadErrorSchema),
  resolvedOrphans: z.array(text).optional(),
  passwordsInFlight: z.array(z.object({ customKeyStoreId: text, cloudHsmClusterId: text })).optional(),
  movesInFlight: z.array(z.object({ customKeyStoreId: text, runbook: text })).optional(),
}) satisfies z.ZodType<Snapshot, Snapshot>;

/** One account and Region as one read pass saw it. */
export const SnapshotTargetSchema = z.object({
  backend: z.enum(BACKEND_KINDS),
  /** The AWS account, when kcs learned it (key ARNs name it). */
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: text,
  /** When the read ended (the Snapshot's generatedAt). */
  readAt: text,
  /** CloudTrail was read from this moment on. */
  since: text,
  /** A fleet run's target: the profile or role that reached the account (as the report's targets). */
  via: TargetReportSchema.shape.via,
  snapshot: SnapshotSchema,
});

/** A fleet run's (account, Region) that could not be read at all: its report's `errors` entry. */
export const FailedTargetSchema = z.object({
  account: text,
  region: text,
  service: ReadErrorSchema.shape.service,
  operation: text,
  code: text,
  message: text,
});

/** The kcs-snapshot document: everything doctor read, per account and Region, and no secret. */
export const SnapshotFileSchema = z
  .object({
    schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
    kind: z.literal("kcs-snapshot"),
    /** The kcs that wrote it ("kcs 0.1.0"). */
    generatedBy: text,
    createdAt: text,
    targets: z.array(SnapshotTargetSchema),
    /** Written by a fleet run (several accounts or Regions): read back, it makes a fleet report. */
    fleet: z.literal(true).optional(),
    /** A fleet run: the accounts and Regions it could not read, and why. */
    failedTargets: z.array(FailedTargetSchema).optional(),
  })
  .refine((f) => f.targets.length + (f.failedTargets?.length ?? 0) > 0, {
    message: "a snapshot holds at least one account and Region",
    path: ["targets"],
  });

export type SnapshotFile = z.infer<typeof SnapshotFileSchema>;
export type SnapshotTarget = z.infer<typeof SnapshotTargetSchema>;
export type FailedTarget = z.infer<typeof FailedTargetSchema>;
