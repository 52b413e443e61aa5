import { isIP } from 'node:net';
import { ROLES, type Role } from './actor';
import { isInstant } from './calendar';

/**
 * The application's configuration, read and validated once at start. This is
 * the only file that interprets environment variables; a production start with
 * a default secret or the demo password stops here with a message saying
 * which setting to change.
 */
export interface AppConfig {
  port: number;
  /** On PostgreSQL `migrationUrl` (DATABASE_MIGRATION_URL) is the owner that migrates; `url`'s role then may only INSERT and SELECT on the log. */
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; migrationUrl?: string };
  redisUrl: string;
  redisPrefix: string;
  smtpUrl: string | null;
  mailFrom: string;
  mailDir: string;
  appNow: string | null;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  demoPassword: string;
  publicBaseUrl: string;
  rateLimitPerMinute: number;
  /** Requests without a session per client address and minute; /health/* is never limited. */
  anonRateLimitPerMinute: number;
  /** Failed sign-ins from one address within 15 minutes before 429 (besides 10 per account). */
  loginFailuresPerAddress: number;
  logLevel: LogLevel;
  /** Where the JSON log lines go; null: standard output. */
  logFile: string | null;
  /** Express's `trust proxy`: false, a number of proxy hops, or the proxies' addresses and subnets. */
  trustProxy: false | number | string[];
  production: boolean;
  seed: boolean;
  runWorker: boolean;
  /** The heap a report's worker thread may use; a report that needs more fails (as a job, with the reason) instead of the process. */
  reportWorkerMemoryMb: number;
  /** A log longer than this many events is reported as a job (202 and a job to poll); 0: every report is a job. */
  reportJobAboveEvents: number;
  /** Single sign-on through the city's OpenID Connect provider; null: none (OIDC_ISSUER unset). */
  oidc: OidcConfig | null;
  /** Whether signing in with email and password is offered (PASSWORD_LOGIN); false: only single sign-on. */
  passwordLogin: boolean;
  /** Signing the log's head: the Ed25519 key's PEM file (null: a development key under var/), where anchors are appended, how often at least. */
  anchors: { keyFile: string | null; dir: string; intervalMinutes: number; earlierPublicKeyFiles: string[] };
}

