import { HttpException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import type { TokenClaims } from './auth.guard';
import { verifyPassword } from './password';
import { RateLimiter } from './rate-limiter';
import { Users, type User } from './users';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; name: string; role: string; unit: string | null; language: 'sv' | 'en' };
}

@Injectable()
export class AuthService {
  /** 10 failed attempts on one account within 15 minutes, then 429 until the window passes. */
  private readonly failures = new RateLimiter(10, 15 * 60_000);

  constructor(
    private readonly users: Users,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const account = email.trim().toLowerCase();
    if (this.failures.blocked(account)) {
      throw new HttpException('Too many failed sign-in attempts for this account; try again in 15 minutes', 429);
    }
    const user = await this.users.findByEmail(account);
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      this.failures.hit(account);
      throw new UnauthorizedException('Wrong email or password');
    }
    this.failures.reset(account);
    return this.issue(user);
  }

  async issue(user: User): Promise<LoginResult> {
    const claims: TokenClaims = { sub: user.id, email: user.email, name: user.name, role: user.role, unit: user.unit, language: user.language };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtExpiresInSeconds,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, unit: user.unit, language: user.language },
    };
  }
}
