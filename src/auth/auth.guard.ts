import { CanActivate, ExecutionContext, ForbiddenException, HttpException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../kernel/kernel.module';
import type { AppConfig } from '../kernel/config';
import type { Role } from '../kernel/actor';
import { IS_PUBLIC, ROLES, type AuthenticatedRequest } from './auth.decorators';
import { RateLimiter } from './rate-limiter';
import type { User } from './users';

export interface TokenClaims {
  sub: string;
  email: string;
  name: string;
  role: Role;
  unit: string | null;
  language: 'sv' | 'en';
}

/**
 * Every /api/v1 route needs a valid bearer token unless marked @Public();
 * @Roles narrows who may call it; each user is held to RATE_LIMIT_PER_MINUTE.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly perUser: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perUser = new RateLimiter(config.rateLimitPerMinute, 60_000);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (req.user) return this.authorize(req.user, targets);
    const header = req.header('authorization') ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/login');
    }
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (e) {
      throw new UnauthorizedException(
        (e as Error).name === 'TokenExpiredError' ? 'The token has expired; sign in again' : 'The token is not valid; sign in again',
      );
    }
    req.user = { id: claims.sub, email: claims.email, name: claims.name, role: claims.role, unit: claims.unit, language: claims.language };
    return this.authorize(req.user, targets);
  }

  private authorize(user: User, targets: Parameters<Reflector['getAllAndOverride']>[1]): boolean {
    if (!this.perUser.take(user.id)) {
      throw new HttpException('Too many requests: slow down and try again in a minute', 429);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`The role ${user.role} may not do this; it needs one of: ${roles.join(', ')}`);
    }
    return true;
  }
}
