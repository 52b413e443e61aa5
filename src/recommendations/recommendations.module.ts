import { Module } from '@nestjs/common';
import { ChangeRecommendationHandler } from './commands/change-recommendation.handler';
import { ActionsHttpController } from './http/actions.http.controller';
import { RecommendationsHttpController } from './http/recommendations.http.controller';
import { GetHistoryHandler } from './queries/get-history.query';
import { GetRecommendationHandler } from './queries/get-recommendation.query';
import { ListRecommendationsHandler } from './queries/list-recommendations.query';
import { MyActionsHandler } from './queries/my-actions.query';

@Module({
  controllers: [RecommendationsHttpController, ActionsHttpController],
  providers: [ChangeRecommendationHandler, ListRecommendationsHandler, GetRecommendationHandler, GetHistoryHandler, MyActionsHandler],
})
export class RecommendationsModule {}
