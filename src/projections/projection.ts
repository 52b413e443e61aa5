import type { RecordedEvent } from '../event-store/command-runner';

/**
 * A read model with one row per stream: the folded state as JSON, plus the
 * columns its queries filter on. Reviews, recommendations and cycles are all
 * of this kind, so one projector keeps them all, inline and on rebuild.
 */
export interface StateProjection<S extends { version: number } = any> {
  /** The checkpoint's name. */
  name: string;
  table: string;
  streamPrefix: string;
  evolve(state: S | null, event: RecordedEvent): S;
  /** The row to store: `id` and `state` plus any filter columns. */
  row(state: S): Record<string, string | number | null>;
}
