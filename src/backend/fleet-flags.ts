// The flags that make a run a fleet run (--region and --profile repeated, --role-arn, --all-regions),
// read and checked before anything is opened: a bad one is refused by name, never half-used.
import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
import { checkRegion } from "./aws-flags.js";

export interface FleetArgs {
  region?: string | string[] | undefined;
  profile?: string | string[] | undefined;
  roleArn?: string | string[] | undefined;
  externalId?: string | undefined;
  roleSessionName?: string | undefined;
  allRegions?: boolean | undefined;
}

export interface FleetFlags {
  regions: string[];
  profiles: string[];
  roleArns: string[];
  externalId?: string;
  roleSessionName: string;
  allRegions: boolean;
}

/** What kcs calls its sessions in member accounts' CloudTrail unless told otherwise. */
export const DEFAULT_ROLE_SESSION_NAME = "kcs";

const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** A flag yargs gives as a string when it appears once, as an array when repeated. */
const listOf = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : [...new Set(Array.isArray(v) ? v : [v])];

const shown = (v: string) => v.slice(0, 80);

export function fleetFlags(args: FleetArgs): FleetFlags {
  const regions = listOf(args.region);
  for (const r of regions) checkRegion(r, "--region");
  const profiles = listOf(args.profile);
  const roleArns = listOf(args.roleArn);
  for (const arn of roleArns)
    if (!ROLE_ARN.test(arn)) throw new UsageError(t("errors.fleet.roleArn", { value: shown(arn) }));
  if (roleArns.length === 0 && (args.externalId !== undefined || args.roleSessionName !== undefined))
    throw new UsageError(
      t("errors.fleet.needsRole", {
        flag: args.externalId !== undefined ? "--external-id" : "--role-session-name",
      }),
    );
  if (args.externalId !== undefined && !EXTERNAL_ID.test(args.externalId))
    throw new UsageError(t("errors.fleet.externalId"));
  const roleSessionName = args.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME;
  if (!SESSION_NAME.test(roleSessionName))
    throw new UsageError(t("errors.fleet.sessionName", { value: shown(roleSessionName) }));
  if (args.allRegions && regions.length > 0) throw new UsageError(t("errors.fleet.allRegions"));
  return {
    regions,
    profiles,
    roleArns,
    ...(args.externalId !== undefined ? { externalId: args.externalId } : {}),
    roleSessionName,
    allRegions: args.allRegions === true,
  };
}

/** More than one (account, Region) may be read: the run is a fleet run. */
export const isFleet = (f: FleetFlags): boolean =>
  f.regions.length > 1 || f.profiles.length > 1 || f.roleArns.length > 0 || f.allRegions;

/**
 * How a fleet run reached one account: a named profile, or a role assumed (from the first profile's
 * credentials when one was named). None of it is secret (AWS: an external id is not a secret); it is
 * what a command for that account must repeat to reach it again.
 */
export interface TargetAccess {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  roleSessionName?: string;
}

/** The flags that reach an account the way `via` says (none: the default credentials). */
export function accessFlags(via: TargetAccess | undefined): string[] {
  if (!via) return [];
  return [
    ...(via.profile !== undefined ? ["--profile", via.profile] : []),
    ...(via.roleArn !== undefined ? ["--role-arn", via.roleArn] : []),
    ...(via.externalId !== undefined ? ["--external-id", via.externalId] : []),
    ...(via.roleSessionName !== undefined ? ["--role-session-name", via.roleSessionName] : []),
  ];
}

/** The account a role ARN names. */
export const accountOfRole = (arn: string): string => arn.split(":")[4]!;

/**
 * Refuses a repeated --region or --profile where a command reads one account in one Region; the
 * command is named in the message, or called "this command".
 */
export function refuseFleetFlags(args: FleetArgs, command?: string): void {
  for (const [flag, v] of [
    ["--region", args.region],
    ["--profile", args.profile],
  ] as const)
    if (Array.isArray(v) && new Set(v).size > 1)
      throw new UsageError(
        t(flag === "--region" ? "errors.fleet.oneRegion" : "errors.fleet.oneProfile", {
          command: command ?? t("errors.fleet.thisCommand"),
        }),
      );
}
