import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ListRecommendationDetailsQuery } from '../recommendations/list-details.query';
import { ListReviewsQuery } from '../reviews/reviews.cqrs';
import { PUBLIC_WORDS } from '../web/words/public.words';
import { toPublicRecommendation, type PublicRecommendation } from './public-view';

/** What /oppet shows, for any client and without a token: the same allow-list (public-view.ts), as JSON. */
@ApiTags('public')
@Controller('public')
export class PublicRecommendationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Public()
  @Get('recommendations')
  @ApiOperation({ summary: "Every recommendation as the public sees it: codes, titles, statuses, progress, the committee's decision and the published summaries only (no token)" })
  async list(): Promise<Array<PublicRecommendation & { reviewTitle: string }>> {
    const [reviews, details] = await Promise.all([this.queries.execute(new ListReviewsQuery()), this.queries.execute(new ListRecommendationDetailsQuery())]);
    const titles = new Map(reviews.map((r) => [r.id, r.title]));
    // The API speaks one language; a redacted address reads the same in both.
    return details.map((d) => ({ ...toPublicRecommendation(d, PUBLIC_WORDS.sv.public.redacted), reviewTitle: titles.get(d.reviewId) ?? '' }));
  }
}
