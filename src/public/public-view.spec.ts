import type { RecommendationDetail } from '../recommendations/recommendation.views';
import { redactEmails, toPublicRecommendation } from './public-view';

const detail = {
  id: 'r', reviewId: 'v', code: 'R2', title: 'Uppsökande verksamhet', status: 'in_progress', responsibleUnit: 'sfi', progressPercent: 40,
  actionCount: 1, openActionCount: 1, overdueActionCount: 0, lastChangedAt: '2012-06-01T08:00:00.000Z', version: 4,
  text: 'Fråga anna.berg@stockholm.se', textEn: null,
  decision: { decision: 'accepted', reason: 'Intern motivering', meeting: null, decidedAt: '2012-05-22T10:00:00.000Z' },
  assessment: null,
  actions: [{
    id: 'a', title: 'Team, kontakt: team@stad.se', description: 'intern', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local',
    dueDate: '2012-08-31', originalDueDate: '2012-08-31', status: 'in_progress', progressPercent: 40, overdue: false,
    updates: [{ at: '2012-06-01T08:00:00.000Z', by: 'handlaggare.sfi@demo.local', progressPercent: 40, note: 'Ring Hanna', evidence: [] }],
  }],
} as unknown as RecommendationDetail;

describe('the public view of a recommendation', () => {
  it('keeps what was decided and done, never who: no owner, no author, no notes, no addresses', () => {
    const view = toPublicRecommendation(detail, '[borttagen]');
    expect(view).toEqual({
      code: 'R2', title: 'Uppsökande verksamhet', text: 'Fråga [borttagen]', textEn: null, status: 'in_progress', progressPercent: 40, decidedOn: '2012-05-22',
      actions: [{ title: 'Team, kontakt: [borttagen]', status: 'in_progress', progressPercent: 40, dueDate: '2012-08-31', overdue: false }],
    });
    expect(JSON.stringify(view)).not.toMatch(/@|Ring Hanna|Intern/);
  });

  it('redacts every address in a text', () => {
    expect(redactEmails('a@b.se och c.d@e-f.org.', 'X')).toBe('X och X.');
  });
});
