import { prefersJob } from './generate-report.request';

describe('Prefer: respond-async asks for a job', () => {
  it.each([
    ['respond-async', true],
    ['Respond-Async', true],
    ['wait=10, respond-async', true],
    ['respond-async; wait=5', true],
    [['return=minimal', 'respond-async'], true],
    ['return=minimal', false],
    ['respond-asynchronously', false],
    [undefined, false],
  ])('%j → %s', (header, job) => {
    expect(prefersJob(header as string | string[] | undefined)).toBe(job);
  });
});
