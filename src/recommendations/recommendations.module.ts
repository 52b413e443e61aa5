import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { AddActionHttpController } from './add-action/add-action.http';
import { AddActionWebController } from './add-action/add-action.web';
import { ApproveCompletionHttpController } from './approve-completion/approve-completion.http';
import { ApproveCompletionWebController } from './approve-completion/approve-completion.web';
import { SendBackCompletionHttpController } from './send-back-completion/send-back-completion.http';
import { SendBackCompletionWebController } from './send-back-completion/send-back-completion.web';
import { AssignActionHttpController } from './assign-action/assign-action.http';
import { AssignActionWebController } from './assign-action/assign-action.web';
import { UnitOwnersHandler } from './assign-action/unit-owners.query';
import { CorrectRecommendationHttpController } from './correct-recommendation/correct-recommendation.http';
import { CorrectRecommendationWebController } from './correct-recommendation/correct-recommendation.web';
import { EditActionHttpController } from './edit-action/edit-action.http';
import { EditActionWebController } from './edit-action/edit-action.web';
import { RetractProgressHttpController } from './retract-progress/retract-progress.http';
import { RetractProgressWebController } from './retract-progress/retract-progress.web';
import { CancelActionHttpController } from './cancel-action/cancel-action.http';
import { CancelActionWebController } from './cancel-action/cancel-action.web';
import { ChangeRecommendationHandler } from './change-recommendation.handler';
import { CompleteActionHttpController } from './complete-action/complete-action.http';
import { CompleteActionWebController } from './complete-action/complete-action.web';
import { GetHistoryHttpController } from './get-history/get-history.http';
import { GetRecommendationHttpController } from './get-recommendation/get-recommendation.http';
import { GetRecommendationWebController } from './get-recommendation/get-recommendation.web';
import { ListRecommendationsHttpController } from './list-recommendations/list-recommendations.http';
import { ListRecommendationsWebController } from './list-recommendations/list-recommendations.web';
import { MyActionsHandler, ToApproveHandler } from './my-actions/my-actions.query';
import { MyActionsWebController } from './my-actions/my-actions.web';
import { CountRecommendationsByReviewHandler } from './count-recommendations.query';
import { GetHistoryHandler, GetTimelineHandler } from './get-history/get-history.query';
import { ListRecommendationDetailsHandler } from './list-details.query';
import { GetRecommendationHandler, ReadRecommendationHandler } from './get-recommendation/get-recommendation.query';
import { ListRecommendationsHandler, ListRecommendationsPageHandler } from './list-recommendations/list-recommendations.query';
import { ListUpdatesHttpController } from './list-updates/list-updates.http';
import { ListUpdatesHandler } from './list-updates/list-updates.query';
import { PublishSummaryHttpController } from './publish-summary/publish-summary.http';
import { PublishSummaryWebController } from './publish-summary/publish-summary.web';
import { RecommendationPage } from './recommendation-page';
import { RecordAssessmentHttpController } from './record-assessment/record-assessment.http';
import { RecordAssessmentWebController } from './record-assessment/record-assessment.web';
import { RecordDecisionHttpController } from './record-decision/record-decision.http';
import { RecordDecisionWebController } from './record-decision/record-decision.web';
import { RegisterRecommendationHttpController } from './register-recommendation/register-recommendation.http';
import { ReopenRecommendationHttpController } from './reopen-recommendation/reopen-recommendation.http';
import { ReopenRecommendationWebController } from './reopen-recommendation/reopen-recommendation.web';
import { ReportProgressHttpController } from './report-progress/report-progress.http';
import { ReportProgressWebController } from './report-progress/report-progress.web';
import { DiscussionModule } from './discussion/discussion.module';
import { RescheduleActionHttpController } from './reschedule-action/reschedule-action.http';
import { RescheduleActionWebController } from './reschedule-action/reschedule-action.web';

/**
 * Recommendations, a folder per use case, each with its API route and, where
 * the UI has one, its page or form. Every write goes through the one
 * ChangeRecommendationHandler; the recommendation page (RecommendationPage)
 * is shown by its GET and by every refused form. The web shell (pages, the
 * session guard, error pages) comes from WebModule.
 */
@Module({
  imports: [WebModule, DiscussionModule],
  controllers: [
    ListRecommendationsHttpController,
    GetRecommendationHttpController,
    GetHistoryHttpController,
    ListUpdatesHttpController,
    RegisterRecommendationHttpController,
    RecordDecisionHttpController,
    RecordAssessmentHttpController,
    ReopenRecommendationHttpController,
    AddActionHttpController,
    ReportProgressHttpController,
    RescheduleActionHttpController,
    CompleteActionHttpController,
    ApproveCompletionHttpController,
    SendBackCompletionHttpController,
    CancelActionHttpController,
    AssignActionHttpController,
    EditActionHttpController,
    RetractProgressHttpController,
    CorrectRecommendationHttpController,
    EditActionWebController,
    AssignActionWebController,
    RetractProgressWebController,
    CorrectRecommendationWebController,
    ListRecommendationsWebController,
    GetRecommendationWebController,
    RecordDecisionWebController,
    RecordAssessmentWebController,
    ReopenRecommendationWebController,
    AddActionWebController,
    ReportProgressWebController,
    RescheduleActionWebController,
    CompleteActionWebController,
    ApproveCompletionWebController,
    SendBackCompletionWebController,
    CancelActionWebController,
    MyActionsWebController,
    PublishSummaryHttpController,
    PublishSummaryWebController,
  ],
  providers: [UnitOwnersHandler, ChangeRecommendationHandler, ListRecommendationsHandler, ListRecommendationsPageHandler, ListUpdatesHandler, GetRecommendationHandler, ReadRecommendationHandler, GetHistoryHandler, GetTimelineHandler, MyActionsHandler, ToApproveHandler, CountRecommendationsByReviewHandler, ListRecommendationDetailsHandler, RecommendationPage],
})
export class RecommendationsModule {}
