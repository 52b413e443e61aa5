import { Global, Module } from '@nestjs/common';
import { ReviewTitles } from '../recommendations/review-titles';
import { WebModule } from '../web/web.module';
import { GetReviewHttpController } from './get-review/get-review.http';
import { GetReviewHandler } from './get-review/get-review.query';
import { GetReviewWebController } from './get-review/get-review.web';
import { ListReviewsFileWebController } from './list-reviews/list-reviews-file.web';
import { ListReviewsHttpController } from './list-reviews/list-reviews.http';
import { ListReviewsHandler } from './list-reviews/list-reviews.query';
import { ListReviewsWebController } from './list-reviews/list-reviews.web';
import { RecordReviewDecisionHttpController } from './record-review-decision/record-review-decision.http';
import { RecordReviewDecisionWebController } from './record-review-decision/record-review-decision.web';
import { RegisterRecommendationWebController } from './register-recommendation/register-recommendation.web';
import { RegisterReviewHttpController } from './register-review/register-review.http';
import { RegisterReviewWebController } from './register-review/register-review.web';
import { ReviewPages } from './review-pages';
import { ReviewTitlesFromReviews } from './review-titles-from-reviews';
import { ChangeReviewHandler } from './reviews.cqrs';

/**
 * Reviews, a folder per use case, each with its API route and its form or
 * page: register-review, record-review-decision, list-reviews, get-review,
 * and the review page's form for a new recommendation (register-recommendation,
 * the recommendations capability's command). Pages render through the web
 * shell (WebModule).
 *
 * Global for one provider, ReviewTitles (the recommendation pages' review
 * titles): RecommendationsModule cannot import ReviewsModule without an
 * import running back up from recommendations/ to reviews/, which is what
 * the abstraction removes, and a provider in AppModule is not visible to
 * RecommendationsModule; a global module's exports are.
 */
@Global()
@Module({
  imports: [WebModule],
  controllers: [
    ListReviewsHttpController,
    GetReviewHttpController,
    RegisterReviewHttpController,
    RecordReviewDecisionHttpController,
    ListReviewsWebController,
    ListReviewsFileWebController,
    GetReviewWebController,
    RegisterReviewWebController,
    RecordReviewDecisionWebController,
    RegisterRecommendationWebController,
  ],
  providers: [ChangeReviewHandler, ListReviewsHandler, GetReviewHandler, ReviewPages, { provide: ReviewTitles, useClass: ReviewTitlesFromReviews }],
  exports: [ReviewTitles],
})
export class ReviewsModule {}
