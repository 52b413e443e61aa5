import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { paths, routes } from '../../kernel/paths';
import type { Page } from '../../recommendations/recommendation.views';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { wordsOf } from '../../kernel/swedish-stem';
import { SearchQuery, type SearchHit } from './search-text.query';

const PAGE_SIZE = 50;

/** The results page behind the layout's search box: each hit with its code, what it is, a link to it and its words marked. */
@WebController()
export class SearchWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.search)
  async search(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t } = req.web!;
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    const after = typeof req.query.efter === 'string' && /^[0-9]{1,9}$/.test(req.query.efter) ? req.query.efter : null;
    // Nothing to look for is a page that says so, not an error.
    const page: Page<SearchHit> | null = wordsOf(q).length ? await this.queries.execute(new SearchQuery(q, { limit: PAGE_SIZE, after })) : null;
    const hits = (page?.items ?? []).map((hit) => ({ ...hit, href: paths.recommendation(hit.recommendationId, { actionId: hit.actionId }) }));
    this.pages.render(req, res, 'search/search-text/search-results.eta', q ? t.search.titleFor(q) : t.search.title, {
      searchQuery: q,
      hits,
      total: page?.total ?? 0,
      offset: after ? Number(after) : 0,
      nextHref: page?.nextAfter ? paths.search(q, page.nextAfter) : null,
    });
  }
}
