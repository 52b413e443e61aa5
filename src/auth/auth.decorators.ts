import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { invalid } from '../kernel/domain-error';
import type { Role } from '../kernel/actor';
import { idempotencyOf, type WriteContext } from '../event-store/command-runner';
import { PERMISSIONS, type RolePermission } from './permissions';
import type { User } from './users';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

export const COOKIE_SESSION = 'auth:cookie-session';
export const UNLIMITED = 'auth:unlimited';

/** No token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/**
 * Served to browsers behind the web UI's own cookie-session guard, which
 * signs the user in and applies the request limits: the API's guard leaves
 * these routes alone so that no request is counted twice.
 */
export const CookieSession = () => SetMetadata(COOKIE_SESSION, true);
/** Never counted against a request limit: health checks, which a load balancer must always get through. */
export const Unlimited = () => SetMetadata(UNLIMITED, true);
/** Only these roles; others get 403. Writes are also checked by the domain's own rules. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/** Only the roles the permissions table gives this permission, the same table the web pages ask. */
export const Allow = (permission: RolePermission) => Roles(...PERMISSIONS[permission].roles);

/** `sessionId`: the signed-in session, which `POST /auth/logout` ends. */
export type AuthenticatedRequest = Request & { user?: User; sessionId?: string };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().user!;
});

/**
 * `"5"` → 5; also `W/"5"` (a proxy that compresses weakens the ETag it passes on) and `5`. `*` asks only
 * that the thing exists, which the write's own 404 sees to: no version to hold it to. Anything else (a
 * list of versions too) is a 400 naming the header.
 */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header === '' || header.trim() === '*') return null;
  const match = /^(?:W\/)?(?:"(\d+)"|(\d+))$/.exec(header.trim());
  if (!match) throw invalid('If-Match must be a version such as "3"', [{ field: 'If-Match', message: 'must be a quoted version number such as "3"' }]);
  return Number(match[1] ?? match[2]);
}

export function parseIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  const key = header.trim();
  if (key.length < 1 || key.length > 200) {
    throw invalid('Idempotency-Key must be 1 to 200 characters', [{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
  }
  return key;
}

/** The signed-in actor plus If-Match and Idempotency-Key, for a command. */
export const WriteCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): WriteContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const key = parseIdempotencyKey(req.header('idempotency-key'));
  return {
    actor: req.user!,
    ifMatch: parseIfMatch(req.header('if-match')),
    idempotency: key ? idempotencyOf(key, req.method, req.path, req.body) : null,
    // The request's id (a sane X-Request-Id or X-Correlation-Id the client sent, else a UUID): the log lines carry it too.
    correlationId: typeof req.id === 'string' ? req.id : randomUUID(),
  };
});
