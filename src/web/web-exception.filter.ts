import { ArgumentsHost, Catch, Injectable, Logger, NotFoundException, type ExceptionFilter, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, type DomainErrorKind } from '../kernel/domain-error';
import { correlationIdOf, isApiPath, logFailure, setRetryAfter, toErrorBody } from '../kernel/http/http-exception.filter';
import { statusMessage } from './form-problems';
import type { Dictionary } from './i18n';
import { CsrfRejected, SIGN_IN_PATH, SIGN_IN_REASON_PARAM, SignInRequired, type WebRequest } from './web-context';
import { fallbackContext, WebPages } from './web-pages';
import { WebGuard } from './web.guard';

/** What an error page says for each kind of refusal; its status comes from the kernel's one map, through toErrorBody. */
const PAGE_MESSAGE: Record<DomainErrorKind, keyof Dictionary['errors']> = {
  invalid: 'badRequest',
  forbidden: 'forbidden',
  not_found: 'notFound',
  conflict: 'conflict',
  precondition_failed: 'stale',
};

function messageFor(exception: unknown, status: number, t: Dictionary): string {
  return exception instanceof DomainError ? t.errors[PAGE_MESSAGE[exception.kind]] : statusMessage(status, t);
}

/**
 * Errors on a web page become a page, not the API's JSON: a redirect to sign
 * in, or an error page in the user's language with the system's explanation
 * underneath. A failure of ours shows the correlation id it was logged under,
 * so a user can quote it.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly pages: WebPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    this.answer(host.switchToHttp().getRequest<WebRequest>(), host.switchToHttp().getResponse<Response>(), exception);
  }

  answer(req: WebRequest, res: Response, exception: unknown): void {
    if (res.headersSent) return;
    if (exception instanceof SignInRequired) {
      const query = new URLSearchParams();
      if (exception.next && exception.next !== '/') query.set('next', exception.next);
      // The sign-in page says why: the session ended, and whether the form waits there.
      if (exception.reason) query.set(SIGN_IN_REASON_PARAM, exception.reason);
      const search = query.toString();
      res.redirect(303, `${SIGN_IN_PATH}${search ? `?${search}` : ''}`);
      return;
    }
    const { t } = fallbackContext(req);
    const body = toErrorBody(exception);
    const status = exception instanceof CsrfRejected ? 403 : body.statusCode;
    const message = exception instanceof CsrfRejected ? t.errors.csrf : messageFor(exception, status, t);
    // A path no route serves needs no explanation beyond the message; the router's "Cannot GET …" is not one.
    const unknownPath = status === 404 && !(exception instanceof DomainError);
    // A 503 says what could not be done and why (a full disk, ANCHOR_DIR): the user can act on it, unlike a 500's internals.
    const detail = (status < 500 || status === 503) && !unknownPath && !(exception instanceof CsrfRejected) ? body.message : null;
    let correlationId: string | null = null;
    if (status >= 500) {
      correlationId = correlationIdOf(req);
      logFailure(this.logger, req, exception, correlationId);
    }
    setRetryAfter(res, exception);
    // The title says which kind of error it is, so a tab's or a screen reader's title tells missing from refused.
    const title = status === 404 ? t.errors.titleNotFound : status === 403 ? t.errors.titleForbidden : t.errors.title;
    this.pages.render(req, res, 'error.eta', title, { status, message, detail, correlationId, title }, status);
  }
}

/**
 * Paths no route claims. Nest answers those under /api/v1 (JSON, through the
 * app-wide filter) but leaves the rest to express, whose bare "Cannot GET"
 * page has neither the layout nor the user's language. Mounted once the
 * routes are, it gives a page path the app's own 404 page, and anything else
 * under /api the contract's JSON.
 */
@Injectable()
export class UnclaimedPaths implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly errors: WebExceptionFilter,
    private readonly guard: WebGuard,
  ) {}

  onApplicationBootstrap(): void {
    this.adapterHost.httpAdapter?.use((req: Request, res: Response, next: NextFunction) => {
      const notFound = new NotFoundException(`Cannot ${req.method} ${req.path}`);
      if (isApiPath(req)) return void res.status(404).json(toErrorBody(notFound));
      // The page in the visitor's language, with their menu and a form token (the language switch posts it);
      // if even that cannot be read (the database), the page in the language of the cookie, as before.
      this.guard
        .establish(req as WebRequest, res)
        .catch(() => undefined)
        .then(() => this.errors.answer(req as WebRequest, res, notFound))
        .catch(next);
    });
  }
}
