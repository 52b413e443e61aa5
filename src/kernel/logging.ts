import { RequestMethod, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from './config';
import { APP_CONFIG } from './kernel.module';
import { makeDirectorySync } from './make-directory';
import { requestIdFrom } from './request-context';

type Req = IncomingMessage & { id?: unknown; ip?: string; originalUrl?: string; user?: { id: string } };

/** Query parameters whose values are secrets (sign-in codes, reset links) never reach a log line. */
const SECRET_QUERY = /([?&](?:token|access_token|id_token|code|state|password|secret)=)[^&#]*/gi;
export const safeUrl = (url: string | undefined): string => (url ?? '').replace(SECRET_QUERY, '$1[redacted]');

/**
 * Refusals a person looking at the logs wants to find (sessions that ended,
 * roles that may not, limits reached) are warnings; failures of our own are
 * errors; everything else is the ordinary record of a request.
 */
function levelFor(status: number, error?: Error): 'info' | 'warn' | 'error' {
  if (error || status >= 500) return 'error';
  if (status === 401 || status === 403 || status === 429) return 'warn';
  return 'info';
}

/**
 * Belt and braces: the serializers below already log no headers and no
 * bodies, but anything logged by hand that carries one of these is masked.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  'accessToken',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.passwordHash',
];

function pinoHttpOptions(config: AppConfig): Options<IncomingMessage, ServerResponse, never> {
  const message = (req: IncomingMessage, res: ServerResponse) => `${req.method} ${safeUrl((req as Req).originalUrl ?? req.url)} ${res.statusCode}`;
  const withUser = (req: IncomingMessage, value: object) => {
    const userId = (req as Req).user?.id;
    return userId ? { ...value, userId } : value;
  };
  return {
    level: config.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT, censor: '[redacted]' },
    // The request id was given by assignRequestId, before any parser; the fallback is for a server mounted without it.
    genReqId: (req) => (typeof (req as Req).id === 'string' ? ((req as Req).id as string) : requestIdFrom(req.headers)),
    // Lines logged while serving a request carry its id; the closing line carries the request itself.
    quietReqLogger: true,
    serializers: {
      req: (req: { raw?: Req; method?: string; url?: string; headers?: Record<string, string | undefined> }) => ({
        method: req.method,
        url: safeUrl(req.raw?.originalUrl ?? req.url),
        address: req.raw?.ip ?? req.raw?.socket?.remoteAddress,
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    customLogLevel: (_req, res, error) => levelFor(res.statusCode, error),
    customSuccessMessage: message,
    customErrorMessage: message,
    customSuccessObject: (req, _res, value: object) => withUser(req, value),
    customErrorObject: (req, _res, _error, value: object) => withUser(req, value),
    // Health probes come every few seconds from the orchestrator and say nothing about users.
    autoLogging: { ignore: (req) => /\/health\//.test(req.url ?? '') },
  };
}

/** LOG_FILE, its directory made first: pino's own `mkdir` is Node's recursive one, which never returns where a parent cannot hold children (make-directory.ts). */
function logFile(path: string) {
  try {
    makeDirectorySync(dirname(path));
  } catch (error) {
    throw new Error(`LOG_FILE (${path}): its directory could not be made: ${(error as Error).message}`, { cause: error });
  }
  return pino.destination({ dest: path, sync: true });
}

/**
 * Structured JSON logs through nestjs-pino, to standard output or LOG_FILE.
 * nestjs-pino keeps one pino-http instance per process, made by the first
 * app that starts: a test that starts several apps in one file gets the
 * first app's level and destination for all of them.
 */
export function loggingModule(): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      // Its default routes add the web pages (excluded from the API prefix) a second time, and
      // each of their requests was logged twice; Nest maps this one wildcard onto both.
      forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
      pinoHttp: config.logFile ? [pinoHttpOptions(config), logFile(config.logFile)] : pinoHttpOptions(config),
    }),
  });
}
