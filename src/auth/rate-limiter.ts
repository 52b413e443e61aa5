/**
 * Counts hits per key in a sliding window, in memory and in constant time per
 * hit: the previous fixed window's count is weighted by how much of it still
 * overlaps the sliding window. Enough for one process: a limit exists to slow
 * down a runaway script or a password guesser, not to account precisely
 * across instances.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number; previous: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** True when the key is already at its limit. */
  blocked(key: string, now = Date.now()): boolean {
    return this.estimate(key, now) >= this.limit;
  }

  hit(key: string, now = Date.now()): void {
    const w = this.window(key, now);
    w.count++;
  }

  /** Counts a hit unless the key is at its limit; false when refused. */
  take(key: string, now = Date.now()): boolean {
    if (this.blocked(key, now)) return false;
    this.hit(key, now);
    return true;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private estimate(key: string, now: number): number {
    const w = this.window(key, now);
    const overlap = 1 - (now - w.start) / this.windowMs;
    return w.count + w.previous * overlap;
  }

  private window(key: string, now: number) {
    const start = now - (now % this.windowMs);
    let w = this.windows.get(key);
    if (!w) {
      w = { start, count: 0, previous: 0 };
      this.windows.set(key, w);
    } else if (w.start !== start) {
      w.previous = start - w.start === this.windowMs ? w.count : 0;
      w.start = start;
      w.count = 0;
    }
    return w;
  }
}
