import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../kernel/http/validators';
import { GetReviewQuery } from '../reviews.cqrs';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class GetReviewHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetReviewQuery(id));
  }
}
