import { RateLimiterCompatibleAbstract, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * The per-process fallback of a Redis limiter: fixed windows like the Redis
 * one, in a Map that forgets its least recently used keys beyond `maxKeys`.
 *
 * Why not the library's RateLimiterMemory: it keeps a timer per key and no
 * bound on the number of keys; measured here, 200,000 addresses within one
 * minute cost it 85 MB. This one holds at most `maxKeys` small records and no
 * timers; a key pushed out by a flood of others simply starts counting anew,
 * which only ever favours a client that already controls that many addresses.
 */
export class BoundedMemoryLimiter extends RateLimiterCompatibleAbstract {
  private readonly windows = new Map<string, { consumed: number; endsAt: number }>();
  private readonly msDuration: number;

  constructor(
    private readonly options: { keyPrefix: string; points: number; duration: number; maxKeys: number },
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.msDuration = options.duration * 1000;
    // The base class declares these as accessors that throw; the insured Redis limiter sets and reads them.
    Object.defineProperties(this, {
      keyPrefix: { value: options.keyPrefix, enumerable: true },
      blockDuration: { value: 0, writable: true, enumerable: true },
      execEvenly: { value: false, writable: true, enumerable: true },
    });
  }

  get size(): number {
    return this.windows.size;
  }

  async consume(key: string | number, points = 1): Promise<RateLimiterRes> {
    const res = this.add(String(key), points);
    if (res.consumedPoints > this.options.points) throw res;
    return res;
  }

  async penalty(key: string | number, points = 1): Promise<RateLimiterRes> {
    return this.add(String(key), points);
  }

  async reward(key: string | number, points = 1): Promise<RateLimiterRes> {
    return this.add(String(key), -points);
  }

  async get(key: string | number): Promise<RateLimiterRes | null> {
    const window = this.current(String(key));
    return window ? this.result(window) : null;
  }

  async set(key: string | number, points: number, secDuration: number): Promise<RateLimiterRes> {
    return this.put(String(key), points, secDuration > 0 ? secDuration * 1000 : this.msDuration);
  }

  async block(key: string | number, secDuration: number): Promise<RateLimiterRes> {
    return this.put(String(key), this.options.points + 1, secDuration > 0 ? secDuration * 1000 : this.msDuration);
  }

  async delete(key: string | number): Promise<boolean> {
    return this.windows.delete(String(key));
  }

  private add(key: string, points: number): RateLimiterRes {
    const window = this.current(key);
    if (!window) return this.put(key, points, this.msDuration, true);
    window.consumed += points;
    // Re-inserted so that Map order stays least recently used first.
    this.windows.delete(key);
    this.windows.set(key, window);
    return this.result(window);
  }

  private put(key: string, consumed: number, ms: number, first = false): RateLimiterRes {
    const window = { consumed, endsAt: this.now() + ms };
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > this.options.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
    return this.result(window, first);
  }

  private current(key: string) {
    const window = this.windows.get(key);
    if (window && window.endsAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private result(window: { consumed: number; endsAt: number }, first = false): RateLimiterRes {
    return new RateLimiterRes(Math.max(this.options.points - window.consumed, 0), Math.max(window.endsAt - this.now(), 0), window.consumed, first);
  }
}
