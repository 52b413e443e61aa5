import type { Actor } from '../../kernel/actor';
import { VERKSAMHETSPLAN_2012 } from '../../seed/stockholm-2012';
import { refusal } from '../../../test/support/refusal';
import { decideCycle, evolveCycle, type CycleDefinition } from './cycle';

const admin: Actor = { id: 'a', email: 'admin@demo.local', name: 'Admin', role: 'admin', unit: null };
const secretary: Actor = { ...admin, id: 's', role: 'secretary' };

/** The seed's plan, its reminder days given out of order and twice, as a client might. */
const plan: CycleDefinition = { ...VERKSAMHETSPLAN_2012, reminderDaysBefore: [1, 14, 7, 7] };

describe('planning cycle rules', () => {
  it('an admin creates a cycle; reminder days are kept unique, largest first', () => {
    const [event] = decideCycle({ type: 'CreateCycle', cycleId: 'c', ...plan }, null, admin);
    const state = evolveCycle(null, { ...event, occurredAt: '2012-01-02T08:00:00.000Z', actorEmail: admin.email });
    expect(state).toMatchObject({ id: 'c', name: 'Verksamhetsplan 2012', reminderDaysBefore: [14, 7, 1], version: 1 });
  });

  it('only an admin manages cycles', () => {
    expect(refusal(() => decideCycle({ type: 'CreateCycle', cycleId: 'c', ...plan }, null, secretary)).kind).toBe('forbidden');
  });

  it('a due date before the period end, a reversed period and a duplicate key are each named', () => {
    const bad: CycleDefinition = {
      ...plan,
      milestones: [
        { key: 'T1', name: 'T1', periodStart: '2012-05-01', periodEnd: '2012-04-30', dueDate: '2012-04-01' },
        { key: 'T1', name: 'again', periodStart: '2012-01-01', periodEnd: '2012-02-01', dueDate: '2012-03-01' },
      ],
    };
    const e = refusal(() => decideCycle({ type: 'CreateCycle', cycleId: 'c', ...bad }, null, admin));
    expect(e.kind).toBe('invalid');
    expect(e.details!.map((d) => d.field)).toEqual(['milestones.0.periodEnd', 'milestones.0.dueDate', 'milestones.1.key']);
  });

  it('changing a cycle that does not exist is a not-found', () => {
    expect(refusal(() => decideCycle({ type: 'ChangeCycle', ...plan }, null, admin)).kind).toBe('not_found');
  });
});
