import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What code deep in a request may need without being handed the request: its id and the client's address. */
export interface RequestContext {
  requestId: string;
  address: string | undefined;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * An id a client or a proxy sent is kept, so one id follows a request across
 * systems; anything else (too long, or characters that could forge log lines
 * or headers) is replaced by a fresh UUID.
 */
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export function requestIdFrom(headers: IncomingMessage['headers']): string {
  for (const name of ['x-request-id', 'x-correlation-id']) {
    const value = headers[name];
    if (typeof value === 'string' && SANE_ID.test(value)) return value;
  }
  return randomUUID();
}

type Request = IncomingMessage & { id?: unknown; ip?: string };

/**
 * First of all middleware: gives the request its id (pino-http then logs with
 * it, the error filters show it) and echoes it as X-Request-Id, so a user who
 * reports a problem can quote it, even for a body the parsers refuse.
 */
export function assignRequestId(req: Request, res: ServerResponse, next: () => void): void {
  const id = requestIdFrom(req.headers);
  req.id = id;
  res.setHeader('X-Request-Id', id);
  next();
}

/**
 * Opens the request's context for everything that runs on its behalf. It is
 * mounted after the body parsers: they call `next` from the body stream's
 * events, which would run outside a context opened before them.
 */
export function enterRequestContext(req: Request, _res: ServerResponse, next: () => void): void {
  storage.run({ requestId: typeof req.id === 'string' ? req.id : requestIdFrom(req.headers), address: req.ip }, next);
}

/** The current request's context, or undefined outside a request (a background job, the seed). */
export const currentRequest = (): RequestContext | undefined => storage.getStore();
