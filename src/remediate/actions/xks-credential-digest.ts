import { createHash } from "node:crypto";
import type { ProxyCredential } from "../../core/proxy-credential.js";

/** What the run's credential bookkeeping keeps of a proxy credential: never the credential itself. */
export const credentialDigest = (c: ProxyCredential) =>
  createHash("sha256")
    .update(`xks\u0000${c.accessKeyId.reveal()}\u0000${c.secretAccessKey.reveal()}`)
    .digest("hex");
