import { Injectable, UnauthorizedException, type OnModuleInit } from '@nestjs/common';
import { dummyPasswordHash, verifyPassword } from './password';
import { RequestLimits } from './request-limits';
import { Sessions } from './sessions';
import { Users, type User } from './users';
import { normalEmail } from '../kernel/email-address';

export type UserView = { id: string; email: string; name: string; role: string; unit: string | null; language: 'sv' | 'en' };

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserView;
}

export const userView = (user: User): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  unit: user.unit,
  language: user.language,
});

@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly users: Users,
    private readonly sessions: Sessions,
    private readonly limits: RequestLimits,
  ) {}

  /** The dummy hash is made at start, so that not even the first unknown address takes longer than a known one. */
  async onModuleInit(): Promise<void> {
    await dummyPasswordHash();
  }

  /**
   * Signs in with email and password from a client address (API and web
   * alike). An unknown address or a deactivated account is checked against a
   * dummy hash and refused with the same words as a wrong password: neither
   * the answer nor the time it takes tells whether an account exists.
   */
  async login(email: string, password: string, address: string): Promise<LoginResult> {
    const account = normalEmail(email);
    await this.limits.beforeSignIn(account, address);
    const found = await this.users.findByEmail(account);
    const user = found && found.deactivatedAt === null ? found : null;
    // A user without a password (single sign-on, or not yet through the welcome link) is checked against the dummy hash too.
    const hash = user?.passwordHash ?? null;
    const matches = await verifyPassword(password, hash ?? (await dummyPasswordHash()));
    if (!user || hash === null || !matches) {
      this.limits.signInFailed(account, address);
      throw new UnauthorizedException('Wrong email or password');
    }
    await this.limits.signInSucceeded(account, address);
    return this.issue(user, hash);
  }

  /** A new session for the user and its bearer token; with `checkedHash`, only while that is still the user's password (Sessions.open). */
  async issue(user: User, checkedHash?: string): Promise<LoginResult> {
    const session = await this.sessions.open(user, checkedHash);
    await this.users.recordSignIn(user.id);
    return { accessToken: session.token, tokenType: 'Bearer', expiresIn: session.expiresIn, user: userView(user) };
  }
}
