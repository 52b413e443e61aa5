import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { writeContext } from '../event-store/command-runner';
import { UuidParam } from '../kernel/http/validators';
import { paths, routes } from '../kernel/paths';
import { reviewsProjection } from '../reviews/reviews.projection';
import { StateReader } from '../projections/state-reader';
import { ChangeRecommendationCommand } from '../recommendations/commands/change-recommendation.command';
import { toMeeting } from '../recommendations/http/committee.request.dto';
import { RegisterRecommendationRequest } from '../recommendations/http/recommendation-writes.request.dto';
import type { ReviewState } from '../reviews/domain/review';
import { RegisterReviewRequest, ReviewDecisionRequest } from '../reviews/http/reviews.request.dto';
import { ChangeReviewCommand, GetReviewQuery, ListReviewsQuery } from '../reviews/reviews.cqrs';
import { reviewCapabilities } from './capabilities';
import { formInputName, invalidForm, optional, refusal, validateForm, type FormProblem } from './form-problems';
import type { WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { WebPages } from './web-pages';

type Form = Record<string, string | undefined>;

const withoutToken = ({ _csrf: _token, ...values }: Form): Form => values;

/** Secretaries register reviews, their recommendations and the committee's decisions on them; everyone signed in reads them. */
@WebController()
export class ReviewsWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reader: StateReader,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.reviews)
  list(@Req() req: WebRequest, @Res() res: Response) {
    return this.showList(req, res, null, {});
  }

  @Post(routes.reviews)
  async register(@Req() req: WebRequest, @Res() res: Response, @Body() b: Form): Promise<void> {
    const { t, user } = req.web!;
    const input = { title: b.title ?? '', reviewer: b.reviewer ?? '', reviewedOn: b.reviewedOn ?? '', committee: b.committee ?? '', diaryNumber: optional(b.diaryNumber) };
    const checked = await validateForm(RegisterReviewRequest, input, t);
    if (!checked.ok) return this.showList(req, res, invalidForm('register-review', checked.fields, t), withoutToken(b));
    const reviewId = randomUUID();
    const v = checked.value;
    try {
      await this.commands.execute(
        new ChangeReviewCommand(reviewId, { type: 'RegisterReview', reviewId, title: v.title, reviewer: v.reviewer, reviewedOn: v.reviewedOn, committee: v.committee, diaryNumber: v.diaryNumber ?? null }, writeContext(user!)),
      );
    } catch (error) {
      return this.showList(req, res, refusal(error, 'register-review', t), withoutToken(b));
    }
    res.redirect(303, paths.review(reviewId, { notice: 'reviewRegistered' }));
  }

  @Get(routes.review)
  show(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string) {
    return this.showReview(req, res, id, null, {});
  }

  @Post(routes.reviewDecision)
  async recordDecision(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    const { t, user } = req.web!;
    const input = { text: b.text ?? '', meeting: { body: b.meetingBody ?? '', date: b.meetingDate ?? '', paragraph: optional(b.meetingParagraph), diaryNumber: optional(b.meetingDiaryNumber) } };
    const checked = await validateForm(ReviewDecisionRequest, input, t, formInputName);
    if (!checked.ok) return this.showReview(req, res, id, invalidForm('review-decision', checked.fields, t), withoutToken(b));
    try {
      const change = { type: 'RecordReviewDecision' as const, decisionId: randomUUID(), text: checked.value.text, meeting: toMeeting(checked.value.meeting) };
      await this.commands.execute(new ChangeReviewCommand(id, change, writeContext(user!)));
    } catch (error) {
      return this.showReview(req, res, id, refusal(error, 'review-decision', t, formInputName), withoutToken(b));
    }
    res.redirect(303, paths.review(id, { notice: 'reviewDecisionRecorded', anchor: 'decisions' }));
  }

  @Post(routes.registerRecommendation)
  async registerRecommendation(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    const { t, user } = req.web!;
    const input = { reviewId: id, code: b.code ?? '', title: b.title ?? '', text: b.text ?? '', textEn: optional(b.textEn), responsibleUnit: b.responsibleUnit ?? '' };
    const checked = await validateForm(RegisterRecommendationRequest, input, t);
    if (!checked.ok) return this.showReview(req, res, id, invalidForm('register-recommendation', checked.fields, t), withoutToken(b));
    const recommendationId = randomUUID();
    try {
      const v = checked.value;
      await this.commands.execute(
        new ChangeRecommendationCommand(
          recommendationId,
          { type: 'RegisterRecommendation', recommendationId, reviewId: id, code: v.code, title: v.title, text: v.text, textEn: v.textEn ?? null, responsibleUnit: v.responsibleUnit },
          writeContext(user!),
        ),
      );
    } catch (error) {
      return this.showReview(req, res, id, refusal(error, 'register-recommendation', t), withoutToken(b));
    }
    res.redirect(303, paths.recommendation(recommendationId, { notice: 'recommendationRegistered' }));
  }

  private async showList(req: WebRequest, res: Response, problem: FormProblem | null, values: Form): Promise<void> {
    const { t, user } = req.web!;
    const reviews = await this.queries.execute(new ListReviewsQuery());
    this.pages.render(req, res, 'reviews.eta', t.reviews.title, { reviews, can: reviewCapabilities(null, user!), problem, values }, problem?.status ?? 200);
  }

  private async showReview(req: WebRequest, res: Response, id: string, problem: FormProblem | null, values: Form): Promise<void> {
    const { user } = req.web!;
    const review = (await this.queries.execute(new GetReviewQuery(id))) as ReviewState & { recommendations: { id: string; code: string; title: string; status: string; progressPercent: number; responsibleUnit: string }[] };
    const state = await this.reader.one<ReviewState>(reviewsProjection, id);
    this.pages.render(req, res, 'review.eta', review.title, { review, can: reviewCapabilities(state, user!), problem, values }, problem?.status ?? 200);
  }
}
