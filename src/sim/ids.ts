import { createHash, createHmac } from "node:crypto";
import type { World } from "./world.js";

// Ids are derived from the world's counter so a scenario is the same world every time it is built,
// which keeps tests and README output stable.
function digest(world: World, purpose: string): Buffer {
  world.seq += 1;
  return createHash("sha256").update(`${world.accountId}/${world.region}/${purpose}/${world.seq}`).digest();
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

function base32(bytes: Buffer, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32[bytes[i % bytes.length]! % 32];
  return out;
}

export function hex(world: World, purpose: string, length: number): string {
  let out = "";
  while (out.length < length) out += digest(world, purpose).toString("hex");
  return out.slice(0, length);
}

export const newStoreId = (w: World) => `cks-${hex(w, "cks", 17)}`;
export const newClusterId = (w: World) => `cluster-${base32(digest(w, "cluster"), 11)}`;
export const newBackupId = (w: World) => `backup-${base32(digest(w, "backup"), 11)}`;
export const newHsmId = (w: World) => `hsm-${base32(digest(w, "hsm"), 11)}`;
export const newEniId = (w: World) => `eni-${hex(w, "eni", 17)}`;
export const newSubnetId = (w: World) => `subnet-${hex(w, "subnet", 17)}`;
export const newVpcId = (w: World) => `vpc-${hex(w, "vpc", 17)}`;
export const newSecurityGroupId = (w: World) => `sg-${hex(w, "sg", 17)}`;
export const newBackingKeyId = (w: World) => hex(w, "backing", 64);
export const newMaterial = (w: World) => hex(w, "material", 64);

export function newUuid(world: World, purpose = "uuid"): string {
  const h = hex(world, purpose, 32).split("");
  h[12] = "4";
  h[16] = "89ab"[Number.parseInt(h[16]!, 16) % 4]!;
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** What a world records of its pepper: enough to recognise its key file, nothing to find the key by. */
export const pepperCheck = (pepper: string) =>
  createHmac("sha256", pepper).update("kcs simulator world key").digest("hex");

/** A password as the world keeps it: an HMAC keyed by the world's pepper, which its file does not hold. */
export function hashPassword(world: World, password: string): string {
  if (!world.pepper) throw new Error("this world has no pepper: it cannot keep passwords");
  return createHmac("sha256", world.pepper).update(password).digest("hex");
}

export const keyArn = (w: World, keyId: string) => `arn:aws:kms:${w.region}:${w.accountId}:key/${keyId}`;
export const aliasArn = (w: World, aliasName: string) =>
  `arn:aws:kms:${w.region}:${w.accountId}:${aliasName}`;
