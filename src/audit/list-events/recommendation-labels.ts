import type { Sql } from '../../event-store/sql';
import { RECOMMENDATION_STREAM_PREFIX } from '../../recommendations/domain/recommendation.events';

/** What a reader knows a recommendation by: its code and title, as they are now. */
export interface RecommendationLabel {
  code: string;
  title: string;
}

/**
 * The code and title of each recommendation among these streams, from the
 * recommendations' read model: the log names a stream by its UUID, a reader
 * by "R2". One read per page of events.
 */
export async function readRecommendationLabels(sql: Sql, streamIds: string[]): Promise<Map<string, RecommendationLabel>> {
  const ids = [...new Set(streamIds.filter((s) => s.startsWith(RECOMMENDATION_STREAM_PREFIX)).map((s) => s.slice(RECOMMENDATION_STREAM_PREFIX.length)))];
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; code: string; title: string }>(`SELECT id, code, title FROM rm_recommendations WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  return new Map(rows.map((r) => [`${RECOMMENDATION_STREAM_PREFIX}${r.id}`, { code: r.code, title: r.title }]));
}
