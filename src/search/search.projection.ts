import type { Dialect, Sql } from '../event-store/sql';
import type { RowsProjection, TableRow } from '../projections/projection';
import { RECOMMENDATION_STREAM_PREFIX } from '../recommendations/domain/recommendation.events';
import { evolve, type RecommendationState } from '../recommendations/domain/recommendation.state';
import type { ActionWithCount } from '../recommendations/recommendation.views';
import { recommendationsProjection, writtenState } from '../recommendations/recommendations.projection';
import { entryRow, noteEntry, SEARCH_ENTRIES, type SearchEntry } from './search-entries';
import { markAllIndexed } from './search-index';

/**
 * The search index: a read model over the recommendations' streams, kept in
 * the append's transaction like the others and rebuilt with them, a row per
 * text someone may look for (search-entries.ts); on SQLite a progress note's
 * row follows the append in the search index's batches (search-index.ts). The
 * kinds of text are the SOURCES below: a new kind (comments) is one more
 * function from the states before and after to its entries, and its kind in
 * SearchKind.
 */

type Source = (before: RecommendationState | null, after: RecommendationState) => SearchEntry[];

const recommendationText: Source = (before, after) =>
  before && before.title === after.title && before.text === after.text && before.textEn === after.textEn
    ? []
    : [{ recommendationId: after.id, kind: 'recommendation', actionId: '', seq: 0, title: after.title, body: [after.text, after.textEn ?? ''].join('\n').trim(), retracted: false }];

/** The actions evolve made anew (it keeps untouched ones as they were), when their title or description changed. */
const actionTexts: Source = (before, after) =>
  after.actions.flatMap((a, i) => {
    const was = before?.actions[i];
    if (a === was || (was && was.title === a.title && was.description === a.description)) return [];
    return [{ recommendationId: after.id, kind: 'action' as const, actionId: a.id, seq: 0, title: a.title, body: a.description ?? '', retracted: false }];
  });

/** The notes not yet written, numbered on from those that are (as rm_action_updates numbers them). */
const noteTexts: Source = (_before, after) =>
  after.actions.flatMap((a: ActionWithCount) => a.updates.map((u, j) => noteEntry(after.id, a.id, (a.updateCount ?? 0) + j + 1, u.note, Boolean(u.retracted))));

/** The comments folded since the state before (recommendation.discussion.ts), each numbered by its event's version. */
const commentTexts: Source = (before, after) =>
  after.actions.flatMap((a) => {
    const known = new Set((before?.actions.find((b) => b.id === a.id)?.comments ?? []).map((c) => c.seq));
    return (a.comments ?? [])
      .filter((c) => !known.has(c.seq))
      .map((c) => ({ recommendationId: after.id, kind: 'comment' as const, actionId: a.id, seq: c.seq, title: '', body: c.text, retracted: false }));
  });

const SOURCES: Source[] = [recommendationText, actionTexts, noteTexts, commentTexts];
/** What an append on SQLite writes itself: its notes' entries follow in the search index's batches (search-index.ts). */
const SOURCES_WITHOUT_NOTES = SOURCES.filter((s) => s !== noteTexts);

const rowsFrom = (sources: Source[], before: RecommendationState | null, after: RecommendationState): TableRow[] => sources.flatMap((s) => s(before, after)).map(entryRow);

const searchRows = (before: RecommendationState | null, after: RecommendationState): TableRow[] => rowsFrom(SOURCES, before, after);

/**
 * The rows an append writes in its transaction. On SQLite a progress note's entry is left out: the
 * search index's batches copy it from rm_action_updates after the commit, with its stems
 * (search-index.ts), and a search brings them up to date before it reads. Measured on the core
 * bench's command path (single progress notes, each its own transaction, synchronous FULL, 2-core
 * machine, runs alternating): 2,108–2,303 notes/s with the entry in the transaction, 2,506–2,779
 * without; the entry and its key were 2.6 of the 14.9 pages a note's commit wrote to the WAL.
 */
const inlineSearchRows = (before: RecommendationState | null, after: RecommendationState, dialect: Dialect): TableRow[] =>
  rowsFrom(dialect === 'sqlite' ? SOURCES_WITHOUT_NOTES : SOURCES, before, after);

/** Notes retracted since the state written before are marked by their number (the written state holds no notes). */
async function markRetracted(sql: Sql, changed: Array<{ before: RecommendationState | null; after: RecommendationState }>): Promise<void> {
  for (const { before, after } of changed) {
    for (const action of after.actions) {
      const known = new Set((before?.actions.find((a) => a.id === action.id)?.retractions ?? []).map((r) => r.seq));
      for (const r of action.retractions ?? []) {
        if (known.has(r.seq)) continue;
        await sql.query(`UPDATE ${SEARCH_ENTRIES} SET retracted = 1 WHERE recommendation_id = ? AND kind = 'note' AND action_id = ? AND seq = ?`, [after.id, action.id, r.seq]);
      }
    }
  }
}

/**
 * A rebuild on SQLite: the triggers that take changed and deleted entries out
 * of the full-text index are set aside while the rows are deleted and inserted
 * again, and the index is then built from all the rows at once (and holds them
 * all: search-index.ts). Measured on the bench's log
 * (53,000 entries): deleting the rows went from about 500 ms to 70, and the
 * triggers' 400 ms of indexing became FTS5's 'rebuild' of 130 ms. All in the
 * rebuild's transaction, so another connection sees the triggers as they were.
 */
async function refilling(sql: Sql, refill: () => Promise<void>): Promise<void> {
  if (sql.dialect !== 'sqlite') return refill();
  const triggers = await sql.query<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?", [SEARCH_ENTRIES]);
  for (const trigger of triggers) await sql.query(`DROP TRIGGER ${trigger.name}`);
  await refill();
  await sql.query("INSERT INTO search_fts (search_fts) VALUES ('rebuild')");
  await markAllIndexed(sql);
  for (const trigger of triggers) await sql.query(trigger.sql);
}

/**
 * The index as a rows projection over the recommendations' streams. Its
 * written state is the recommendations read model's, read back from those
 * rows: so it is listed before that read model (src/read-models.ts), whose
 * rows then still hold the state these events follow.
 */
export const searchProjection: RowsProjection<RecommendationState> = {
  kind: 'rows',
  name: 'search',
  streamPrefix: RECOMMENDATION_STREAM_PREFIX,
  tables: [SEARCH_ENTRIES],
  evolve: evolve as RowsProjection<RecommendationState>['evolve'],
  rows: searchRows,
  inlineRows: inlineSearchRows,
  written: writtenState,
  loadWritten: (sql, id) => recommendationsProjection.loadWritten(sql, id),
  read: (sql, where) => recommendationsProjection.read(sql, where),
  refilling,
  settle: markRetracted,
};
