import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { RateLimiter } from './rate-limiter';

/** 429 with the seconds to wait, sent as Retry-After. */
export class TooManyRequests extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

/**
 * Every request limit in one place: per signed-in user, per address for
 * requests without a session, and failed sign-ins per account and per
 * address. The guards (API and web) call it once they know who is asking.
 *
 * INTERIM: in-memory stand-in with the final interface; to be replaced by a
 * maintained library with bounded memory, shared through Redis.
 */
@Injectable()
export class RequestLimits {
  private readonly perUser: RateLimiter;
  private readonly perAddress: RateLimiter;
  private readonly accountFailures = new RateLimiter(10, 15 * 60_000);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.perUser = new RateLimiter(config.rateLimitPerMinute, 60_000);
    this.perAddress = new RateLimiter(600, 60_000);
  }

  /** One request of a signed-in user; 429 over RATE_LIMIT_PER_MINUTE. */
  async user(userId: string): Promise<void> {
    if (!this.perUser.take(userId)) throw new TooManyRequests('Too many requests: slow down and try again in a minute', 60);
  }

  /** One request without a session, from this address; 429 over ANON_RATE_LIMIT_PER_MINUTE. */
  async anonymous(address: string): Promise<void> {
    if (!this.perAddress.take(address)) throw new TooManyRequests('Too many requests: slow down and try again in a minute', 60);
  }

  /** Before a password is checked: 429 while the account or the address has too many recent failures. */
  async beforeSignIn(account: string, _address: string): Promise<void> {
    if (this.accountFailures.blocked(account)) {
      throw new TooManyRequests('Too many failed sign-in attempts for this account; try again in 15 minutes', 15 * 60);
    }
  }

  async signInFailed(account: string, _address: string): Promise<void> {
    this.accountFailures.hit(account);
  }

  async signInSucceeded(account: string): Promise<void> {
    this.accountFailures.reset(account);
  }
}
