import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pageHeaders } from '../../kernel/http/paging';
import type { Page } from '../../recommendations/recommendation.views';
import { snippetText } from '../domain/snippet';
import { DEFAULT_SEARCH_PAGE, SearchQuery, type SearchHit } from './search-text.query';
import { SearchRequest } from './search-text.request';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Recommendations, actions and progress notes holding every word of q in some Swedish form, best first; paged by limit and after' })
  async search(@Query() q: SearchRequest, @Res({ passthrough: true }) res: Response) {
    const page: Page<SearchHit> = await this.queries.execute(new SearchQuery(q.q, { limit: q.limit ?? DEFAULT_SEARCH_PAGE, after: q.after ?? null }));
    return pageHeaders(res, page).map((hit) => ({ ...hit, snippet: snippetText(hit.snippet) }));
  }
}
