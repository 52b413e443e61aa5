import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { GetReviewQuery } from '../reviews.cqrs';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class GetReviewHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The ETag is the review's version, what a change may name in If-Match (not Express's hash of the body, which no If-Match matches). */
  @Get(':id')
  async get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) res: Response) {
    const review = await this.queries.execute(new GetReviewQuery(id));
    res.setHeader('ETag', `"${review.version}"`);
    return review;
  }
}
