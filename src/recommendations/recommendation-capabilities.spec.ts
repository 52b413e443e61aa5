import type { Actor } from '../kernel/actor';
import type { RecommendationState } from './domain/recommendation.state';
import { recommendationCapabilities } from './recommendation-capabilities';

const actor = (role: Actor['role'], unit: string | null = null): Actor => ({ id: role, email: `${role}@demo.local`, name: role, role, unit });
const state = (status: RecommendationState['status']): RecommendationState => ({
  id: 'r', reviewId: 'v', code: 'R2', title: 'R2', text: '', textEn: null, responsibleUnit: 'sfi', status, decision: null, assessment: null, version: 3, lastChangedAt: '',
  actions: [{ id: 'a', title: 'a', description: null, responsibleUnit: 'sfi', ownerEmail: 'x@demo.local', dueDate: '2012-08-31', originalDueDate: '2012-08-31', status: 'in_progress', progressPercent: 10, addedAt: '', completedAt: null, updates: [] }],
});

describe('which recommendation writes the UI offers, as the domain decides them', () => {
  it('offers an officer the writes on their own unit and none on another', () => {
    const own = recommendationCapabilities(state('in_progress'), actor('officer', 'sfi'));
    expect(own).toMatchObject({ addAction: true, decisions: [], assessments: [], reopen: false, actions: { a: { progress: true, reschedule: true, complete: true, cancel: true } } });
    const foreign = recommendationCapabilities(state('in_progress'), actor('officer', 'utredning'));
    expect(foreign).toMatchObject({ addAction: false, actions: { a: { progress: false, reschedule: false, complete: false, cancel: false } } });
  });

  it('offers a secretary only the decisions the status allows, and an auditor nothing', () => {
    expect(recommendationCapabilities(state('received'), actor('secretary')).decisions).toEqual(['accepted', 'rejected', 'deferred']);
    expect(recommendationCapabilities(state('deferred'), actor('secretary')).decisions).toEqual(['accepted', 'rejected']);
    expect(recommendationCapabilities(state('implemented'), actor('secretary'))).toMatchObject({ decisions: [], assessments: [], reopen: true, addAction: false });
    expect(recommendationCapabilities(state('in_progress'), actor('auditor'))).toMatchObject({
      addAction: false, decisions: [], assessments: [], reopen: false, actions: { a: { progress: false, reschedule: false, complete: false, cancel: false } },
    });
  });
});
