import type { Actor } from '../../kernel/actor';
import { DomainError } from '../../kernel/domain-error';
import { decideReview, evolveReview, type ReviewCommand, type ReviewState } from './review';

const secretary: Actor = { id: 's', email: 'sekreterare@demo.local', name: 'Sekreterare', role: 'secretary', unit: null };
const officer: Actor = { ...secretary, id: 'o', role: 'officer', unit: 'sfi' };

const register: ReviewCommand = {
  type: 'RegisterReview',
  reviewId: 'r',
  title: 'MIXITIES peer review Stockholm 2011',
  reviewer: 'EUROCITIES',
  reviewedOn: '2011-09-30',
  committee: 'Arbetsmarknadsnämnden',
  diaryNumber: null,
};

function given(...commands: ReviewCommand[]): ReviewState {
  return commands.reduce<ReviewState | null>(
    (state, command) =>
      decideReview(command, state, secretary).reduce<ReviewState>((s, e) => evolveReview(s, { ...e, occurredAt: '2012-06-12T10:00:00.000Z', actorEmail: secretary.email }), state as ReviewState),
    null,
  )!;
}

describe('review rules', () => {
  it('a secretary registers a review and records the committee decision on it', () => {
    const state = given(register, { type: 'RecordReviewDecision', decisionId: 'd', text: 'Nämnden godkänner rapporten', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-06-12' } });
    expect(state.decisions).toEqual([
      { id: 'd', text: 'Nämnden godkänner rapporten', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-06-12' }, proposed: false, recordedAt: '2012-06-12T10:00:00.000Z' },
    ]);
    expect(state.version).toBe(2);
  });

  it('an officer may not register reviews', () => {
    expect(() => decideReview(register, null, officer)).toThrow(DomainError);
  });

  it('a review is registered once', () => {
    expect(() => decideReview(register, given(register), secretary)).toThrow(/already exists/);
  });
});
