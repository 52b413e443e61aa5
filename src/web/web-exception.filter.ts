import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../kernel/domain-error';
import { CsrfRejected, SIGN_IN_PATH, SignInRequired, type WebRequest } from './web-context';
import { fallbackContext, WebPages } from './web-pages';

const DOMAIN_STATUS = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, precondition_failed: 412 } as const;

/**
 * Errors on a web page become a page, not the API's JSON: a redirect to sign
 * in, or an error page in the user's language with the system's explanation
 * underneath.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly pages: WebPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof SignInRequired) {
      const next = exception.next && exception.next !== '/' ? `?next=${encodeURIComponent(exception.next)}` : '';
      res.redirect(303, `${SIGN_IN_PATH}${next}`);
      return;
    }
    const { t } = fallbackContext(req);
    let status = 500;
    let message = t.errors.server;
    let detail: string | null = null;
    if (exception instanceof CsrfRejected) {
      status = 403;
      message = t.errors.csrf;
    } else if (exception instanceof DomainError) {
      status = DOMAIN_STATUS[exception.kind];
      message = { invalid: t.errors.badRequest, forbidden: t.errors.forbidden, not_found: t.errors.notFound, conflict: t.errors.conflict, precondition_failed: t.errors.stale }[exception.kind];
      detail = exception.message;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      message = status === 404 ? t.errors.notFound : status === 403 ? t.errors.forbidden : status === 429 ? t.errors.tooMany : status < 500 ? t.errors.badRequest : t.errors.server;
      detail = status < 500 ? exception.message : null;
    }
    if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`);
    this.pages.render(req, res, 'error.eta', t.errors.title, { status, message, detail }, status);
  }
}