/** One entry of OIDC_ROLE_MAP: a value of the role claim and the role (and unit) it gives. In the map's own order. */
export interface OidcRoleRule {
  value: string;
  role: Role;
  unit: string | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUrl: string;
  roleClaim: string;
  roleMap: OidcRoleRule[];
  /** Whom a user without a role should ask (an email address), shown on the refusal page; null: "the administrator". */
  accessContact: string | null;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_JWT_SECRET = 'dev-only-secret-change-me';
export const DEFAULT_DEMO_PASSWORD = 'demo-password';

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The start could not go on for a reason the operator fixes (a file's permissions, a port in use): said plainly, naming the setting. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** How a database is named in messages: without its password. */
export function describeDatabase(database: AppConfig['database']): string {
  if (database.type === 'sqlite') return `sqlite:${database.path}`;
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  return url.toString();
}

type Env = Record<string, string | undefined>;

const NODE_ENVS = ['development', 'test', 'production'];

export function parseAppConfig(env: Env): AppConfig {
  const problems: string[] = [];
  // Exact values only: a near miss such as "Production" or "prod" would otherwise
  // start quietly as development, with demo accounts and default secrets.
  const nodeEnv = env.NODE_ENV || 'development';
  if (!NODE_ENVS.includes(nodeEnv)) {
    problems.push(`NODE_ENV must be unset, development, test or production, got "${env.NODE_ENV}"`);
  }
  const production = nodeEnv === 'production';

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    // Decimal digits only: Number() reads " " as 0, and "0x10" or "1e3" as numbers nobody meant.
    const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || 'sqlite:var/tracker.sqlite';
  let database: AppConfig['database'] = { type: 'sqlite', path: 'var/tracker.sqlite' };
  if (databaseUrl.startsWith('sqlite:')) {
    database = { type: 'sqlite', path: databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') };
    // A blank path would be SQLite's temporary database, gone when the process ends; spaces around one, a directory named " ".
    if (!database.path.trim()) problems.push('DATABASE_URL sqlite:<path> needs a path');
    else if (database.path !== database.path.trim()) problems.push(`DATABASE_URL sqlite:<path> has spaces around its path, got "${databaseUrl}"`);
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    database = { type: 'postgres', url: databaseUrl };
    const migrationUrl = env.DATABASE_MIGRATION_URL;
    if (migrationUrl && !/^postgres(ql)?:\/\//.test(migrationUrl)) problems.push(`DATABASE_MIGRATION_URL must be postgres://…, got "${migrationUrl}"`);
    else if (migrationUrl && migrationUrl !== databaseUrl) database.migrationUrl = migrationUrl;
  } else {
    problems.push(`DATABASE_URL must be sqlite:<path> or postgres://…, got "${databaseUrl}"`);
  }

  const appNow = env.APP_NOW || null;
  if (appNow && !isInstant(appNow)) {
    problems.push(`APP_NOW must be an ISO-8601 instant such as 2012-04-10T08:00:00Z, got "${appNow}"`);
  }

  const jwtSecret = env.JWT_SECRET || DEFAULT_JWT_SECRET;
  const demoPassword = env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  if (production && jwtSecret === DEFAULT_JWT_SECRET) {
    problems.push('JWT_SECRET is the development default; set JWT_SECRET to a long random secret in production');
  }
  if (production && jwtSecret.trim().length < 32 && jwtSecret !== DEFAULT_JWT_SECRET) {
    problems.push('JWT_SECRET must be at least 32 characters in production');
  }
  if (production && env.DEMO_PASSWORD && demoPassword === DEFAULT_DEMO_PASSWORD) {
    problems.push('DEMO_PASSWORD is the default demo password; unset it (no demo accounts are made in production) or change it');
  }

  const publicBaseUrl = (env.PUBLIC_BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicBaseUrl)) problems.push(`PUBLIC_BASE_URL must start with http:// or https://, got "${publicBaseUrl}"`);
  else if (!url(publicBaseUrl, ['http:', 'https:'])) problems.push(`PUBLIC_BASE_URL is not an address a link can carry, got "${publicBaseUrl}"`);

  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!url(redisUrl, ['redis:', 'rediss:'])) problems.push(`REDIS_URL must be redis://host:port or rediss://…, got "${redisUrl}"`);
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl && !url(smtpUrl, ['smtp:', 'smtps:'])) problems.push(`SMTP_URL must be smtp://host:port or smtps://…, got "${smtpUrl}"`);
  const mailFrom = env.MAIL_FROM || 'uppfoljning@localhost';
  if (!MAIL_FROM.test(mailFrom)) problems.push(`MAIL_FROM must be an address, or a name and <address>, got "${mailFrom}"`);

  const config: AppConfig = {
    port: int('PORT', 3000, 1, 65535),
    database,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX || 'uppfoljning',
    smtpUrl,
    mailFrom,
    mailDir: env.MAIL_DIR || 'var/mail',
    appNow,
    jwtSecret,
    jwtExpiresInSeconds: int('JWT_EXPIRES_IN_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    demoPassword,
    publicBaseUrl,
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 6000, 1, 10_000_000),
    anonRateLimitPerMinute: int('ANON_RATE_LIMIT_PER_MINUTE', 600, 1, 10_000_000),
    loginFailuresPerAddress: int('LOGIN_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
    logLevel: logLevel(env.LOG_LEVEL, problems),
    logFile: env.LOG_FILE || null,
    trustProxy: trustProxy(env.TRUST_PROXY, problems),
    production,
    seed: bool('SEED', true),
    runWorker: bool('RUN_WORKER', true),
    reportWorkerMemoryMb: int('REPORT_WORKER_MEMORY_MB', 2048, 16, 65_536),
    reportJobAboveEvents: int('REPORT_JOB_ABOVE_EVENTS', 50_000, 0, 1_000_000_000),
    oidc: oidcConfig(env, production, problems),
    passwordLogin: bool('PASSWORD_LOGIN', true),
    anchors: {
      keyFile: env.AUDIT_SIGNING_KEY_FILE || null,
      dir: env.ANCHOR_DIR || 'var/anchors',
      intervalMinutes: int('ANCHOR_INTERVAL_MINUTES', 60, 1, 525_600),
      // After a change of key the anchors signed with the earlier ones still vouch, if their public keys are named here.
      earlierPublicKeyFiles: (env.AUDIT_EARLIER_PUBLIC_KEY_FILES ?? '').split(',').map((f) => f.trim()).filter(Boolean),
    },
  };
  // A key made by the app itself sits beside its database: whoever holds one holds the other, so it proves nothing.
  if (production && !config.anchors.keyFile) problems.push('AUDIT_SIGNING_KEY_FILE is unset; production signs the log with a key kept outside the database (an Ed25519 PEM file)');
  if (!config.passwordLogin && !config.oidc) problems.push('PASSWORD_LOGIN=false needs OIDC_ISSUER: otherwise nobody could sign in');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

const UNIT_CODE = /^[a-z0-9][a-z0-9-]{0,49}$/;

/** `uppfoljning@stad.se` or `Uppföljning <uppfoljning@stad.se>`. */
const MAIL_FROM = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

/** Whether `value` parses as a URL of one of `protocols` with a host (a port above 65535 or a space does not parse). */
function url(value: string, protocols: string[]): boolean {
  try {
    const parsed = new URL(value);
    return protocols.includes(parsed.protocol) && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * OIDC_*: all four of issuer, client id, redirect URL (and a secret, unless
 * the provider takes a public client) or none. Plain http is for a provider
 * on the developer's or the test's own machine: in production the tokens and
 * the provider's keys must come over TLS.
 */
function oidcConfig(env: Env, production: boolean, problems: string[]): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) {
    const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL', 'OIDC_ROLE_MAP'].filter((name) => env[name]);
    if (stray.length) problems.push(`${stray.join(', ')} set without OIDC_ISSUER: set OIDC_ISSUER too, or unset them`);
    return null;
  }
  const url = (name: string, value: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      problems.push(`${name} must be an absolute URL, got "${value}"`);
      return false;
    }
    if (parsed.protocol === 'https:') return true;
    if (parsed.protocol === 'http:' && !production) return true;
    problems.push(`${name} must start with https://${production ? ' in production' : ' (or http:// outside production)'}, got "${value}"`);
    return false;
  };
  url('OIDC_ISSUER', issuer);
  const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
  if (!clientId) problems.push('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  const redirectUrl = env.OIDC_REDIRECT_URL?.trim() ?? '';
  if (!redirectUrl) problems.push('OIDC_REDIRECT_URL is required when OIDC_ISSUER is set (e.g. https://uppfoljning.stad.se/api/v1/auth/oidc/callback)');
  else if (url('OIDC_REDIRECT_URL', redirectUrl) && !new URL(redirectUrl).pathname.endsWith('/api/v1/auth/oidc/callback')) {
    problems.push(`OIDC_REDIRECT_URL must end in /api/v1/auth/oidc/callback, the path the app answers on, got "${redirectUrl}"`);
  }
  const accessContact = env.OIDC_ACCESS_CONTACT?.trim() || null;
  if (accessContact && !/^[^\s@]+@[^\s@]+$/.test(accessContact)) problems.push(`OIDC_ACCESS_CONTACT must be an email address, got "${accessContact}"`);
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    redirectUrl,
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || 'groups',
    roleMap: oidcRoleMap(env.OIDC_ROLE_MAP, problems),
    accessContact,
  };
}

/** OIDC_ROLE_MAP: `{ "<claim value>": { "role": "officer", "unit": "sfi" }, … }`. A map that does not parse stops the start. */
function oidcRoleMap(raw: string | undefined, problems: string[]): OidcRoleRule[] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    problems.push(`OIDC_ROLE_MAP must be JSON such as {"sfi-handlaggare":{"role":"officer","unit":"sfi"}}: ${(error as Error).message}`);
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('OIDC_ROLE_MAP must be a JSON object from claim values to { "role", "unit"? }');
    return [];
  }
  const rules: OidcRoleRule[] = [];
  for (const [value, rule] of Object.entries(parsed)) {
    const { role, unit, ...rest } = (typeof rule === 'object' && rule !== null ? rule : {}) as Record<string, unknown>;
    const where = `OIDC_ROLE_MAP["${value}"]`;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) problems.push(`${where} must be an object { "role", "unit"? }`);
    else if (!(ROLES as readonly unknown[]).includes(role)) problems.push(`${where}.role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
    else if (Object.keys(rest).length) problems.push(`${where} has unknown fields: ${Object.keys(rest).join(', ')}`);
    else if (unit !== undefined && unit !== null && (typeof unit !== 'string' || !UNIT_CODE.test(unit))) {
      problems.push(`${where}.unit must be a unit code such as "sfi", got ${JSON.stringify(unit)}`);
    } else if ((role === 'officer' || role === 'unit_head') && !unit) problems.push(`${where}: the role ${role} needs a unit`);
    else if (role !== 'officer' && role !== 'unit_head' && unit) problems.push(`${where}: the role ${role as string} has no unit`);
    else rules.push({ value, role: role as Role, unit: (unit as string | undefined) ?? null });
  }
  return rules;
}

function logLevel(raw: string | undefined, problems: string[]): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return 'info';
}

/**
 * Behind a reverse proxy every request comes from the proxy's address, so the
 * per-address limits would lump all clients together; trusting the proxy
 * makes `req.ip` the client's address from X-Forwarded-For. Trusting any
 * sender (`true`) would let a client pick its own address and escape the
 * limits, so only hop counts and named proxies are accepted.
 */
function trustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  if (raw === undefined || raw === '' || ['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  if (/^[1-9]$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((e) => e.trim());
  const isProxy = (entry: string): boolean => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    return family !== 0 && rest.length === 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
  };
  if (entries.every(isProxy)) return entries;
  problems.push(
    `TRUST_PROXY must be false, a number of proxy hops from 1 to 9, or a comma-separated list of proxy addresses or subnets (e.g. 10.0.0.0/8, loopback), got "${raw}"`,
  );
  return false;
}
