// The simulated STS: enough of it for kcs to reach member accounts as AWS's SDK does (AssumeRole
// through the SDK's own credential provider) and to learn whose credentials it holds
// (GetCallerIdentity). It answers from the world's account map, and writes nothing to the world.
import { randomBytes } from "node:crypto";
import { AwsError } from "../errors.js";
import { accountOfKey, INVALID_TOKEN, temporaryKeyFor } from "../partitions.js";
import type { World } from "../world.js";

export interface StsCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  /** Epoch ms of real time: the SDK compares it with the wall clock to refresh. */
  Expiration: number;
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** The caller's account, or AWS's refusal of a key it does not know. */
function callerAccount(world: World, accessKeyId: string | undefined): string {
  const account = accountOfKey(world, accessKeyId);
  if (account === undefined) throw INVALID_TOKEN();
  return account;
}

export function getCallerIdentity(world: World, accessKeyId: string | undefined) {
  const account = callerAccount(world, accessKeyId);
  return {
    Account: account,
    Arn: `arn:aws:iam::${account}:user/kcs-operator`,
    UserId: "AIDAKCSSIMULATOR0001",
  };
}

export interface AssumeRoleInput {
  RoleArn?: string;
  RoleSessionName?: string;
  ExternalId?: string;
  DurationSeconds?: string;
}

/** AssumeRole of a role the world lists, with its external id when it has one; AccessDenied otherwise, as AWS. */
export function assumeRole(
  world: World,
  accessKeyId: string | undefined,
  input: AssumeRoleInput,
  nowMs: number,
) {
  const caller = callerAccount(world, accessKeyId);
  const arn = input.RoleArn ?? "";
  if (!ROLE_ARN.test(arn) || arn.length > 2048)
    throw new AwsError("ValidationError", `${arn.slice(0, 100)} is invalid`, 400);
  const session = input.RoleSessionName ?? "";
  if (!SESSION_NAME.test(session))
    throw new AwsError(
      "ValidationError",
      "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      400,
    );
  const role = (world.roles ?? []).find((r) => r.Arn === arn);
  if (!role || (role.externalId !== undefined && role.externalId !== input.ExternalId))
    throw new AwsError(
      "AccessDenied",
      `User: arn:aws:iam::${caller}:user/kcs-operator is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      403,
    );
  const [, account, name] = ROLE_ARN.exec(arn)!;
  const seconds = Math.min(43_200, Math.max(900, Number(input.DurationSeconds ?? 3600) || 3600));
  const credentials: StsCredentials = {
    AccessKeyId: temporaryKeyFor(account!, randomBytes(3).toString("base64")),
    SecretAccessKey: randomBytes(30).toString("base64"),
    SessionToken: randomBytes(96).toString("base64"),
    Expiration: nowMs + seconds * 1000,
  };
  return {
    Credentials: credentials,
    AssumedRoleUser: {
      AssumedRoleId: `AROAKCSSIMULATOR0001:${session}`,
      Arn: `arn:aws:sts::${account}:assumed-role/${name}/${session}`,
    },
  };
}
