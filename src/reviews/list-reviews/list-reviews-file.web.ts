import { Get, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import { listAsFile } from '../../kernel/spreadsheet';
import { WebController } from '../../web/web-controller.decorator';
import { ListReviewsQuery, type ReviewListItem } from '../reviews.cqrs';
import { reviewList } from './review-order';

/** "Ladda ner som Excel/CSV" on the reviews page: the API's file of the reviews (GET /reviews?format=), under the session cookie, in the page's order. */
@WebController()
export class ListReviewsFileWebController {
  constructor(private readonly queries: QueryBus) {}

  @Get(routes.exportReviews)
  async export(@Res({ passthrough: true }) _res: Response, @Query() q: Record<string, string | undefined>): Promise<StreamableFile> {
    const { reviews } = reviewList((await this.queries.execute(new ListReviewsQuery())) as ReviewListItem[], q);
    return listAsFile(q.format === 'csv' ? 'csv' : 'xlsx', 'granskningar', reviews);
  }
}
