import { hashPassword } from "../ids.js";
import { liveCluster } from "../lookup.js";
import type { Cluster, HsmKey, HsmRole, World } from "../world.js";
import { attemptLogin, findUser, KMSUSER } from "./hsm-data.js";

/**
 * What a person does on the HSM with the CloudHSM CLI. This is not an AWS API: only the simulated HSM
 * operator (`kcs sim hsm ...`, or the sim backend's answer to a runbook's manual step) calls it.
 */
export class HsmCliError extends Error {
  constructor(
    message: string,
    readonly errorCode = 1,
  ) {
    super(message);
  }
}

export function operatorCluster(world: World, clusterId: string): Cluster {
  const c = liveCluster(world, clusterId);
  if (!c) throw new HsmCliError(`Cluster ${clusterId} does not exist or has been deleted.`);
  if (!c.Hsms.some((h) => h.State === "ACTIVE")) {
    throw new HsmCliError(`Cluster ${clusterId} has no ACTIVE HSM to connect to.`);
  }
  return c;
}

export const PASSWORD_RULE = /^[A-Za-z0-9]{7,32}$/;

/** `user change-password --username NAME --role crypto-user` as admin. */
export function changePassword(world: World, clusterId: string, username: string, newPassword: string): void {
  const c = operatorCluster(world, clusterId);
  const user = findUser(c.hsm, username);
  if (!user) throw new HsmCliError(`User ${username} does not exist.`);
  if (!PASSWORD_RULE.test(newPassword))
    throw new HsmCliError("The password must be 7 to 32 letters and digits.");
  if (user.loggedInBy) {
    throw new HsmCliError(
      `User ${username} is logged in${user.loggedInBy === "kms" ? " (by AWS KMS: disconnect the custom key store first)" : ""}; a logged-in user's password cannot be changed.`,
    );
  }
  user.passwordHash = hashPassword(world, newPassword);
  // Changing the password is how an admin unlocks a crypto user.
  user.locked = false;
  user.failedLogins = 0;
}

/** `user create --username NAME --role crypto-user` as admin. */
export function createUser(
  world: World,
  clusterId: string,
  username: string,
  role: HsmRole,
  password: string,
): void {
  const c = operatorCluster(world, clusterId);
  if (findUser(c.hsm, username)) throw new HsmCliError(`User ${username} already exists.`);
  if (!PASSWORD_RULE.test(password))
    throw new HsmCliError("The password must be 7 to 32 letters and digits.");
  c.hsm.users.push({
    username: username.toLowerCase(),
    role,
    passwordHash: hashPassword(world, password),
    failedLogins: 0,
    locked: false,
  });
}

/** `user delete --username NAME --role crypto-user` as admin. */
export function deleteUser(world: World, clusterId: string, username: string): void {
  const c = operatorCluster(world, clusterId);
  const user = findUser(c.hsm, username);
  if (!user) throw new HsmCliError(`User ${username} does not exist.`);
  if (user.loggedInBy) throw new HsmCliError(`User ${username} is logged in and cannot be deleted.`);
  if (c.hsm.keys.some((k) => k.owner === user.username)) {
    throw new HsmCliError(`User ${username} owns keys; CloudHSM refuses to delete a user that owns keys.`);
  }
  c.hsm.users = c.hsm.users.filter((u) => u !== user);
}

/** `login --username NAME --role crypto-user`: counts toward lockout like any failed login. */
export function login(world: World, clusterId: string, username: string, password: string): void {
  const c = operatorCluster(world, clusterId);
  const user = findUser(c.hsm, username);
  if (user?.loggedInBy)
    throw new HsmCliError(
      `User ${username} is already logged in${user.loggedInBy === "kms" ? " by AWS KMS" : ""}.`,
    );
  const outcome = attemptLogin(user, hashPassword(world, password));
  if (outcome === "no-such-user") throw new HsmCliError(`User ${username} does not exist.`);
  if (outcome === "locked")
    throw new HsmCliError(`User ${username} is locked. An admin must change its password.`);
  if (outcome === "bad-password") throw new HsmCliError("Login failed: incorrect password.");
  if (outcome === "now-locked")
    throw new HsmCliError(`Login failed: incorrect password. User ${username} is now locked.`);
  user!.loggedInBy = "operator";
}

/** `logout`. */
export function logout(world: World, clusterId: string, username = KMSUSER): boolean {
  const c = liveCluster(world, clusterId);
  const user = c && findUser(c.hsm, username);
  if (user?.loggedInBy !== "operator") return false;
  delete user.loggedInBy;
  return true;
}

function requireSession(c: Cluster, username: string) {
  const user = findUser(c.hsm, username);
  if (user?.loggedInBy !== "operator") {
    throw new HsmCliError(`Log in as ${username} first: only the owner can list or delete its keys.`);
  }
}

export type KeyFilter = { label: string } | { keyReference: string };

function matching(c: Cluster, filter: KeyFilter | undefined): HsmKey[] {
  if (!filter) return c.hsm.keys;
  if ("label" in filter) return c.hsm.keys.filter((k) => k.label === filter.label);
  const wanted = filter.keyReference.toLowerCase();
  return c.hsm.keys.filter((k) => k.keyReference === wanted || k.keyHandle === filter.keyReference);
}

export function listKeyView(k: HsmKey) {
  return {
    "key-reference": k.keyReference,
    "key-info": { "key-owners": [{ username: k.owner, "key-coverage": "full" }], "shared-users": [] },
    attributes: {
      "key-type": k.keyType,
      label: k.label,
      class: k.class,
      extractable: false,
      token: true,
      "key-length-bytes": 32,
    },
  };
}

/** `key list [--filter attr.label=ARN | key-reference=0x...]` as kmsuser. */
export function listKeys(world: World, clusterId: string, filter?: KeyFilter): HsmKey[] {
  const c = operatorCluster(world, clusterId);
  requireSession(c, KMSUSER);
  return matching(c, filter);
}

/** `key delete --filter ...` as kmsuser: the filter must match exactly one key. */
export function deleteKey(world: World, clusterId: string, filter: KeyFilter): HsmKey {
  const c = operatorCluster(world, clusterId);
  requireSession(c, KMSUSER);
  const found = matching(c, filter);
  if (found.length !== 1)
    throw new HsmCliError(`The filter matches ${found.length} keys; it must match exactly one.`);
  c.hsm.keys = c.hsm.keys.filter((k) => k !== found[0]);
  return found[0]!;
}

export function listUsers(world: World, clusterId: string) {
  const c = operatorCluster(world, clusterId);
  return c.hsm.users.map((u) => ({
    username: u.username,
    role: u.role,
    locked: String(u.locked),
    "logged-in": u.loggedInBy ? "true" : "false",
    mfa: [],
    cluster_coverage: "full",
  }));
}
