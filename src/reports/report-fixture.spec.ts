import { buildReportModel } from './domain/report-model';
import { syntheticReportInput } from './report-fixture';

describe('the synthetic report input for the benchmark', () => {
  it('has the asked-for number of recommendations, actions and progress notes', () => {
    const input = syntheticReportInput({ recommendations: 7, actionsPerRecommendation: 3, notesPerAction: 4 });
    expect(input.recommendations).toHaveLength(7);
    for (const r of input.recommendations) {
      expect(r.actions).toHaveLength(3);
      for (const a of r.actions) expect(a.updates.filter((u) => u.note.includes('lägesrapport'))).toHaveLength(4);
    }
  });

  it('defaults to 1,000 recommendations × 5 actions × 20 progress notes at Tertialrapport 2', () => {
    const input = syntheticReportInput();
    expect(input.recommendations).toHaveLength(1000);
    expect(input.recommendations.every((r) => r.actions.length === 5)).toBe(true);
    expect(input.recommendations[0].actions[0].updates.filter((u) => u.note.includes('lägesrapport'))).toHaveLength(20);
    expect(input.milestone.key).toBe('T2');
    expect(input.changes.length).toBeGreaterThan(0);
  });

  it('is the same every time it is generated', () => {
    const options = { recommendations: 20 };
    expect(JSON.stringify(syntheticReportInput(options))).toBe(JSON.stringify(syntheticReportInput(options)));
  });

  it('builds a report with overdue, moved, completed and cancelled actions in it', () => {
    const model = buildReportModel(syntheticReportInput({ recommendations: 50 }));
    const actions = model.recommendations.flatMap((r) => r.actions);
    expect(actions.some((a) => a.overdue)).toBe(true);
    expect(actions.some((a) => a.originalDueDate)).toBe(true);
    expect(actions.some((a) => a.status === 'completed')).toBe(true);
    expect(actions.some((a) => a.status === 'cancelled')).toBe(true);
    expect(model.changes.some((c) => c.kind === 'action_rescheduled' && c.reason)).toBe(true);
  });
});
