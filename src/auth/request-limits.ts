import { HttpException, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { currentRequest } from '../kernel/request-context';
import { BoundedMemoryLimiter } from './bounded-memory-limiter';
import { normalEmail } from '../kernel/email-address';

/** 429 with the seconds to wait, sent as Retry-After. */
export class TooManyRequests extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}

const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const FAILURES_PER_ACCOUNT = 10;
/** Password links asked for one address, and from one client address, within the sign-in window: enough for a lost mail or two, too few to flood an inbox. */
const RESET_LINKS_PER_ACCOUNT = 3;
const RESET_LINKS_PER_ADDRESS = 30;
/**
 * A Redis that stalls must not stall requests: past this the command fails
 * and the in-process limiter answers instead.
 */
const REDIS_COMMAND_TIMEOUT_MS = 250;
/** Keys each in-process fallback remembers; about 150 bytes each. */
const FALLBACK_MAX_KEYS = 50_000;

/**
 * Every request limit in one place: per signed-in user, per address for
 * requests without a session, and failed sign-ins per account and per
 * address. The guards (API and web) call it once they know who is asking.
 *
 * The counters live in Redis (fixed windows under `${REDIS_PREFIX}:limits:`,
 * expiring with their window), so several instances share one budget per user
 * and the process holds nothing per key. When Redis is unreachable each
 * limiter falls back at once to an in-memory one of the same size: requests
 * are still limited, per process, and never wait for Redis (no offline
 * queue, a short command timeout). The in-memory counters are capped in
 * number (FALLBACK_MAX_KEYS per limiter), so memory stays bounded whatever
 * the number of addresses. Failed sign-ins are counted in both at once
 * (FailureCount), so a slow Redis cannot hide failures already made.
 */
@Injectable()
export class RequestLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('RequestLimits');
  private readonly signIns = new Logger('SignIn');
  private readonly redis: Redis;
  private readonly perUser: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;
  private readonly accountFailures: FailureCount;
  private readonly addressFailures: FailureCount;
  private readonly resetsPerAccount: RateLimiterRedis;
  private readonly resetsPerAddress: RateLimiterRedis;
  private redisDown = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      // Keep trying in the background, so limits are shared again as soon as Redis is back.
      retryStrategy: (attempt) => Math.min(attempt * 500, 10_000),
    });
    this.redis.on('error', (error: Error) => {
      if (this.redisDown) return;
      this.redisDown = true;
      this.logger.warn(`Redis for request limits is unreachable (${error.message}); limiting per process until it is back`);
    });
    this.redis.on('ready', () => {
      if (this.redisDown) this.logger.log('Redis for request limits is back; limits are shared again');
      this.redisDown = false;
    });
    const inProcess = (name: string, points: number, duration: number) => new BoundedMemoryLimiter({ keyPrefix: name, points, duration, maxKeys: FALLBACK_MAX_KEYS });
    const limiter = (name: string, points: number, duration: number, insured = true) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        rejectIfRedisNotReady: true,
        keyPrefix: `${config.redisPrefix}:limits:${name}`,
        points,
        duration,
        ...(insured ? { insuranceLimiter: inProcess(name, points, duration) } : {}),
      });
    const failures = (name: string, points: number) =>
      new FailureCount(limiter(name, points, SIGN_IN_WINDOW_SECONDS, false), inProcess(name, points, SIGN_IN_WINDOW_SECONDS));
    this.perUser = limiter('user', config.rateLimitPerMinute, 60);
    this.perAddress = limiter('address', config.anonRateLimitPerMinute, 60);
    this.accountFailures = failures('sign-in-account', FAILURES_PER_ACCOUNT);
    this.addressFailures = failures('sign-in-address', config.loginFailuresPerAddress);
    this.resetsPerAccount = limiter('password-reset-account', RESET_LINKS_PER_ACCOUNT, SIGN_IN_WINDOW_SECONDS);
    this.resetsPerAddress = limiter('password-reset-address', RESET_LINKS_PER_ADDRESS, SIGN_IN_WINDOW_SECONDS);
  }

  /** One request of a signed-in user; 429 over RATE_LIMIT_PER_MINUTE. */
  async user(userId: string): Promise<void> {
    await this.take(this.perUser, userId, 'Too many requests: slow down and try again in a minute');
  }

  /** One request without a session, from this address; 429 over ANON_RATE_LIMIT_PER_MINUTE. */
  async anonymous(address: string): Promise<void> {
    await this.take(this.perAddress, addressKey(address), 'Too many requests from this address: slow down and try again in a minute');
  }

  /**
   * Before a password is checked: the attempt is counted as a failure of the account and of the address first,
   * and 429 when that takes either past its limit; passwordRight gives it back once the password proves right.
   * Counted only after the check, a burst of parallel guesses all read the count before any of them added to
   * it: 60 at once had 28 passwords checked against a limit of 10.
   */
  async beforeSignIn(account: string, address: string): Promise<void> {
    const [byAccount, byAddress] = await Promise.all([this.accountFailures.reserve(accountKey(account)), this.addressFailures.reserve(addressKey(address))]);
    const refuse = (res: RateLimiterRes, message: string, limiter: FailureCount) => {
      this.signIns.warn({ msg: 'sign-in refused: too many failures', account: normalAccount(account), address, limit: limiter.points });
      throw new TooManyRequests(message, retryAfter(res));
    };
    if (byAccount.consumedPoints > this.accountFailures.points) {
      refuse(byAccount, 'Too many failed sign-in attempts for this account; try again in 15 minutes', this.accountFailures);
    }
    if (byAddress.consumedPoints > this.addressFailures.points) {
      refuse(byAddress, 'Too many failed sign-in attempts from this address; try again in 15 minutes', this.addressFailures);
    }
  }

  /**
   * One request for a password link: 429 over 3 per account or 30 per client
   * address in 15 minutes. Counted whether or not the account exists, so the
   * refusal tells nothing about it either.
   */
  async passwordReset(account: string, address: string): Promise<void> {
    await this.take(this.resetsPerAddress, addressKey(address), 'Too many password links asked for from this address; try again in 15 minutes');
    await this.take(this.resetsPerAccount, accountKey(account), 'Too many password links asked for this address; try again in 15 minutes');
  }

  /** A wrong password: already counted by beforeSignIn, and logged here. */
  signInFailed(account: string, address: string): void {
    this.signIns.warn({ msg: 'sign-in failed', account: normalAccount(account), address });
  }

  /** The password was right: the account's failures start over, and the address's count loses this attempt. */
  async passwordRight(account: string, address: string): Promise<void> {
    await Promise.all([this.accountFailures.clear(accountKey(account)), this.addressFailures.giveBack(addressKey(address))]);
  }

  async signInSucceeded(account: string, address: string): Promise<void> {
    this.signIns.log({ msg: 'signed in', account: normalAccount(account), address: currentRequest()?.address ?? address });
    await this.passwordRight(account, address);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private async take(limiter: RateLimiterRedis, key: string, message: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw new TooManyRequests(message, retryAfter(refusal));
      // Both Redis and the in-memory fallback failed: let the request through rather than refuse everyone.
      this.logger.error(`Request limit not checked: ${(refusal as Error)?.message ?? String(refusal)}`);
    }
  }
}

