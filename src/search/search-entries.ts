import type { TableRow } from '../projections/projection';
import { stemText } from '../kernel/swedish-stem';

/**
 * The search's rows: one per text someone may look for, in `search_entries`.
 * Written by the search projection (search.projection.ts) and, for progress
 * notes on SQLite, by the search index's batches after the append
 * (search-index.ts): both make a row here, the same way.
 */

export const SEARCH_ENTRIES = 'search_entries';

export type SearchKind = 'recommendation' | 'action' | 'note' | 'comment';

export interface SearchEntry {
  recommendationId: string;
  kind: SearchKind;
  /** '' for the recommendation's own text. */
  actionId: string;
  /** A note's number among its action's notes (from 1); 0 for what is not numbered. */
  seq: number;
  /** Searched with the body; empty for a note, which shows its action's title (read beside it). */
  title: string;
  body: string;
  /** A retracted note stays in the history but is no longer found. */
  retracted: boolean;
}

/** A progress note's entry: found by its text, shown with its action's title. */
export const noteEntry = (recommendationId: string, actionId: string, seq: number, note: string, retracted: boolean): SearchEntry => ({
  recommendationId,
  kind: 'note',
  actionId,
  seq,
  title: '',
  body: note,
  retracted,
});

export const entryRow = (e: SearchEntry): TableRow => ({
  table: SEARCH_ENTRIES,
  key: ['recommendation_id', 'kind', 'action_id', 'seq'],
  row: {
    recommendation_id: e.recommendationId,
    kind: e.kind,
    action_id: e.actionId,
    seq: e.seq,
    title: e.title,
    body: e.body,
    // The stems SQLite's FTS5 searches; PostgreSQL stems title and body itself with its `swedish` configuration.
    stems: stemText(`${e.title} ${e.body}`),
    retracted: e.retracted ? 1 : 0,
  },
});
