import { Module } from '@nestjs/common';
import { ReviewsHttpController } from './http/reviews.http.controller';
import { ChangeReviewHandler, GetReviewHandler, ListReviewsHandler } from './reviews.cqrs';

@Module({
  controllers: [ReviewsHttpController],
  providers: [ChangeReviewHandler, ListReviewsHandler, GetReviewHandler],
})
export class ReviewsModule {}
