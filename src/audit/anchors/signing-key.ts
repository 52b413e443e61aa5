import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeDirectorySync } from '../../kernel/make-directory';
import { keyIdOf } from '../domain/anchor';

/** Where development keeps the key it makes itself: beside the database, so it proves nothing in production (config refuses that). */
export const DEVELOPMENT_KEY_FILE = 'var/audit-signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

/**
 * The Ed25519 key anchors are signed with: AUDIT_SIGNING_KEY_FILE (PKCS#8
 * PEM), or in development one made once under var/. Made in a temporary file
 * and linked into place, so two processes starting together end up with the
 * same key, never a half-written one.
 */
export function loadSigningKey(keyFile: string | null): SigningKey {
  const file = keyFile ?? DEVELOPMENT_KEY_FILE;
  if (!keyFile && !existsSync(file)) makeKeyFile(file);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`AUDIT_SIGNING_KEY_FILE ${file} could not be read as a PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`AUDIT_SIGNING_KEY_FILE ${file} holds a ${privateKey.asymmetricKeyType} key; anchors are signed with Ed25519 (openssl genpkey -algorithm ed25519)`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}

/** AUDIT_EARLIER_PUBLIC_KEY_FILES: the public keys (PEM) of keys used before this one, whose anchors still count. */
export function loadEarlierPublicKeys(files: string[]): KeyObject[] {
  return files.map((file) => {
    try {
      return createPublicKey(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`AUDIT_EARLIER_PUBLIC_KEY_FILES: ${file} could not be read as a PEM public key: ${(error as Error).message}`);
    }
  });
}

function makeKeyFile(file: string): void {
  makeDirectorySync(dirname(file));
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const temporary = join(dirname(file), `.key-${process.pid}-${Date.now()}`);
  writeFileSync(temporary, pem, { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
