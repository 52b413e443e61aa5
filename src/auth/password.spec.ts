import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('demo-password');
    expect(stored).not.toContain('demo-password');
    await expect(verifyPassword('demo-password', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', stored)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });
});
