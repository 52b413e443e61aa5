import { clockMoved, relayDelay } from './relay-delay';

describe('delays of relayed jobs', () => {
  it('a job waits until its send time by the application clock', () => {
    expect(relayDelay('2012-04-17T06:00:00.000Z', new Date('2012-04-17T05:00:00.000Z'))).toBe(3_600_000);
  });

  it('a job whose time has passed runs at once', () => {
    expect(relayDelay('2012-04-17T06:00:00.000Z', new Date('2012-04-20T06:00:00.000Z'))).toBe(0);
  });

  it('the clock counts as moved on the first look and after a jump, not for a few milliseconds of drift', () => {
    expect(clockMoved(null, 0)).toBe(true);
    expect(clockMoved(-1000, -1010)).toBe(false);
    expect(clockMoved(-1000, 7 * 24 * 3_600_000)).toBe(true);
  });
});
