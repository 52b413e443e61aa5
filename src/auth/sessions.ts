import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import DataLoader from 'dataloader';
import { randomBytes } from 'node:crypto';
import { Database } from '../event-store/database';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { findSessionsWithUsers, findSessionWithUser, insertSession, revokeSession, revokeSessionsOf, sessionIdOf, type RevokeReason } from './session-table';
import { sessionEnd, type SessionWithUser } from './session-validity';
import type { User } from './users';

/** What a token carries: whose it is, the handle of its session, and always when it expires. */
interface SessionClaims {
  sub: string;
  jti: string;
  exp: number;
}

export interface SignedIn {
  user: User;
  sessionId: string;
}

export interface OpenedSession extends SignedIn {
  token: string;
  expiresIn: number;
}

/** A token that no longer (or never did) let anyone in: 401 on the API, "not signed in" on the web. */
export class SessionRefused extends UnauthorizedException {}

export const SESSION_ENDED = 'Your session has ended; sign in again';

/** Session lookups sent as one statement at most: a turn of the event loop seldom holds more requests than the app's connections. */
const LOOKUPS_PER_STATEMENT = 100;

/**
 * Sessions live on the server. A bearer token and the web's session cookie
 * (which holds the same token) are only handles to a row in `sessions`:
 * signing out, deactivating the user and changing their role, unit or
 * password end the row, and the next request with the token is refused.
 *
 * Every request pays one lookup by primary key (the session joined with its
 * user), and nothing is cached on purpose: a cache would be exactly the delay
 * between "ended" and "refused" that this exists to remove.
 *
 * Times are the wall clock's, like the token's `exp` that jsonwebtoken
 * checks, not the app clock, which a demo or a test may set to 2012.
 */
@Injectable()
export class Sessions {
  /**
   * On PostgreSQL, the session lookups of the requests that reach this point
   * in one turn of the event loop go to the database together, as one
   * statement on one connection, after the turn (DataLoader, scheduled with
   * setImmediate). Each lookup was a pooled connection's round trip of its own:
   * a write to the socket that wakes a server process, which under load was the
   * largest share of what PostgreSQL cost the app over SQLite (issue #10).
   * Nothing is kept between turns (`cache: false`): every request reads its
   * session after it arrived, so a session ended is refused by the next request
   * as before. On SQLite the lookup is a call into the same process, and stays one.
   */
  private readonly lookups: DataLoader<string, SessionWithUser | undefined> | null;

  constructor(
    private readonly db: Database,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lookups =
      db.dialect === 'postgres'
        ? new DataLoader((ids) => findSessionsWithUsers(db, ids), { cache: false, maxBatchSize: LOOKUPS_PER_STATEMENT, batchScheduleFn: (run) => setImmediate(run) })
        : null;
  }

  /**
   * Signs the user in: a session row as the user is now, and a token that is its handle. `checkedHash`: the
   * password hash a sign-in checked, which must still be the user's when the session is written. A password
   * changed in between (the check takes ~60 ms) would otherwise leave a session opened with the old password,
   * created after the change and so not ended by it.
   */
  async open(user: User, checkedHash?: string): Promise<OpenedSession> {
    const jti = randomBytes(32).toString('base64url');
    const createdAt = new Date();
    const exp = Math.floor(createdAt.getTime() / 1000) + this.config.jwtExpiresInSeconds;
    const token = await this.jwt.signAsync<SessionClaims>({ sub: user.id, jti, exp });
    const sessionId = sessionIdOf(jti);
    await this.db.write(async (tx) => {
      if (checkedHash !== undefined) {
        const [now] = await tx.query<{ password_hash: string | null }>('SELECT password_hash FROM user_credentials WHERE user_id = ?', [user.id]);
        if (now?.password_hash !== checkedHash) throw new UnauthorizedException('Wrong email or password');
      }
      await insertSession(tx, {
        id: sessionId,
        userId: user.id,
        role: user.role,
        unit: user.unit,
        createdAt: createdAt.toISOString(),
        expiresAt: new Date(exp * 1000).toISOString(),
      });
    });
    return { token, sessionId, user, expiresIn: exp - Math.floor(createdAt.getTime() / 1000) };
  }

  /**
   * The one way from a token to a user, for the API's bearer and the web's
   * cookie alike: a valid signature and `exp`, then a session that is still
   * open and a user who is still as the session was opened. The user comes
   * from the users row, so a new name or language shows at once.
   */
  async authenticate(token: string): Promise<SignedIn> {
    let claims: Partial<SessionClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<SessionClaims>>(token);
    } catch (e) {
      throw new SessionRefused((e as Error).name === 'TokenExpiredError' ? 'The token has expired; sign in again' : 'The token is not valid; sign in again');
    }
    // jsonwebtoken only checks `exp` when there is one: a token without it would never expire.
    if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || typeof claims.sub !== 'string') {
      throw new SessionRefused('The token is not valid: it lacks an expiry or a session; sign in again');
    }
    const sessionId = sessionIdOf(claims.jti);
    const row = this.lookups ? await this.lookups.load(sessionId) : await findSessionWithUser(this.db, sessionId);
    if (sessionEnd(row, claims.sub, new Date()) !== null) throw new SessionRefused(SESSION_ENDED);
    const u = row!;
    return {
      sessionId,
      user: { id: u.id!, email: u.email!, name: u.name!, role: u.role!, unit: u.unit ?? null, language: u.language! },
    };
  }

  /** Like authenticate, but "no session" instead of an error: for pages anyone may see. */
  async tryAuthenticate(token: string | undefined): Promise<SignedIn | null> {
    if (!token) return null;
    try {
      return await this.authenticate(token);
    } catch (e) {
      if (e instanceof SessionRefused) return null;
      throw e;
    }
  }

  /** Ends one session (signing out): its token stops working at once. */
  async end(sessionId: string, reason: RevokeReason): Promise<void> {
    const at = new Date().toISOString();
    await this.db.write((tx) => revokeSession(tx, sessionId, reason, at));
  }

  /** Ends every session of a user. */
  async endAllOf(userId: string, reason: RevokeReason): Promise<void> {
    const at = new Date().toISOString();
    await this.db.write((tx) => revokeSessionsOf(tx, userId, reason, at));
  }
}
