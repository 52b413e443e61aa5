import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { PublicPageWebController } from './public-page.web';
import { PublicRecommendationsHttpController } from './public-recommendations.http';

/**
 * What anyone may see without signing in: the public progress page
 * (/oppet) and the same as JSON (GET /api/v1/public/recommendations), built
 * field by field from an allow-list of the recommendations' views
 * (public-view.ts): the committee's decision and what a secretary published,
 * nothing staff typed.
 */
@Module({
  imports: [WebModule],
  controllers: [PublicPageWebController, PublicRecommendationsHttpController],
})
export class PublicModule {}
