import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let made: string | null = null;

/** An Ed25519 key file for a production start (which refuses to sign with a key it made itself), one per test process. */
export function testSigningKeyFile(): string {
  if (made) return made;
  const file = join(mkdtempSync(join(tmpdir(), 'uppfoljning-key-')), 'audit-signing-key.pem');
  writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  made = file;
  return file;
}
