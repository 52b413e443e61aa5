import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { databaseErrorCode } from '../database-error-code';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../domain-error';
import { safeUrl } from '../logging';

/**
 * The one map from a domain error's kind to its HTTP status, for the API's
 * JSON answers, the web's error pages and its forms alike.
 */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  /** On a 500 only: the id the error was logged under, for the user to quote. */
  correlationId?: string;
}

/**
 * The database's disk is full: SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100). The write's
 * transaction (or its savepoint in a group commit) was rolled back, and writes succeed again once
 * there is room: measured on a full 6 MB tmpfs, reads and health went on answering, and writes
 * succeeded once it was enlarged.
 */
const DISK_FULL = new Set(['SQLITE_FULL', '53100']);

/** Maps any error to the contract's shape `{ statusCode, error, message, details? }`. */
export function toErrorBody(exception: unknown): ErrorBody {
  // Errors raised by express's body parser before any handler runs.
  const bodyError = ((exception instanceof HttpException ? exception.cause : undefined) ?? exception) as { type?: string; status?: number; message?: string; limit?: number };
  if (bodyError?.type === 'entity.too.large') {
    return { statusCode: 413, error: REASON[413], message: `The request body is larger than the limit of ${Math.round((bodyError.limit ?? 102400) / 1024)} kB` };
  }
  if (bodyError?.type === 'entity.parse.failed') {
    return { statusCode: 400, error: REASON[400], message: 'The request body is not valid JSON', details: [{ field: 'body', message: bodyError.message ?? 'malformed JSON' }] };
  }
  if (bodyError?.type === 'entity.too.deep') {
    return { statusCode: 400, error: REASON[400], message: bodyError.message ?? 'The request body nests too deeply', details: [{ field: 'body', message: `must not nest deeper than ${bodyError.limit} levels` }] };
  }
  if (bodyError?.type && typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return { statusCode: bodyError.status, error: REASON[bodyError.status] ?? 'Error', message: bodyError.message ?? 'Bad request' };
  }
  if (exception instanceof DomainError) {
    const statusCode = DOMAIN_ERROR_STATUS[exception.kind];
    return { statusCode, error: REASON[statusCode], message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse() as string | { message?: string | string[]; details?: FieldProblem[] };
    const message =
      typeof response === 'string' ? response : Array.isArray(response.message) ? response.message.join('; ') : response.message ?? exception.message;
    const details = typeof response === 'object' ? response.details : undefined;
    return { statusCode, error: REASON[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
  }
  if (DISK_FULL.has(databaseErrorCode(exception))) {
    return { statusCode: 503, error: REASON[503], message: 'The database has no room left on its disk: nothing was written. Try again once an administrator has made room' };
  }
  // The file became read-only under the running app (a start refuses one, data-source.ts): SQLITE_READONLY and its kinds.
  if (databaseErrorCode(exception).startsWith('SQLITE_READONLY')) {
    return { statusCode: 503, error: REASON[503], message: 'The database cannot be written (its file or directory is read-only): nothing was written. Try again once an administrator has fixed it' };
  }
  return { statusCode: 500, error: REASON[500], message: 'Something went wrong on our side; the error has been logged' };
}

/** The request's id (given by the request-id middleware, which pino-http logs under too), or a fresh one. */
export function correlationIdOf(req: Request): string {
  const id = (req as Request & { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : randomUUID();
}

/** A refusal that says when to come back (TooManyRequests) sends it as Retry-After. */
export function setRetryAfter(res: Response, exception: unknown): void {
  const seconds = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 && !res.headersSent) res.setHeader('Retry-After', String(Math.ceil(seconds)));
}

/** Logs a failure of ours with the correlation id its answer carries, and the stack. */
export function logFailure(logger: Logger, req: Request, exception: unknown, correlationId: string): void {
  logger.error(`${req.method} ${safeUrl(req.originalUrl)} failed, correlation id ${correlationId}: ${(exception as Error)?.stack ?? String(exception)}`);
}

/** Paths the JSON API answers; everything else is a page. */
export const isApiPath = (req: Request): boolean => /^\/api(\/|$)/.test((req.originalUrl ?? req.url).split('?')[0]);

/**
 * The app-wide filter: every error becomes the contract's JSON shape, and a
 * 500 also carries the correlation id it was logged under. Requests for pages
 * (outside /api) that reach it, such as a method or a sub-path no page
 * answers, or a form body the parsers refuse, go to the web UI's filter
 * instead, so a browser gets a page in its user's language.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly pages?: ExceptionFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (this.pages && !isApiPath(req)) {
      this.pages.catch(exception, host);
      return;
    }
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      body.correlationId = correlationIdOf(req);
      logFailure(this.logger, req, exception, body.correlationId);
    }
    if (res.headersSent) return;
    setRetryAfter(res, exception);
    res.status(body.statusCode).json(body);
  }
}
