import type { Logger } from '@nestjs/common';
import { CoalescingLoop } from './coalescing-loop';

function recordingLogger() {
  const lines: string[] = [];
  const logger = { log: (m: string) => lines.push(`log ${m}`), warn: (m: string) => lines.push(`warn ${m}`) } as unknown as Logger;
  return { lines, logger };
}

describe('a background loop that is kicked', () => {
  it('runs kicks that arrive during a pass as one more pass, not one each', async () => {
    const { logger } = recordingLogger();
    let passes = 0;
    let release!: () => void;
    let began!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const firstBegan = new Promise<void>((resolve) => (began = resolve));
    const pass = async () => {
      if (++passes > 1) return;
      began();
      await first;
    };
    const loop = new CoalescingLoop({ what: 'Work', intervalMs: 60_000, logger, pass });
    loop.start();
    await firstBegan;
    loop.kick();
    loop.kick();
    loop.kick();
    release();
    await loop.idle();
    await loop.stop();
    expect(passes).toBe(2);
  });

  it('reports a failure once while it repeats, says when it works again, and never rejects', async () => {
    const { lines, logger } = recordingLogger();
    const outcomes = ['down', 'down', 'ok'];
    const loop = new CoalescingLoop({
      what: 'Relay paused',
      recovered: 'Relay works again',
      intervalMs: 60_000,
      logger,
      pass: async () => {
        if (outcomes.shift() === 'down') throw new Error('Redis is down');
      },
    });
    loop.start();
    await loop.idle();
    expect(loop.problem).toBe('Redis is down');
    loop.kick();
    await loop.idle();
    loop.kick();
    await loop.idle();
    await loop.stop();
    expect(loop.problem).toBeNull();
    expect(lines).toEqual(['warn Relay paused: Redis is down', 'log Relay works again']);
  });

  it('does nothing when kicked before it is started or after it is stopped', async () => {
    const { logger } = recordingLogger();
    let passes = 0;
    const loop = new CoalescingLoop({ what: 'Work', intervalMs: 60_000, logger, pass: async () => void passes++ });
    loop.kick();
    await loop.idle();
    loop.start();
    await loop.idle();
    await loop.stop();
    loop.kick();
    await loop.idle();
    expect(passes).toBe(1);
  });
});
