import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { GetReviewHttpController } from './get-review/get-review.http';
import { GetReviewHandler } from './get-review/get-review.query';
import { GetReviewWebController } from './get-review/get-review.web';
import { ListReviewsHttpController } from './list-reviews/list-reviews.http';
import { ListReviewsHandler } from './list-reviews/list-reviews.query';
import { ListReviewsWebController } from './list-reviews/list-reviews.web';
import { RecordReviewDecisionHttpController } from './record-review-decision/record-review-decision.http';
import { RecordReviewDecisionWebController } from './record-review-decision/record-review-decision.web';
import { RegisterRecommendationWebController } from './register-recommendation/register-recommendation.web';
import { RegisterReviewHttpController } from './register-review/register-review.http';
import { RegisterReviewWebController } from './register-review/register-review.web';
import { ReviewPages } from './review-pages';
import { ChangeReviewHandler } from './reviews.cqrs';

/**
 * Reviews, a folder per use case, each with its API route and its form or
 * page: register-review, record-review-decision, list-reviews, get-review,
 * and the review page's form for a new recommendation (register-recommendation,
 * the recommendations capability's command). Pages render through the web
 * shell (WebModule).
 */
@Module({
  imports: [WebModule],
  controllers: [
    ListReviewsHttpController,
    GetReviewHttpController,
    RegisterReviewHttpController,
    RecordReviewDecisionHttpController,
    ListReviewsWebController,
    GetReviewWebController,
    RegisterReviewWebController,
    RecordReviewDecisionWebController,
    RegisterRecommendationWebController,
  ],
  providers: [ChangeReviewHandler, ListReviewsHandler, GetReviewHandler, ReviewPages],
})
export class ReviewsModule {}
