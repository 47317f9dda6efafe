import type { Action } from "./action.js";
import { cloudhsmCreateClusterFromBackup } from "./cloudhsm-create-cluster-from-backup.js";
import { cloudhsmCreateHsm } from "./cloudhsm-create-hsm.js";
import { hsmCreateKmsuser } from "./hsm-create-kmsuser.js";
import { hsmDeleteKeyMaterial } from "./hsm-delete-key-material.js";
import { hsmLogoutKmsuser } from "./hsm-logout-kmsuser.js";
import { hsmSetKmsuserPassword } from "./hsm-set-kmsuser-password.js";
import { hsmVerifyKeyMaterial } from "./hsm-verify-key-material.js";
import type { ActionId } from "./ids.js";
import { kmsCheckKeyDeleted } from "./kms-check-key-deleted.js";
import { kmsConnect } from "./kms-connect.js";
import { kmsDisconnect } from "./kms-disconnect.js";
import { kmsUpdateCluster } from "./kms-update-cluster.js";
import { kmsUpdatePassword } from "./kms-update-password.js";
import { kmsUpdateXksCredential } from "./kms-update-xks-credential.js";
import { kmsUpdateXksUri } from "./kms-update-xks-uri.js";
import { verifyDoctor } from "./verify-doctor.js";
import { waitClusterActive } from "./wait-cluster-active.js";
import { waitHsmsActive } from "./wait-hsms-active.js";
import { waitStoreConnected } from "./wait-store-connected.js";
import { waitStoreDisconnected } from "./wait-store-disconnected.js";
import { waitStoreSettled } from "./wait-store-settled.js";
import {
  xksCheckKey,
  xksCheckProxyAuthorization,
  xksCheckProxyHealth,
  xksCheckProxyTls,
  xksCheckVpcEndpointService,
} from "./xks-checks.js";

export { ACTION_IDS, type ActionId, isActionId } from "./ids.js";

export const ACTIONS: Record<ActionId, Action> = {
  "kms.disconnect": kmsDisconnect,
  "kms.connect": kmsConnect,
  "kms.update-password": kmsUpdatePassword,
  "kms.update-cluster": kmsUpdateCluster,
  "kms.check-key-deleted": kmsCheckKeyDeleted,
  "kms.update-xks-credential": kmsUpdateXksCredential,
  "kms.update-xks-uri": kmsUpdateXksUri,
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
  "xks.check-proxy-tls": xksCheckProxyTls,
  "xks.check-proxy-authorization": xksCheckProxyAuthorization,
  "xks.check-proxy-health": xksCheckProxyHealth,
  "xks.check-vpc-endpoint-service": xksCheckVpcEndpointService,
  "xks.check-key": xksCheckKey,
  "verify.doctor": verifyDoctor,
};
