import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** What the proxy's Encrypt returns, as bytes. */
export interface GcmSealed {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
}

/**
 * The GCM AAD is the caller's AAD and the ciphertext metadata, each prefixed with its length, as the
 * spec advises: moving bytes from one field to the other must not decrypt.
 */
function gcmAad(aad: Buffer, metadata: Buffer): Buffer {
  const lengths = Buffer.alloc(3);
  lengths.writeUInt16BE(aad.length, 0);
  lengths.writeUInt8(metadata.length, 2);
  return Buffer.concat([lengths.subarray(0, 2), aad, lengths.subarray(2), metadata]);
}

export function seal(keyHex: string, plaintext: Buffer, aad: Buffer, metadata: Buffer): GcmSealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyHex, "hex"), iv);
  cipher.setAAD(gcmAad(aad, metadata));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
}

/** Returns the plaintext, or undefined when the tag does not verify (tampered or wrong AAD). */
export function open(keyHex: string, sealed: GcmSealed, aad: Buffer, metadata: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(keyHex, "hex"), sealed.iv, {
      authTagLength: 16,
    });
    decipher.setAAD(gcmAad(aad, metadata));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** The spec's Ciphertext Data Integrity Value: SHA-256 over aad || metadata || iv || ciphertext || tag. */
export function cdiv(aad: Buffer, metadata: Buffer, sealed: GcmSealed): Buffer {
  return createHash("sha256")
    .update(Buffer.concat([aad, metadata, sealed.iv, sealed.ciphertext, sealed.tag]))
    .digest();
}
