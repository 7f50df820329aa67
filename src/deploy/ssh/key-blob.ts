/**
 * What gocross reads from a raw SSH public key blob (RFC 4253 §6.6: `string key-type`, then the
 * type's fields): its type and the fingerprint OpenSSH shows for it (`ssh-keygen -lf`,
 * `SHA256:<base64 without padding>`).
 */
import { createHash } from 'node:crypto';

/** The key type a blob names (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`), or null when the blob is not one. */
export function keyTypeOf(blob: Uint8Array): string | null {
  if (blob.length < 4) return null;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const length = view.getUint32(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return null;
  const type = Buffer.from(blob.subarray(4, 4 + length)).toString('latin1');
  return /^[\x21-\x7e]+$/.test(type) ? type : null;
}

/** `SHA256:…` exactly as `ssh-keygen -l` prints it. */
export function fingerprintOf(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
