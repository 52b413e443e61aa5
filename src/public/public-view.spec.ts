import type { RecommendationDetail } from '../recommendations/recommendation.views';
import { redactEmails, toPublicRecommendation } from './public-view';

const action = (id: string, status: string, publicSummary: unknown) => ({
  id, title: 'Ring Hanna Handläggare', description: 'intern beskrivning', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local',
  dueDate: '2012-08-31', originalDueDate: '2012-08-31', status, progressPercent: 40, overdue: false, publicSummary,
  updates: [{ at: '2012-06-01T08:00:00.000Z', by: 'handlaggare.sfi@demo.local', progressPercent: 40, note: 'Ring Hanna', evidence: [] }],
});

const detail = {
  id: 'r', reviewId: 'v', code: 'R2', title: 'Uppsökande verksamhet', status: 'in_progress', responsibleUnit: 'sfi', progressPercent: 40,
  actionCount: 3, openActionCount: 2, overdueActionCount: 0, lastChangedAt: '2012-06-01T08:00:00.000Z', version: 4,
  text: 'Utveckla den uppsökande verksamheten', textEn: null,
  decision: { decision: 'accepted', reason: 'Ingår i planen, fråga anna.berg@stockholm.se', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-05-22', paragraph: '§ 7' }, decidedAt: '2012-05-22T10:00:00.000Z' },
  assessment: null,
  publicSummary: { text: 'Arbetet har börjat.', textEn: 'Work has started.', publishedAt: '2012-06-02T08:00:00.000Z', publishedBy: 'sekreterare@demo.local' },
  actions: [
    action('a', 'in_progress', { text: 'Staden kartlägger stadsdelarna.', textEn: null, publishedAt: '2012-06-02T08:00:00.000Z', publishedBy: 'sekreterare@demo.local' }),
    action('b', 'planned', null),
    action('c', 'cancelled', null),
  ],
} as unknown as RecommendationDetail;

describe('the public view of a recommendation', () => {
  it('shows the decision with its reason and meeting, and the published summaries; nothing staff typed, no one who published', () => {
    const view = toPublicRecommendation(detail, '[borttagen]');
    expect(view).toEqual({
      reviewId: 'v', code: 'R2', title: 'Uppsökande verksamhet', text: 'Utveckla den uppsökande verksamheten', textEn: null, status: 'in_progress', progressPercent: 40,
      decision: { outcome: 'accepted', reason: 'Ingår i planen, fråga [borttagen]', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-05-22', paragraph: '§ 7' }, decidedOn: '2012-05-22' },
      summary: { text: 'Arbetet har börjat.', textEn: 'Work has started.', publishedAt: '2012-06-02T08:00:00.000Z' },
      actions: [{ summary: { text: 'Staden kartlägger stadsdelarna.', textEn: null, publishedAt: '2012-06-02T08:00:00.000Z' }, status: 'in_progress', progressPercent: 40, dueDate: '2012-08-31', overdue: false }],
      unpublishedActionCount: 1,
    });
    expect(JSON.stringify(view)).not.toMatch(/@|Hanna|intern|sekreterare/);
  });

  it('redacts every address in a text, also one written with a full-width or small at sign', () => {
    expect(redactEmails('a@b.se och c.d@e-f.org.', 'X')).toBe('X och X.');
    expect(redactEmails('fråga anna.berg＠stockholm.se eller olle﹫stockholm．se', 'X')).toBe('fråga X eller X');
  });

  it("takes an address out of the meeting's words too (they were typed by staff, and shown as they were)", () => {
    const typed = { ...detail, decision: { ...detail.decision!, meeting: { body: 'AMN chef.sfi@demo.local', date: '2012-05-22', paragraph: '§ 7 (anna＠stockholm.se)' } } } as RecommendationDetail;
    const view = toPublicRecommendation(typed, '[borttagen]');
    expect(view.decision!.meeting).toEqual({ body: 'AMN [borttagen]', date: '2012-05-22', paragraph: '§ 7 ([borttagen])' });
  });
});
