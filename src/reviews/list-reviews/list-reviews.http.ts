import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListReviewsQuery } from '../reviews.cqrs';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ListReviewsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list() {
    return this.queries.execute(new ListReviewsQuery());
  }
}
