import { join } from 'node:path';

/**
 * An Ed25519 key file for a production start (which refuses to sign with a key it made itself).
 * A fixture of the tests, for them only, rather than a file made in the temporary folder by every
 * test file that starts in production mode: those were left behind, one per test file and run.
 */
export function testSigningKeyFile(): string {
  return join(__dirname, '..', 'fixtures', 'audit-signing-key.test-only.pem');
}
