import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import type { Cell } from '../../kernel/spreadsheet';
import type { Page, RecommendationSummary } from '../recommendation.views';
import { ListRecommendationsPageQuery, ListRecommendationsQuery, type PageRequest, type RecommendationFilter } from '../list-recommendations/list-recommendations.query';

/**
 * The list's columns in a file. The first six are named and filled as the
 * fields of POST /recommendations (and of POST /imports), so the file of a
 * review imports back; the rest say where each stands, and an import ignores them.
 */
export const EXPORT_COLUMNS = ['reviewId', 'code', 'title', 'text', 'textEn', 'responsibleUnit', 'id', 'status', 'progressPercent', 'actionCount', 'openActionCount', 'overdueActionCount', 'lastChangedAt', 'version'] as const;

export interface RecommendationTable {
  header: string[];
  rows: Cell[][];
  total: number;
  nextAfter: string | null;
}

/** The rows of GET /recommendations as a table: the page asked for, or (with no `page`) every recommendation the filter picks. */
export class ExportRecommendationsQuery extends Query<RecommendationTable> {
  constructor(
    readonly filter: RecommendationFilter,
    readonly asOf: string | null,
    readonly page: PageRequest | null,
  ) {
    super();
  }
}

/** Ids per statement, well under either database's parameter limit. */
const CHUNK = 500;

@QueryHandler(ExportRecommendationsQuery)
export class ExportRecommendationsHandler implements IQueryHandler<ExportRecommendationsQuery> {
  constructor(
    private readonly queries: QueryBus,
    private readonly db: Database,
  ) {}

  async execute({ filter, asOf, page }: ExportRecommendationsQuery): Promise<RecommendationTable> {
    const listed: Page<RecommendationSummary> = page
      ? await this.queries.execute(new ListRecommendationsPageQuery(filter, asOf, page))
      : await this.queries.execute(new ListRecommendationsQuery(filter, asOf)).then((items: RecommendationSummary[]) => ({ items, total: items.length, nextAfter: null }));
    // The texts are not in the summaries; a recommendation's text is never changed after it is registered, so now is as of any instant.
    const texts = new Map<string, { text: string; text_en: string | null }>();
    const ids = listed.items.map((s) => s.id);
    await this.db.read(async (sql) => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = await sql.query<{ id: string; text: string; text_en: string | null }>(`SELECT id, text, text_en FROM rm_recommendations WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
        for (const r of rows) texts.set(r.id, r);
      }
    });
    const rows = listed.items.map((s) => {
      const t = texts.get(s.id);
      return [s.reviewId, s.code, s.title, t?.text ?? '', t?.text_en ?? '', s.responsibleUnit, s.id, s.status, s.progressPercent, s.actionCount, s.openActionCount, s.overdueActionCount, s.lastChangedAt, s.version];
    });
    return { header: [...EXPORT_COLUMNS], rows, total: listed.total, nextAfter: listed.nextAfter };
  }
}
