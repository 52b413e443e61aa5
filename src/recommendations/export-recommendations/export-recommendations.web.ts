import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { parseAsOf } from '../../kernel/as-of';
import { routes } from '../../kernel/paths';
import { fileHeaders, tableFile } from '../../kernel/spreadsheet';
import { optional } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ExportRecommendationsQuery, type RecommendationTable } from './export-recommendations.query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Ladda ner som Excel/CSV" on the list: the API's file (GET
 * /recommendations?format=) with the page's filters, under the session
 * cookie, in the list's order. Everyone who sees the list may take it. A bad
 * asOf or sort is the API's 400.
 */
@WebController()
export class ExportRecommendationsWebController {
  constructor(private readonly queries: QueryBus) {}

  @Get(routes.exportRecommendations)
  async export(@Req() _req: WebRequest, @Res() res: Response, @Query() q: Record<string, string | undefined>): Promise<void> {
    const format = q.format === 'csv' ? 'csv' : 'xlsx';
    const filter = { reviewId: q.reviewId && UUID.test(q.reviewId) ? q.reviewId : undefined, status: optional(q.status), unit: optional(q.unit), review: optional(q.review), owner: optional(q.owner), sort: optional(q.sort) };
    const table: RecommendationTable = await this.queries.execute(new ExportRecommendationsQuery(filter, parseAsOf(optional(q.asOf)), null));
    const { type, disposition } = fileHeaders(format, 'rekommendationer');
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', disposition);
    await pipeline(tableFile(format, 'rekommendationer', table.header, [table.rows]), res);
  }
}
