import { RateLimiterRes } from 'rate-limiter-flexible';
import { BoundedMemoryLimiter } from './bounded-memory-limiter';
import { addressKey } from './request-limits';

describe('the in-process fallback limiter', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('lets the allowed number through in a window, refuses the next with the time left, and starts anew after the window', async () => {
    const time = clock();
    const limiter = new BoundedMemoryLimiter({ keyPrefix: 'user', points: 2, duration: 60, maxKeys: 10 }, time.now);
    await limiter.consume('u1');
    time.advance(10_000);
    await limiter.consume('u1');
    const refused = await limiter.consume('u1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).msBeforeNext).toBe(50_000);
    await expect(limiter.consume('u2')).resolves.toBeInstanceOf(RateLimiterRes);
    time.advance(50_000);
    await expect(limiter.consume('u1')).resolves.toMatchObject({ consumedPoints: 1 });
  });

  it('counts penalties, reads them back and forgets a deleted key', async () => {
    const limiter = new BoundedMemoryLimiter({ keyPrefix: 'fail', points: 3, duration: 900, maxKeys: 10 });
    expect(await limiter.get('a')).toBeNull();
    await limiter.penalty('a');
    await limiter.penalty('a');
    expect((await limiter.get('a'))?.consumedPoints).toBe(2);
    expect(await limiter.delete('a')).toBe(true);
    expect(await limiter.get('a')).toBeNull();
  });

  it('never holds more than maxKeys keys, forgetting the least recently used', async () => {
    const limiter = new BoundedMemoryLimiter({ keyPrefix: 'address', points: 5, duration: 60, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) await limiter.consume(key);
    await limiter.consume('a');
    await limiter.consume('d');
    expect(limiter.size).toBe(3);
    expect(await limiter.get('b')).toBeNull();
    expect((await limiter.get('a'))?.consumedPoints).toBe(2);
    for (let i = 0; i < 1000; i++) await limiter.consume(`k${i}`);
    expect(limiter.size).toBe(3);
  });

  it('exposes what the Redis limiter reads from its insurance', () => {
    const limiter = new BoundedMemoryLimiter({ keyPrefix: 'user', points: 1, duration: 60, maxKeys: 1 });
    limiter.blockDuration = 0;
    expect([limiter.keyPrefix, limiter.blockDuration, limiter.execEvenly]).toEqual(['user', 0, false]);
  });
});

describe('the address a limit counts', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
