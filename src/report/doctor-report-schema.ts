import * as z from "zod";
import { BACKEND_KINDS } from "../core/backend-options.js";
import { FINDING_CODES, RUNBOOK_IDS } from "../diagnose/catalog.js";
import { STORE_STATUSES } from "./triage.js";

/**
 * `kcs doctor -o json` as the CLI contract fixes it (schemaVersion 1): the one declaration of its
 * shape. The TypeScript type and schema/kcs-doctor-report.schema.json both come from it; doctor itself
 * imports only the type, so zod stays off its start-up path.
 */
export const FindingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(["error", "warning", "info"]),
  customKeyStoreId: z.string(),
  cloudHsmClusterId: z.string().nullable(),
  keyIds: z.array(z.string()),
  title: z.string(),
  detail: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  runbook: z.enum(RUNBOOK_IDS).nullable(),
});

/** A finding as doctor reports it: since when it holds (when AWS shows it) and AWS's page for it. */
/** Where a store is: its account (when kcs knows it) and Region. Every store and finding carries them. */
const Place = {
  account: z.string().optional(),
  region: z.string().optional(),
};

export const ReportFindingSchema = FindingSchema.extend({
  since: z.string().nullable(),
  docs: z.string(),
  ...Place,
});

export const StoreReportSchema = z.object({
  ...Place,
  customKeyStoreId: z.string(),
  customKeyStoreName: z.string(),
  customKeyStoreType: z.enum(["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]),
  connectionState: z.string(),
  connectionErrorCode: z.string().nullable(),
  /** CloudHSM key stores only (null: the store names no cluster). */
  cloudHsmClusterId: z.string().nullable().optional(),
  /** External key stores only, from XksProxyConfiguration: PUBLIC_ENDPOINT or VPC_ENDPOINT_SERVICE. */
  xksProxyConnectivity: z.string().nullable().optional(),
  xksProxyUriEndpoint: z.string().nullable().optional(),
  xksProxyUriPath: z.string().nullable().optional(),
  /** External key stores with VPC endpoint service connectivity. */
  xksProxyVpcEndpointServiceName: z.string().optional(),
  /** External key stores under --probe: whether kcs called the proxy itself, and what it saw or why not. */
  xksProbe: z
    .object({
      status: z.enum(["probed", "skipped"]),
      detail: z.string(),
    })
    .optional(),
  keyCount: z.number().int().min(0),
  /** KMS keys of the store that KMS shows Unavailable: unusable now. */
  unavailableKeyCount: z.number().int().min(0),
  healthy: z.boolean(),
  /** `healthy` only when CONNECTED, with no error or warning and every read done; worst first. */
  status: z.enum(STORE_STATUSES),
});

export const ReadErrorSchema = z.object({
  /**
   * xks-proxy: doctor --probe's own call to an external key store's proxy; cloudtrail-files: a log
   * file of --cloudtrail-dir that could not be read (`operation` is ReadLogFile, the message names it);
   * sts: a fleet run could not assume a role or learn whose credentials it had.
   */
  service: z.enum(["kms", "cloudhsmv2", "cloudtrail", "ec2", "xks-proxy", "cloudtrail-files", "sts"]),
  operation: z.string(),
  code: z.string(),
  message: z.string(),
  /** A fleet run: the account and Region the read was for ("*": every Region of the account). */
  ...Place,
});

/** One (account, Region) a fleet run was asked to read, and whether it could. */
export const TargetReportSchema = z.object({
  account: z.string(),
  region: z.string(),
  status: z.enum(["read", "failed"]),
  stores: z.number().int().min(0),
  /**
   * How the account was reached when not by the default credentials: what a command for one of its
   * stores must name again (kcs doctor's next commands do). No secret: an external id is not one.
   */
  via: z
    .object({
      profile: z.string().optional(),
      roleArn: z.string().optional(),
      externalId: z.string().optional(),
      roleSessionName: z.string().optional(),
    })
    .optional(),
});

export const DoctorReportSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal("kcs-doctor-report"),
  backend: z.enum(BACKEND_KINDS),
  /** The Region read (a fleet run: the first of its Regions; `targets` lists them all). */
  region: z.string(),
  /** The account read, when kcs knows it. */
  account: z.string().optional(),
  /** A fleet run (several accounts or Regions): every target, read or failed. */
  targets: z.array(TargetReportSchema).optional(),
  generatedAt: z.string(),
  /**
   * Present when the report was made from a saved kcs-snapshot (doctor --from-snapshot) rather than a
   * live read: the state shown is the one read at `readAt`, by the kcs named in `generatedBy`.
   */
  source: z
    .object({
      kind: z.literal("snapshot"),
      readAt: z.string(),
      createdAt: z.string(),
      generatedBy: z.string(),
    })
    .optional(),
  /** The impact headline: how many stores need attention, how many KMS keys are unusable now. */
  summary: z.object({
    stores: z.number().int().min(0),
    needAttention: z.number().int().min(0),
    unavailableKeys: z.number().int().min(0),
  }),
  /** Worst first (see `status`). */
  stores: z.array(StoreReportSchema),
  findings: z.array(ReportFindingSchema),
  errors: z.array(ReadErrorSchema),
});

export type DoctorReport = z.infer<typeof DoctorReportSchema>;
export type StoreReport = z.infer<typeof StoreReportSchema>;
export type TargetReport = z.infer<typeof TargetReportSchema>;
