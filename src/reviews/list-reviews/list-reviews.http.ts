import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { respondPage } from '../../kernel/http/paging';
import { ListReviewsQuery, type ReviewListItem } from '../reviews.cqrs';
import { ReviewListRequest } from './list-reviews.request';
import { orderReviews, parseReviewSort } from './review-order';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ListReviewsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every review, oldest first unless sort= names a column; title and reviewer match part of them; paged by limit and after; format=csv|xlsx for a file, every review without limit' })
  async list(@Query() q: ReviewListRequest, @Res({ passthrough: true }) res: Response) {
    const sort = parseReviewSort(q.sort);
    const reviews: ReviewListItem[] = await this.queries.execute(new ListReviewsQuery());
    const picked = orderReviews(reviews, sort, { title: q.title, reviewer: q.reviewer });
    // The cursor belongs to the sort and filter it was made under.
    return respondPage(res, q, 'reviews', picked, JSON.stringify([q.sort ?? '', q.title ?? '', q.reviewer ?? '']));
  }
}
