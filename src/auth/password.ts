import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/**
 * scrypt with a per-user salt, stored with its parameters so they can be raised later. Of the password's
 * Unicode in one form (NFC): `å` typed as one character or as `a` and a ring is the same password, as the
 * password policy already counts it.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` is the one `stored` was made of: in NFC, or as typed for a hash made before passwords were (2026-12-03). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const matches = async (text: string) => timingSafeEqual(expected, await scrypt(text, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }));
  const normal = password.normalize('NFC');
  return (await matches(normal)) || (normal !== password && (await matches(password)));
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random password nobody knows, made once with the same
 * parameters as real ones: sign-in checks an unknown address's password
 * against it, so that a wrong address costs as much as a wrong password and
 * the time taken does not tell which addresses have accounts.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64')).catch((error: unknown) => {
    dummy = null;
    throw error;
  });
  return dummy;
}
