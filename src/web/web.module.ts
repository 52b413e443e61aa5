import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AuditWebController } from './audit.web.controller';
import { FollowUpWebController } from './follow-up.web.controller';
import { PublicWebController } from './public.web.controller';
import { RecommendationsWebController } from './recommendations.web.controller';
import { ReportsWebController } from './reports.web.controller';
import { ReviewsWebController } from './reviews.web.controller';
import { SessionWebController } from './session.web.controller';
import { UnclaimedPaths, WebExceptionFilter } from './web-exception.filter';
import { WebPages } from './web-pages';
import { WebGuard } from './web.guard';

/** The web UI: pages for staff and the public, calling the same command and query handlers as the API. */
@Module({
  imports: [AuthModule],
  controllers: [
    SessionWebController,
    RecommendationsWebController,
    ReviewsWebController,
    FollowUpWebController,
    ReportsWebController,
    AuditWebController,
    PublicWebController,
  ],
  providers: [WebPages, WebGuard, WebExceptionFilter, UnclaimedPaths],
})
export class WebModule {}
