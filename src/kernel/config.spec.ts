import { ConfigError, parseAppConfig } from './config';

describe('configuration', () => {
  it('runs with no settings at all, on SQLite under var/', () => {
    const config = parseAppConfig({});
    expect(config).toMatchObject({ port: 3000, database: { type: 'sqlite', path: 'var/tracker.sqlite' }, redisUrl: 'redis://127.0.0.1:6379', smtpUrl: null, production: false });
  });

  it('takes PostgreSQL from DATABASE_URL', () => {
    expect(parseAppConfig({ DATABASE_URL: 'postgres://u@db:5432/x' }).database).toEqual({ type: 'postgres', url: 'postgres://u@db:5432/x' });
  });

  it('refuses a production start with the default JWT secret, naming the setting', () => {
    expect(() => parseAppConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('refuses a production start with the default demo password', () => {
    expect(() => parseAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO_PASSWORD: 'demo-password' })).toThrow(/DEMO_PASSWORD/);
  });

  it('starts in production with a real secret', () => {
    expect(parseAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), AUDIT_SIGNING_KEY_FILE: '/etc/uppfoljning/anchor-key.pem' }).production).toBe(true);
  });

  it('refuses a production start without a signing key outside the database, naming the setting', () => {
    expect(() => parseAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/AUDIT_SIGNING_KEY_FILE is unset/);
  });

  it('takes an unset or empty NODE_ENV as development, and development and test as they are', () => {
    expect(parseAppConfig({}).production).toBe(false);
    expect(parseAppConfig({ NODE_ENV: '' }).production).toBe(false);
    expect(parseAppConfig({ NODE_ENV: 'development' }).production).toBe(false);
    expect(parseAppConfig({ NODE_ENV: 'test' }).production).toBe(false);
  });

  it.each(['Production', 'prod', 'PRODUCTION', 'production ', 'staging', 'dev'])('refuses NODE_ENV=%j, naming it and the accepted values', (value) => {
    expect(() => parseAppConfig({ NODE_ENV: value, JWT_SECRET: 'x'.repeat(40) })).toThrow(ConfigError);
    expect(() => parseAppConfig({ NODE_ENV: value, JWT_SECRET: 'x'.repeat(40) })).toThrow(
      `NODE_ENV must be unset, development, test or production, got "${value}"`,
    );
  });

  it('names every bad setting at once', () => {
    try {
      parseAppConfig({ PORT: 'eighty', APP_NOW: 'yesterday', DATABASE_URL: 'mysql://x' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/APP_NOW/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });
});
