import { stockholmHistory, t1InputOf } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { buildReportModel } from './report-model';

/** Issue #12: a claimed action is not done, and a cancelled one is not shown as work done. */
describe('the report model, given an action claimed as completed and one cancelled', () => {
  const R2 = '6f1c2a4e-0d1b-4c39-9a51-2f7d6c1e0012';
  const history = stockholmHistory();
  history.record(R2, '2012-04-27T09:00:00.000Z', 'handlaggare.sfi@demo.local', {
    type: 'ActionCompletionClaimed',
    data: { actionId: 'a-r2-informationstraffar', note: 'Båda träffarna hölls; 80 deltagare.' },
  });
  const model = buildReportModel(t1InputOf(history));
  const action = (code: string, id: string) => model.recommendations.find((r) => r.code === code)!.actions.find((a) => a.id === id)!;

  it('when the report is built, then the claimed action is "Väntar på godkännande", counted apart from the completed ones', () => {
    expect(action('R2', 'a-r2-informationstraffar')).toMatchObject({ status: 'completion_claimed', statusText: 'Väntar på godkännande', progressPercent: 25 });
    expect(model.summary.actions.claimed).toMatchObject({ label: 'Åtgärder som väntar på godkännande', count: 1 });
    expect(model.summary.actions.completed.count).toBe(1);
    expect(model.changes.find((c) => c.kind === 'action_claimed')).toMatchObject({ recommendationCode: 'R2', kindText: 'Åtgärd markerad som slutförd, väntar på godkännande' });
  });

  it('when the report is built, then the cancelled action is listed as cancelled, its progress not as work done', () => {
    expect(action('R4', 'a-r4-statistik')).toMatchObject({ statusText: 'Avbruten', progressText: '– (avbruten, räknas inte)' });
  });
});
