import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * A signed statement that the log, at `position`, ended in `headHash`. The
 * key is outside the database, so whoever can rewrite the database cannot
 * sign a rewritten head: an anchor kept anywhere (its table, ANCHOR_DIR, a
 * printed report, an archive package) pins the log up to its position.
 *
 * This module is the one place the message and the check are written; the
 * app and the offline verifier (src/cli/verify.ts) both use it.
 */
export interface Anchor {
  position: number;
  headHash: string;
  signedAt: string;
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI, DER). */
  keyId: string;
  /** Ed25519 over anchorMessage, base64. */
  signature: string;
}

/** The signed bytes: one field a line, names and all, so no two anchors share a message. */
export const anchorMessage = (a: Omit<Anchor, 'signature'>): Buffer =>
  Buffer.from(`uppfoljning-anchor/1\nposition=${a.position}\nheadHash=${a.headHash}\nsignedAt=${a.signedAt}\nkeyId=${a.keyId}\n`, 'utf8');

export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

export function signAnchor(privateKey: KeyObject, position: number, headHash: string, signedAt: string): Anchor {
  const unsigned = { position, headHash, signedAt, keyId: keyIdOf(createPublicKey(privateKey)) };
  return { ...unsigned, signature: sign(null, anchorMessage(unsigned), privateKey).toString('base64') };
}

/** Whether the anchor's signature holds under this public key (and names it). */
export function anchorSignatureHolds(anchor: Anchor, publicKey: KeyObject): boolean {
  if (anchor.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, anchorMessage(anchor), publicKey, Buffer.from(anchor.signature, 'base64'));
  } catch {
    return false;
  }
}

/** An anchor as JSON says it, or null if it is not one (a line of an anchors file, of an archive, of an export). */
export function parseAnchor(value: unknown): Anchor | null {
  const a = value as Partial<Anchor> | null;
  if (!a || typeof a !== 'object') return null;
  const ok =
    Number.isInteger(a.position) &&
    typeof a.headHash === 'string' &&
    typeof a.signedAt === 'string' &&
    typeof a.keyId === 'string' &&
    typeof a.signature === 'string';
  return ok ? { position: a.position!, headHash: a.headHash!, signedAt: a.signedAt!, keyId: a.keyId!, signature: a.signature! } : null;
}
