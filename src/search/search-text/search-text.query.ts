import { Logger } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import type { Sql } from '../../event-store/sql';
import { invalid } from '../../kernel/domain-error';
import type { Page } from '../../recommendations/recommendation.views';
import { snippetOf, type SnippetPart } from '../domain/snippet';
import { queryWordsOf, swedishStem, wordsOf } from '../../kernel/swedish-stem';
import { SearchIndex } from '../search-index';
import { SEARCH_ENTRIES, type SearchKind } from '../search-entries';

export const DEFAULT_SEARCH_PAGE = 100;

/** Words of a query looked for at most: every one must be found, so more only narrow it. */
const MAX_WORDS = 10;

/** One thing found: where it is (the recommendation, its code and the title to show), and the text around the match. */
export interface SearchHit {
  kind: SearchKind;
  recommendationId: string;
  actionId?: string;
  code: string;
  title: string;
  snippet: SnippetPart[];
}

/**
 * Texts that hold every word of `text` in some Swedish form, best first.
 * Every signed-in role reads every recommendation, its actions and notes
 * (src/auth/permissions.ts narrows no read of them), so all of those are
 * found for anyone who may ask; a retracted note is not.
 */
export class SearchQuery extends Query<Page<SearchHit>> {
  constructor(
    readonly text: string,
    readonly page: { limit: number; after: string | null },
  ) {
    super();
  }
}

interface HitRow {
  recommendation_id: string;
  kind: SearchKind;
  action_id: string;
  title: string;
  body: string;
  code: string;
  recommendation_title: string;
  action_title: string | null;
}

/** The cursor is how many hits came before: the order (relevance) is the index's, not a column's. */
function offsetOf(after: string | null): number {
  if (after === null) return 0;
  if (!/^[0-9]{1,9}$/.test(after)) throw invalid(`after "${after}" is not a cursor from X-Next-After`, [{ field: 'after', message: 'must be the X-Next-After of the previous page' }]);
  return Number(after);
}

/**
 * The FROM … WHERE and its parameters, per database. SQLite: the words'
 * stems as prefixes in FTS5 over the stemmed text. PostgreSQL: each word as
 * a prefix (`:*`) in a tsquery its `swedish` configuration stems, over the
 * stored tsvector of the text (`words`) and its GIN index. Words hold only
 * letters and digits (wordsOf), so they need no quoting beyond what is
 * written here.
 */
function matching(sql: Sql, words: string[]): { from: string; params: unknown[]; rank: string } {
  const joins =
    `JOIN rm_recommendations r ON r.id = e.recommendation_id ` +
    `LEFT JOIN rm_actions a ON a.recommendation_id = e.recommendation_id AND a.id = e.action_id`;
  if (sql.dialect === 'sqlite') {
    return {
      from: `search_fts JOIN ${SEARCH_ENTRIES} e ON e.entry_id = search_fts.rowid ${joins} WHERE search_fts MATCH ? AND e.retracted = 0`,
      params: [words.map((w) => `"${swedishStem(w)}"*`).join(' AND ')],
      rank: 'search_fts.rank',
    };
  }
  const query = words.map((w) => `${w}:*`).join(' & ');
  return {
    from: `${SEARCH_ENTRIES} e ${joins} WHERE e.words @@ to_tsquery('swedish', ?) AND e.retracted = 0`,
    params: [query],
    rank: `ts_rank(e.words, to_tsquery('swedish', ?)) DESC`,
  };
}

export async function search(sql: Sql, text: string, page: { limit: number; after: string | null }): Promise<Page<SearchHit>> {
  if (wordsOf(text).length === 0) throw invalid('q holds no word to search for', [{ field: 'q', message: 'must hold a word (letters or digits)' }]);
  const offset = offsetOf(page.after);
  const words = queryWordsOf(text).slice(0, MAX_WORDS);
  // Only words too common to tell texts apart ("och"): nothing is found, as PostgreSQL finds nothing for them.
  if (words.length === 0) return { items: [], total: 0, nextAfter: null };
  const { from, params, rank } = matching(sql, words);
  const rankParams = sql.dialect === 'postgres' ? params : [];
  const rows = await sql.query<HitRow>(
    `SELECT e.recommendation_id, e.kind, e.action_id, e.title, e.body, r.code, r.title AS recommendation_title, a.title AS action_title FROM ${from} ` +
      `ORDER BY ${rank}, r.review_id, r.code_rank, e.kind, e.action_id, e.seq LIMIT ? OFFSET ?`,
    [...params, ...rankParams, page.limit, offset],
  );
  const [{ n }] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${from}`, params);
  const total = Number(n);
  const stems = words.map(swedishStem);
  const items = rows.map((r): SearchHit => {
    const title = r.kind === 'recommendation' ? r.recommendation_title : (r.action_title ?? r.title);
    // An action without a description is found by its title, which is then the text to show.
    const shown = r.body || r.title;
    return { kind: r.kind, recommendationId: r.recommendation_id, ...(r.action_id ? { actionId: r.action_id } : {}), code: r.code, title, snippet: snippetOf(shown, stems) };
  });
  const next = offset + rows.length;
  return { items, total, nextAfter: next < total && rows.length === page.limit ? String(next) : null };
}

@QueryHandler(SearchQuery)
export class SearchHandler implements IQueryHandler<SearchQuery> {
  private readonly logger = new Logger('SearchHandler');

  constructor(
    private readonly db: Database,
    private readonly index: SearchIndex,
  ) {}

  async execute({ text, page }: SearchQuery): Promise<Page<SearchHit>> {
    // When the index cannot be brought up to date now (another process holds the write lock past the
    // busy timeout), the search answers from the index as it stands and says so in the log; the
    // index's loop tries again within seconds.
    await this.index.upToDate().catch((error: Error) => this.logger.warn(`Searching an index not yet up to date: ${error.message}`));
    return this.db.read((sql) => search(sql, text, page));
  }
}
