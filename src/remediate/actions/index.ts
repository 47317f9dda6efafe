import type { Action } from "./action.js";
import { cloudhsmCreateClusterFromBackup } from "./cloudhsm-create-cluster-from-backup.js";
import { cloudhsmCreateHsm } from "./cloudhsm-create-hsm.js";
import { hsmCreateKmsuser } from "./hsm-create-kmsuser.js";
import { hsmDeleteKeyMaterial } from "./hsm-delete-key-material.js";
import { hsmLogoutKmsuser } from "./hsm-logout-kmsuser.js";
import { hsmSetKmsuserPassword } from "./hsm-set-kmsuser-password.js";
import { hsmVerifyKeyMaterial } from "./hsm-verify-key-material.js";
import { kmsCheckKeyDeleted } from "./kms-check-key-deleted.js";
import { kmsConnect } from "./kms-connect.js";
import { kmsDisconnect } from "./kms-disconnect.js";
import { kmsUpdateCluster } from "./kms-update-cluster.js";
import { kmsUpdatePassword } from "./kms-update-password.js";
import { verifyDoctor } from "./verify-doctor.js";
import { waitClusterActive } from "./wait-cluster-active.js";
import { waitHsmsActive } from "./wait-hsms-active.js";
import { waitStoreConnected } from "./wait-store-connected.js";
import { waitStoreDisconnected } from "./wait-store-disconnected.js";
import { waitStoreSettled } from "./wait-store-settled.js";

/** Every action a runbook step may name, by the id the YAML uses. One module each. */
export const ACTION_IDS = [
  "kms.disconnect",
  "kms.connect",
  "kms.update-password",
  "kms.update-cluster",
  "kms.check-key-deleted",
  "cloudhsm.create-cluster-from-backup",
  "cloudhsm.create-hsm",
  "wait.store-disconnected",
  "wait.store-connected",
  "wait.store-settled",
  "wait.cluster-active",
  "wait.hsms-active",
  "hsm.set-kmsuser-password",
  "hsm.create-kmsuser",
  "hsm.logout-kmsuser",
  "hsm.delete-key-material",
  "hsm.verify-key-material",
  "verify.doctor",
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export const ACTIONS: Record<ActionId, Action> = {
  "kms.disconnect": kmsDisconnect,
  "kms.connect": kmsConnect,
  "kms.update-password": kmsUpdatePassword,
  "kms.update-cluster": kmsUpdateCluster,
  "kms.check-key-deleted": kmsCheckKeyDeleted,
  "cloudhsm.create-cluster-from-backup": cloudhsmCreateClusterFromBackup,
  "cloudhsm.create-hsm": cloudhsmCreateHsm,
  "wait.store-disconnected": waitStoreDisconnected,
  "wait.store-connected": waitStoreConnected,
  "wait.store-settled": waitStoreSettled,
  "wait.cluster-active": waitClusterActive,
  "wait.hsms-active": waitHsmsActive,
  "hsm.set-kmsuser-password": hsmSetKmsuserPassword,
  "hsm.create-kmsuser": hsmCreateKmsuser,
  "hsm.logout-kmsuser": hsmLogoutKmsuser,
  "hsm.delete-key-material": hsmDeleteKeyMaterial,
  "hsm.verify-key-material": hsmVerifyKeyMaterial,
  "verify.doctor": verifyDoctor,
};

export const isActionId = (id: string): id is ActionId => (ACTION_IDS as readonly string[]).includes(id);
