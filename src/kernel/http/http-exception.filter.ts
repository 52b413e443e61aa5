import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../domain-error';

const STATUS: Record<DomainErrorKind, number> = {
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
}

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
  if (bodyError?.type && typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return { statusCode: bodyError.status, error: REASON[bodyError.status] ?? 'Error', message: bodyError.message ?? 'Bad request' };
  }
  if (exception instanceof DomainError) {
    const statusCode = STATUS[exception.kind];
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
  return { statusCode: 500, error: REASON[500], message: 'Something went wrong on our side; the error has been logged' };
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