/**
 * Failed sign-ins, counted both in Redis (shared by every instance) and in
 * this process. An attempt is counted in both before its password is
 * checked; what decides is Redis's count, which every instance adds to and a
 * right password on any of them clears, and when Redis does not answer (down,
 * or a command past REDIS_COMMAND_TIMEOUT_MS, which a busy event loop alone
 * can cause) this process's count, which holds every attempt made here. Unlike
 * the request budgets, which let a request through when Redis is slow, a
 * failure is never left uncounted.
 */
class FailureCount {
  constructor(
    private readonly shared: RateLimiterRedis,
    private readonly local: BoundedMemoryLimiter,
  ) {}

  get points(): number {
    return this.shared.points;
  }

  /** Counts one attempt, and answers the count with it: Redis's, or this process's when Redis did not answer. */
  async reserve(key: string): Promise<RateLimiterRes> {
    const [shared, local] = await Promise.all([this.shared.penalty(key).catch(() => null), this.local.penalty(key)]);
    return shared ?? local;
  }

  async giveBack(key: string): Promise<void> {
    await Promise.all([this.shared.reward(key).catch(() => undefined), this.local.reward(key)]);
  }

  async clear(key: string): Promise<void> {
    await Promise.all([this.shared.delete(key).catch(() => undefined), this.local.delete(key)]);
  }
}

const retryAfter = (res: RateLimiterRes): number => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

const normalAccount = normalEmail;

/** Accounts are hashed: the keys stay short however long the input, and Redis holds no email addresses. */
const accountKey = (account: string): string => createHash('sha256').update(normalAccount(account)).digest('base64url').slice(0, 32);

/**
 * IPv6 clients usually hold a whole /64, so one address each would let a
 * client rotate through billions: IPv6 addresses count per /64. IPv4-mapped
 * addresses count as the IPv4 address they are.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
