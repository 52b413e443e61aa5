import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('refuses the hit over the limit within the window', () => {
    const limiter = new RateLimiter(3, 60_000);
    const t = 1_000_000_000_000;
    expect([limiter.take('u', t), limiter.take('u', t + 1), limiter.take('u', t + 2), limiter.take('u', t + 3)]).toEqual([true, true, true, false]);
    expect(limiter.take('other', t + 3)).toBe(true);
  });

  it('lets hits through again once the window has slid past them', () => {
    const limiter = new RateLimiter(2, 60_000);
    const t = 1_000_000_020_000;
    limiter.hit('u', t);
    limiter.hit('u', t);
    expect(limiter.blocked('u', t + 1000)).toBe(true);
    expect(limiter.blocked('u', t + 125_000)).toBe(false);
  });

  it('forgets a key on reset', () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.hit('u');
    expect(limiter.blocked('u')).toBe(true);
    limiter.reset('u');
    expect(limiter.blocked('u')).toBe(false);
  });
});
