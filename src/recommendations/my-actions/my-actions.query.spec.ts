import type { Actor } from '../../kernel/actor';
import type { ActionState, RecommendationState } from '../domain/recommendation.state';
import { myActions } from './my-actions.query';

const action = (id: string, over: Partial<ActionState>): ActionState => ({
  id, title: id, description: null, responsibleUnit: 'sfi', ownerEmail: 'hanna@demo.local', dueDate: '2012-09-30', originalDueDate: '2012-09-30',
  status: 'planned', progressPercent: 0, addedAt: '2012-03-01T08:00:00.000Z', completedAt: null, updates: [], ...over,
});
const rec = (code: string, actions: ActionState[]) => ({ id: code, code, title: code, actions } as unknown as RecommendationState);
const hanna: Actor = { id: '1', email: 'Hanna@demo.local', name: 'Hanna', role: 'officer', unit: 'sfi' };

describe('my actions', () => {
  it("lists the open actions I own or my unit has: overdue first, then by due date", () => {
    const states = [
      rec('R2', [action('late', { dueDate: '2012-05-31' }), action('done', { status: 'completed', dueDate: '2012-01-01' }), action('later', { dueDate: '2012-10-31' })]),
      rec('R3', [action('soon', { dueDate: '2012-06-15', ownerEmail: 'chef@demo.local' }), action('other unit', { responsibleUnit: 'utredning', ownerEmail: 'x@demo.local' })]),
      rec('R4', [action('mine elsewhere', { responsibleUnit: 'utredning', dueDate: '2012-07-01' }), action('later late', { dueDate: '2012-06-01' })]),
    ];
    expect(myActions(states, hanna, '2012-06-10').map((a) => [a.title, a.overdue])).toEqual([
      ['late', true],
      ['later late', true],
      ['soon', false],
      ['mine elsewhere', false],
      ['later', false],
    ]);
  });
});
