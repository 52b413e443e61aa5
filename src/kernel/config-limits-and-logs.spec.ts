import { ConfigError, parseAppConfig } from './config';

describe('configuration of the request limits and the logs', () => {
  it('has the defaults of the contract', () => {
    expect(parseAppConfig({})).toMatchObject({
      rateLimitPerMinute: 6000,
      anonRateLimitPerMinute: 600,
      loginFailuresPerAddress: 100,
      logLevel: 'info',
      logFile: null,
      trustProxy: false,
    });
  });

  it('takes each from its variable', () => {
    expect(
      parseAppConfig({ ANON_RATE_LIMIT_PER_MINUTE: '50', LOGIN_FAILURES_PER_ADDRESS: '20', LOG_LEVEL: 'warn', LOG_FILE: '/var/log/uppfoljning.log' }),
    ).toMatchObject({ anonRateLimitPerMinute: 50, loginFailuresPerAddress: 20, logLevel: 'warn', logFile: '/var/log/uppfoljning.log' });
  });

  it.each([
    ['2', 2],
    ['false', false],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.4', ['10.0.0.0/8', '192.168.1.4']],
    ['fd00::/8,loopback', ['fd00::/8', 'loopback']],
  ])('trusts TRUST_PROXY=%j as %j', (raw, expected) => {
    expect(parseAppConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each([
    ['ANON_RATE_LIMIT_PER_MINUTE', '0'],
    ['ANON_RATE_LIMIT_PER_MINUTE', 'many'],
    ['LOGIN_FAILURES_PER_ADDRESS', '2.5'],
    ['LOG_LEVEL', 'verbose'],
    // Trusting every sender would let any client choose its own address and escape the limits.
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'proxy.example.org'],
  ])('refuses %s=%j, naming it', (name, value) => {
    expect(() => parseAppConfig({ [name]: value })).toThrow(ConfigError);
    const escaped = value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    expect(() => parseAppConfig({ [name]: value })).toThrow(new RegExp(`${name} must .*got "${escaped}"`));
  });
});
