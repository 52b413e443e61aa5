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

  // Each once started: on port 0 or a random one, on a temporary database lost at exit, at a date nobody meant, or failed later without naming the setting.
  it.each([
    ['PORT', ' ', /PORT must be a whole number from 1 to 65535, got " "/],
    ['PORT', '0', /PORT must be a whole number from 1 to 65535/],
    ['PORT', '0xC1E', /PORT must be a whole number/],
    ['LOGIN_FAILURES_PER_ADDRESS', '1e3', /LOGIN_FAILURES_PER_ADDRESS must be a whole number/],
    ['REPORT_JOB_ABOVE_EVENTS', ' ', /REPORT_JOB_ABOVE_EVENTS must be a whole number/],
    ['DATABASE_URL', 'sqlite: ', /DATABASE_URL sqlite:<path> needs a path/],
    ['DATABASE_URL', 'sqlite: /srv/t.sqlite', /DATABASE_URL sqlite:<path> has spaces around its path/],
    ['APP_NOW', '1', /APP_NOW must be an ISO-8601 instant/],
    ['APP_NOW', '2012-02-30T08:00:00Z', /APP_NOW must be an ISO-8601 instant/],
    ['APP_NOW', '2012-04-10T08:00:00', /APP_NOW must be an ISO-8601 instant/],
    ['REDIS_URL', 'garbage', /REDIS_URL must be redis:\/\/host:port/],
    ['REDIS_URL', 'redis://127.0.0.1:99999', /REDIS_URL must be redis:\/\/host:port/],
    ['SMTP_URL', 'garbage', /SMTP_URL must be smtp:\/\/host:port/],
    ['MAIL_FROM', 'not an address', /MAIL_FROM must be an address/],
    ['PUBLIC_BASE_URL', 'https://exa mple.se', /PUBLIC_BASE_URL is not an address/],
  ])('refuses %s=%j, naming it', (name, value, message) => {
    expect(() => parseAppConfig({ [name]: value })).toThrow(message);
  });

  it('takes the usual forms of those settings', () => {
    const config = parseAppConfig({
      PORT: ' 8080 ',
      APP_NOW: '2012-04-10T10:00:00+02:00',
      REDIS_URL: 'rediss://:secret@redis.stad.se:6380/2',
      SMTP_URL: 'smtps://user:pw@smtp.stad.se:465',
      MAIL_FROM: 'Uppföljning <uppfoljning@stockholm.se>',
      PUBLIC_BASE_URL: 'https://intranat.stad.se/uppfoljning/',
    });
    expect(config).toMatchObject({ port: 8080, appNow: '2012-04-10T10:00:00+02:00', publicBaseUrl: 'https://intranat.stad.se/uppfoljning' });
    expect(parseAppConfig({ MAIL_FROM: 'uppfoljning@localhost' }).mailFrom).toBe('uppfoljning@localhost');
  });

  it('refuses a production JWT_SECRET that is long only in spaces', () => {
    expect(() => parseAppConfig({ NODE_ENV: 'production', JWT_SECRET: ' '.repeat(40), AUDIT_SIGNING_KEY_FILE: '/k.pem' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });
});
