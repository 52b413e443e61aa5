import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { Clock } from '../kernel/clock';
import { routes } from '../kernel/paths';
import { ListRecommendationDetailsQuery } from '../recommendations/list-details.query';
import { ListReviewsQuery } from '../reviews/reviews.cqrs';
import { WebPublic, type WebRequest } from '../web/web-context';
import { WebController } from '../web/web-controller.decorator';
import { WebPages } from '../web/web-pages';
import { toPublicRecommendation } from './public-view';

/** Recommendation 5 asks for a publicly visible strategy: progress for anyone, and only what a secretary chose to publish. */
@WebController()
export class PublicPageWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly pages: WebPages,
  ) {}

  @WebPublic()
  @Get(routes.publicPage)
  async page(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t } = req.web!;
    // The details without their notes, all in one read: the page shows no note, only what was published.
    const [reviews, details] = await Promise.all([this.queries.execute(new ListReviewsQuery()), this.queries.execute(new ListRecommendationDetailsQuery())]);
    const groups = reviews
      .map((review) => ({
        review,
        recommendations: details.filter((d) => d.reviewId === review.id).map((d) => toPublicRecommendation(d, t.public.redacted)),
      }))
      .filter((g) => g.recommendations.length > 0);
    this.pages.render(req, res, 'public/public.eta', t.public.title, { groups, today: this.clock.today() });
  }
}
