import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('demo-password');
    expect(stored).not.toContain('demo-password');
    await expect(verifyPassword('demo-password', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', stored)).resolves.toBe(false);
  });

  it('takes a password as the same whichever Unicode form it is typed in (å as one character, or a and a ring)', async () => {
    const composed = 'blåbärssylt på söndag';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    await expect(verifyPassword(composed, await hashPassword(decomposed))).resolves.toBe(true);
    await expect(verifyPassword(decomposed, await hashPassword(composed))).resolves.toBe(true);
  });

  it('still takes a password whose hash was made of the decomposed form as typed, before passwords were normalised', async () => {
    const decomposed = 'blåbärssylt på söndag'.normalize('NFD');
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync(decomposed, salt, 32, { N: 16384, r: 8, p: 1 });
    const before = `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    await expect(verifyPassword(decomposed, before)).resolves.toBe(true);
    await expect(verifyPassword('blåbärssylt på lördag', before)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });
});
