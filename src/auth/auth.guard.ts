import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../kernel/actor';
import { COOKIE_SESSION, IS_PUBLIC, ROLES, UNLIMITED, type AuthenticatedRequest } from './auth.decorators';
import { RequestLimits } from './request-limits';
import { SessionRefused, Sessions } from './sessions';

/** The address a request comes from, as Express sees it (behind a proxy: as its trust proxy setting says). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket?.remoteAddress ?? 'unknown';

/**
 * Every /api/v1 route needs a bearer token of an open session unless marked
 * @Public(); @Roles narrows who may call it. Signed-in requests count against
 * their user's limit, everything else against its address's, except health
 * checks, which a load balancer must always get through. Web pages have
 * their own guard (WebGuard) and are left to it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
    private readonly limits: RequestLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      if (this.reflector.getAllAndOverride<boolean>(COOKIE_SESSION, targets)) return true;
      if (!this.reflector.getAllAndOverride<boolean>(UNLIMITED, targets)) await this.limits.anonymous(clientAddress(req));
      return true;
    }
    const header = req.header('authorization') ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      await this.limits.anonymous(clientAddress(req));
      throw new SessionRefused('Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/login');
    }
    let signedIn;
    try {
      signedIn = await this.sessions.authenticate(token);
    } catch (e) {
      // A token that lets no one in is a request without a session: guessing tokens costs the address its limit.
      if (e instanceof SessionRefused) await this.limits.anonymous(clientAddress(req));
      throw e;
    }
    req.user = signedIn.user;
    req.sessionId = signedIn.sessionId;
    await this.limits.user(signedIn.user.id);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(signedIn.user.role)) {
      throw new ForbiddenException(`The role ${signedIn.user.role} may not do this; it needs one of: ${roles.join(', ')}`);
    }
    return true;
  }
}
