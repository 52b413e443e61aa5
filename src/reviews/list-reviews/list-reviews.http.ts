import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listAsFile } from '../../kernel/spreadsheet';
import { ListReviewsQuery, type ReviewListItem } from '../reviews.cqrs';
import { ReviewListRequest } from './list-reviews.request';
import { orderReviews, parseReviewSort } from './review-order';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ListReviewsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every review, oldest first unless sort= names a column; title and reviewer match part of them; format=csv|xlsx for a file' })
  async list(@Query() q: ReviewListRequest) {
    const sort = parseReviewSort(q.sort);
    const reviews: ReviewListItem[] = await this.queries.execute(new ListReviewsQuery());
    const picked = orderReviews(reviews, sort, { title: q.title, reviewer: q.reviewer });
    return q.format === 'csv' || q.format === 'xlsx' ? listAsFile(q.format, 'reviews', picked) : picked;
  }
}
