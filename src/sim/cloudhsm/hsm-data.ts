import type { Cluster, HsmData, HsmKey, HsmUser } from "../world.js";

export const KMSUSER = "kmsuser";
/** CloudHSM locks a crypto user after this many consecutive failed logins. */
export const LOCKOUT_THRESHOLD = 5;

export function findUser(data: HsmData, username: string): HsmUser | undefined {
  const wanted = username.toLowerCase();
  return data.users.find((u) => u.username === wanted);
}

export function cloneHsmData(data: HsmData): HsmData {
  return structuredClone(data);
}

export const activeHsms = (cluster: Cluster) => cluster.Hsms.filter((h) => h.State === "ACTIVE");

/** KMS needs two ACTIVE HSMs in different Availability Zones to create keys or adopt a cluster. */
export function hasTwoActiveAzs(cluster: Cluster): boolean {
  return new Set(activeHsms(cluster).map((h) => h.AvailabilityZone)).size >= 2;
}

export function keysLabelled(data: HsmData, label: string): HsmKey[] {
  return data.keys.filter((k) => k.label === label);
}

/** A fresh crypto-user session: a person (or KMS) logs in with a password. */
export type LoginOutcome =
  | "ok"
  | "no-such-user"
  | "locked"
  | "bad-password"
  | "now-locked"
  | "logged-in-elsewhere";

export function attemptLogin(user: HsmUser | undefined, passwordHash: string): LoginOutcome {
  if (!user) return "no-such-user";
  if (user.locked) return "locked";
  if (user.passwordHash !== passwordHash) {
    user.failedLogins += 1;
    if (user.failedLogins >= LOCKOUT_THRESHOLD) {
      user.locked = true;
      return "now-locked";
    }
    return "bad-password";
  }
  user.failedLogins = 0;
  return "ok";
}
