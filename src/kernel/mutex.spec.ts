import { Mutex } from './mutex';

describe('Mutex', () => {
  it('runs overlapping tasks one at a time, in the order they asked', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const task = (name: string, ms: number) =>
      mutex.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([task('a', 20), task('b', 1), task('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('goes on after a task fails', async () => {
    const mutex = new Mutex();
    await expect(mutex.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run(async () => 'next')).resolves.toBe('next');
  });
});
