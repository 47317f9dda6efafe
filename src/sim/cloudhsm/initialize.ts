import { DURATIONS } from "../clock.js";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { hsmInvalid, type Input, Params } from "../input.js";
import type { Cluster } from "../world.js";
import { findCluster, hsmEvent } from "./clusters.js";

const invalidRequest = (message: string) => awsError("CloudHsmInvalidRequestException", message);

/** InitializeCluster's certificates: PEM, at most 5000 characters (the API reference). */
const MAX_CERT = 5000;
const PEM_CERT = /^\s*-----BEGIN CERTIFICATE-----\s+[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/;

const IN_PROGRESS_MESSAGE = "Cluster is initializing. State will change to INITIALIZED upon completion.";

function certificate(p: Params, name: "SignedCert" | "TrustAnchor"): string {
  const cert = p.str(name, { required: true, max: 20000 });
  if (cert.length > MAX_CERT) throw invalidRequest(`${name} can contain at most ${MAX_CERT} characters.`);
  if (!PEM_CERT.test(cert)) throw invalidRequest(`${name} must be one certificate in PEM format.`);
  return cert;
}

/**
 * Claims an UNINITIALIZED cluster with the certificate an issuing CA signed from the cluster's CSR
 * (which exists once the cluster's first HSM does) and that CA's self-signed root. The cluster is
 * INITIALIZE_IN_PROGRESS, then INITIALIZED; activating it happens on the HSMs, not through this API.
 */
export function initializeCluster(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const cluster = findCluster(ctx.world, p.str("ClusterId", { required: true }));
  const signed = certificate(p, "SignedCert");
  const anchor = certificate(p, "TrustAnchor");
  if (cluster.State !== "UNINITIALIZED")
    throw invalidRequest(
      `Cluster ${cluster.ClusterId} is ${cluster.State}; only an UNINITIALIZED cluster can be initialized.`,
    );
  if (!cluster.Hsms.some((h) => h.State === "ACTIVE"))
    throw invalidRequest(
      `Cluster ${cluster.ClusterId} has no active HSM yet: create an HSM, then sign the cluster's CSR.`,
    );
  if (signed.trim() === anchor.trim())
    throw invalidRequest(
      "SignedCert must be the cluster certificate your CA issued, not the CA's own certificate.",
    );
  cluster.ClusterCertificate = signed;
  cluster.trustAnchor = anchor;
  cluster.State = "INITIALIZE_IN_PROGRESS";
  cluster.StateMessage = IN_PROGRESS_MESSAGE;
  cluster.pending = { kind: "initialize", dueAt: ctx.now + DURATIONS.clusterInitialize };
  hsmEvent(
    ctx,
    "InitializeCluster",
    { clusterId: cluster.ClusterId, signedCert: signed, trustAnchor: anchor },
    { state: cluster.State, stateMessage: IN_PROGRESS_MESSAGE },
  );
  return { State: cluster.State, StateMessage: IN_PROGRESS_MESSAGE };
}

export function completeClusterInitialize(cluster: Cluster): void {
  delete cluster.pending;
  delete cluster.StateMessage;
  cluster.State = "INITIALIZED";
}
