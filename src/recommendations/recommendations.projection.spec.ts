import type { RecordedEvent } from '../event-store/command-runner';
import type { TableRow } from '../projections/projection';
import { evolve, type RecommendationState } from './domain/recommendation.state';
import { recommendationRows, writtenState } from './recommendations.projection';

const at = (n: number) => new Date(Date.UTC(2012, 3, 1, 8, 0, n)).toISOString();
const event = (n: number, type: string, data: unknown): RecordedEvent => ({ type, data, occurredAt: at(n), actorEmail: 'handlaggare.sfi@demo.local' });

const EVENTS: RecordedEvent[] = [
  event(0, 'RecommendationRegistered', { recommendationId: 'r', reviewId: 'v', code: 'R2', title: 'Uppsökande', text: 'Text', textEn: null, responsibleUnit: 'sfi' }),
  event(1, 'RecommendationDecided', { decision: 'accepted', reason: 'Ja', meeting: { body: 'Nämnden', date: '2012-03-20', paragraph: '§ 4' } }),
  event(2, 'ActionAdded', { actionId: 'a', title: 'Kartlägg', description: null, responsibleUnit: 'sfi', ownerEmail: 'x@demo.local', dueDate: '2012-05-31' }),
  event(3, 'ActionAdded', { actionId: 'b', title: 'Informera', description: 'Broschyr', responsibleUnit: 'sfi', ownerEmail: 'x@demo.local', dueDate: '2012-06-30' }),
  event(4, 'ActionProgressReported', { actionId: 'a', progressPercent: 20, note: 'Ett', evidence: [{ title: 'Karta', url: 'https://example.org/k' }] }),
  event(5, 'ActionProgressReported', { actionId: 'b', progressPercent: 50, note: 'Två', evidence: [] }),
  event(6, 'ActionRescheduled', { actionId: 'a', dueDate: '2012-07-31', previousDueDate: '2012-05-31', reason: 'Sjukdom' }),
  event(7, 'ActionProgressReported', { actionId: 'a', progressPercent: 40, note: 'Tre', evidence: [] }),
  event(8, 'ReminderRecorded', { reminderId: 'm', kind: 'overdue', actionId: 'b', milestoneKey: null, recipient: 'x@demo.local', outcome: 'sent', detail: null }),
  event(9, 'ActionCompleted', { actionId: 'b', note: 'Klart' }),
  event(10, 'ActionCancelled', { actionId: 'a', reason: 'Ersatt' }),
];

/** The tables as upserts leave them: a row per table and key, the last write winning. */
function apply(tables: Map<string, TableRow['row']>, rows: TableRow[]): void {
  for (const { table, key, row } of rows) {
    const id = `${table}:${key.map((k) => row[k]).join('/')}`;
    tables.set(id, { ...tables.get(id), ...row });
  }
}

describe('the recommendations rows', () => {
  it('written event by event from the written state give the rows a rebuild writes from the whole fold', () => {
    for (const batch of [1, 2, 3]) {
      const inline = new Map<string, TableRow['row']>();
      let written: RecommendationState | null = null;
      for (let i = 0; i < EVENTS.length; i += batch) {
        const after: RecommendationState = EVENTS.slice(i, i + batch).reduce<RecommendationState | null>(evolve as never, written)!;
        apply(inline, recommendationRows(written, after));
        written = writtenState(after);
      }
      const rebuilt = new Map<string, TableRow['row']>();
      apply(rebuilt, recommendationRows(null, EVENTS.reduce<RecommendationState | null>(evolve as never, null)!));
      expect(inline).toEqual(rebuilt);
    }
  });

  it('a progress note writes its update and evidence rows and the rows of its action and summary, nothing else', () => {
    const before = writtenState(EVENTS.slice(0, 4).reduce<RecommendationState | null>(evolve as never, null)!);
    const rows = recommendationRows(before, evolve(before, EVENTS[4] as never));
    expect(rows.map((r) => r.table)).toEqual(['rm_recommendations', 'rm_actions', 'rm_action_updates', 'rm_update_evidence']);
    expect(rows[2].row).toMatchObject({ action_id: 'a', seq: 1, note: 'Ett', reported_by: 'handlaggare.sfi@demo.local' });
  });
});
