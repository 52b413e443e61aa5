import { claimDecision, CLAIM_LEASE_MS } from './claim-decision';

const now = '2012-04-17T06:05:00.000Z';
const row = (status: string, sendAt = '2012-04-17T06:00:00.000Z', claimedAt: string | null = null) =>
  ({ status, send_at: sendAt, claimed_at: claimedAt }) as Parameters<typeof claimDecision>[0];

describe('what a reminder job does with its row', () => {
  it('a due, scheduled reminder is claimed', () => {
    expect(claimDecision(row('scheduled'), now)).toEqual({ type: 'claim' });
  });

  it('a reminder already sent, skipped or failed is left alone: a job that runs twice sends once', () => {
    for (const status of ['sent', 'skipped', 'failed']) expect(claimDecision(row(status), now)).toEqual({ type: 'done', status });
  });

  it('a job that starts before the send time by the application clock waits the rest', () => {
    expect(claimDecision(row('scheduled', '2012-04-17T07:05:00.000Z'), now)).toEqual({ type: 'early', waitMs: 3_600_000 });
  });

  it('a reminder another worker is sending is waited for while its claim holds', () => {
    expect(claimDecision(row('sending', undefined, '2012-04-17T06:04:00.000Z'), now)).toEqual({ type: 'busy', waitMs: CLAIM_LEASE_MS - 60_000 });
  });

  it('a claim older than the lease was interrupted: it is not sent again, for it may already have gone out', () => {
    expect(claimDecision(row('sending', undefined, '2012-04-17T06:00:00.000Z'), now)).toEqual({ type: 'interrupted', claimedAt: '2012-04-17T06:00:00.000Z' });
  });

  it('an unknown reminder is missing', () => {
    expect(claimDecision(null, now)).toEqual({ type: 'missing' });
  });
});
