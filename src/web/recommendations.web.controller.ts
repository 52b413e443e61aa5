import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { ClassConstructor } from 'class-transformer';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { writeContext } from '../event-store/command-runner';
import { parseAsOf } from '../kernel/as-of';
import { DomainError } from '../kernel/domain-error';
import { paths, routes } from '../kernel/paths';
import { UuidParam } from '../kernel/http/validators';
import { recommendationsProjection } from '../recommendations/recommendations.projection';
import { StateReader } from '../projections/state-reader';
import { ChangeRecommendationCommand } from '../recommendations/commands/change-recommendation.command';
import type { RecommendationCommand } from '../recommendations/domain/recommendation.decide';
import { RECOMMENDATION_STATUSES, type RecommendationState, type RecommendationStatus } from '../recommendations/domain/recommendation.state';
import { ReasonRequest, RecordAssessmentRequest, RecordDecisionRequest, toMeeting } from '../recommendations/http/committee.request.dto';
import {
  AddActionRequest,
  CompleteActionRequest,
  ReportProgressRequest,
  RescheduleActionRequest,
} from '../recommendations/http/recommendation-writes.request.dto';
import { GetHistoryQuery } from '../recommendations/queries/get-history.query';
import { GetRecommendationQuery } from '../recommendations/queries/get-recommendation.query';
import { ListRecommendationsQuery } from '../recommendations/queries/list-recommendations.query';
import { ListReviewsQuery } from '../reviews/reviews.cqrs';
import { NO_CAPABILITIES, recommendationCapabilities, type RecommendationCapabilities } from './capabilities';
import { formInputName, invalidForm, optional, refusal, validateForm, wholeNumber, type FormProblem } from './form-problems';
import { describeTimeline } from './timeline';
import type { WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { WebPages } from './web-pages';

type Form = Record<string, string | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const EVIDENCE_ROWS = 3;

interface ReviewSummary {
  id: string;
  title: string;
}

/** Meeting fields of a committee form; none filled in means no meeting. */
function meetingInput(body: Form) {
  const parts = { body: body.meetingBody, date: body.meetingDate, paragraph: body.meetingParagraph, diaryNumber: body.meetingDiaryNumber };
  if (!Object.values(parts).some((v) => optional(v) !== undefined)) return undefined;
  return { body: parts.body ?? '', date: parts.date ?? '', paragraph: optional(parts.paragraph), diaryNumber: optional(parts.diaryNumber) };
}

/** The evidence rows someone filled in, and which form row each came from (for errors next to the right field). */
function evidenceInput(body: Form): { evidence: { title: string; url: string }[]; rows: number[] } {
  const evidence: { title: string; url: string }[] = [];
  const rows: number[] = [];
  for (let row = 1; row <= EVIDENCE_ROWS; row++) {
    const title = body[`evidenceTitle${row}`] ?? '';
    const url = body[`evidenceUrl${row}`] ?? '';
    if (title.trim() === '' && url.trim() === '') continue;
    evidence.push({ title, url: url.trim() });
    rows.push(row);
  }
  return { evidence, rows };
}

/** Whether the page shows the form a problem belongs to, so its errors have somewhere to go. */
function offered(form: string, can: RecommendationCapabilities): boolean {
  const [, kind, actionId] = /^(progress|reschedule|complete|cancel)-(.+)$/.exec(form) ?? [];
  if (kind) return can.actions[actionId]?.[kind as 'progress'] ?? false;
  return { 'add-action': can.addAction, decision: can.decisions.length > 0, assessment: can.assessments.length > 0, reopen: can.reopen }[form] ?? false;
}

/** The recommendation list, one recommendation with its timeline, and every write on it: each a command or query of the API's own. */
@WebController()
export class RecommendationsWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reader: StateReader,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.recommendations)
  async list(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    const { t } = req.web!;
    const filter = {
      reviewId: q.reviewId && UUID.test(q.reviewId) ? q.reviewId : undefined,
      status: q.status && RECOMMENDATION_STATUSES.includes(q.status as RecommendationStatus) ? q.status : undefined,
      unit: optional(q.unit),
    };
    let asOf: string | null = null;
    let asOfError: string | null = null;
    try {
      asOf = parseAsOf(optional(q.asOf));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      asOfError = t.errors.date;
    }
    const [recommendations, everything, reviews] = await Promise.all([
      this.queries.execute(new ListRecommendationsQuery(filter, asOf)),
      this.queries.execute(new ListRecommendationsQuery({}, null)),
      this.queries.execute(new ListReviewsQuery()) as Promise<ReviewSummary[]>,
    ]);
    const units = [...new Set(everything.map((r) => r.responsibleUnit))].sort();
    this.pages.render(req, res, 'recommendations.eta', t.list.title, {
      recommendations,
      reviews,
      reviewTitles: Object.fromEntries(reviews.map((r) => [r.id, r.title])),
      units,
      statuses: RECOMMENDATION_STATUSES,
      filter: { ...filter, asOf: asOf ? asOf.slice(0, 10) : (q.asOf ?? '') },
      asOfDay: asOf ? asOf.slice(0, 10) : null,
      asOfError,
      overdueTotal: recommendations.reduce((sum, r) => sum + r.overdueActionCount, 0),
    });
  }

  @Get(routes.recommendation)
  async show(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Query('asOf') asOf?: string): Promise<void> {
    await this.showDetail(req, res, id, parseAsOf(optional(asOf)), null, {});
  }

  @Post(routes.addAction)
  addAction(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form) {
    const input = { title: b.title ?? '', description: optional(b.description), responsibleUnit: b.responsibleUnit ?? '', ownerEmail: b.ownerEmail ?? '', dueDate: b.dueDate ?? '' };
    return this.submit(req, res, id, 'add-action', b, AddActionRequest, input, (v): RecommendationCommand => ({
      type: 'AddAction',
      actionId: randomUUID(),
      title: v.title,
      description: v.description ?? null,
      responsibleUnit: v.responsibleUnit,
      ownerEmail: v.ownerEmail.toLowerCase(),
      dueDate: v.dueDate,
    }), 'actionAdded', 'actions');
  }

  @Post(routes.reportProgress)
  progress(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form) {
    const { evidence, rows } = evidenceInput(b);
    const input = { progressPercent: wholeNumber(b.progressPercent ?? ''), note: b.note ?? '', evidence };
    return this.submit(req, res, id, `progress-${actionId}`, b, ReportProgressRequest, input, (v): RecommendationCommand => ({
      type: 'ReportProgress',
      actionId,
      progressPercent: v.progressPercent,
      note: v.note,
      evidence: (v.evidence ?? []).map((e) => ({ title: e.title, url: e.url })),
    }), 'progressReported', `action-${actionId}`, (field) => formInputName(field, rows));
  }

  @Post(routes.rescheduleAction)
  reschedule(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form) {
    return this.submit(req, res, id, `reschedule-${actionId}`, b, RescheduleActionRequest, { dueDate: b.dueDate ?? '', reason: b.reason ?? '' }, (v): RecommendationCommand => ({
      type: 'RescheduleAction',
      actionId,
      dueDate: v.dueDate,
      reason: v.reason,
    }), 'rescheduled', `action-${actionId}`);
  }

  @Post(routes.completeAction)
  complete(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form) {
    return this.submit(req, res, id, `complete-${actionId}`, b, CompleteActionRequest, { note: b.note ?? '' }, (v): RecommendationCommand => ({
      type: 'CompleteAction',
      actionId,
      note: v.note,
    }), 'completed', `action-${actionId}`);
  }

  @Post(routes.cancelAction)
  cancel(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form) {
    return this.submit(req, res, id, `cancel-${actionId}`, b, ReasonRequest, { reason: b.reason ?? '' }, (v): RecommendationCommand => ({
      type: 'CancelAction',
      actionId,
      reason: v.reason,
    }), 'cancelled', `action-${actionId}`);
  }

  @Post(routes.recordDecision)
  decide(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form) {
    const input = { decision: b.decision ?? '', reason: b.reason ?? '', meeting: meetingInput(b) };
    return this.submit(req, res, id, 'decision', b, RecordDecisionRequest, input, (v): RecommendationCommand => ({
      type: 'RecordDecision',
      decision: v.decision,
      reason: v.reason,
      meeting: toMeeting(v.meeting),
    }), 'decisionRecorded', 'committee', formInputName);
  }

  @Post(routes.recordAssessment)
  assess(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form) {
    const input = { status: b.status ?? '', reason: b.reason ?? '', meeting: meetingInput(b) };
    return this.submit(req, res, id, 'assessment', b, RecordAssessmentRequest, input, (v): RecommendationCommand => ({
      type: 'RecordAssessment',
      status: v.status,
      reason: v.reason,
      meeting: toMeeting(v.meeting),
    }), 'assessmentRecorded', 'committee', formInputName);
  }

  @Post(routes.reopen)
  reopen(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form) {
    return this.submit(req, res, id, 'reopen', b, ReasonRequest, { reason: b.reason ?? '' }, (v): RecommendationCommand => ({
      type: 'ReopenRecommendation',
      reason: v.reason,
    }), 'reopened', 'committee');
  }

  /**
   * Validates the form with the API's DTO, sends the command, and on success
   * redirects (POST-redirect-GET). On a refusal the page is shown again with
   * the messages next to the fields and what was typed still in them.
   */
  private async submit<T extends object>(
    req: WebRequest,
    res: Response,
    id: string,
    form: string,
    body: Form,
    dto: ClassConstructor<T>,
    input: Record<string, unknown>,
    toCommand: (value: T) => RecommendationCommand,
    notice: string,
    anchor: string,
    inputName: (field: string) => string = (f) => f,
  ): Promise<void> {
    const { t, user } = req.web!;
    const { _csrf: _token, ...values } = body;
    const checked = await validateForm(dto, input, t, inputName);
    if (!checked.ok) return this.showDetail(req, res, id, null, invalidForm(form, checked.fields, t), values);
    try {
      await this.commands.execute(new ChangeRecommendationCommand(id, toCommand(checked.value), writeContext(user!)));
    } catch (error) {
      return this.showDetail(req, res, id, null, refusal(error, form, t, inputName), values);
    }
    res.redirect(303, paths.recommendation(id, { notice, anchor }));
  }

  private async showDetail(req: WebRequest, res: Response, id: string, asOf: string | null, problem: FormProblem | null, values: Form): Promise<void> {
    const { t, lang, user, units } = req.web!;
    const [detail, history, reviews] = await Promise.all([
      this.queries.execute(new GetRecommendationQuery(id, asOf)),
      this.queries.execute(new GetHistoryQuery(id)),
      this.queries.execute(new ListReviewsQuery()) as Promise<ReviewSummary[]>,
    ]);
    const state = asOf ? null : await this.reader.one<RecommendationState>(recommendationsProjection, id);
    const can = state ? recommendationCapabilities(state, user!) : NO_CAPABILITIES;
    if (problem && !offered(problem.form, can)) {
      // A write tried without its form (a foreign unit's action, an auditor): no field to show the error next to.
      return this.pages.render(req, res, 'error.eta', t.errors.title, { status: problem.status, message: problem.message, detail: problem.detail }, problem.status);
    }
    const shown = asOf ? history.filter((e) => Date.parse(e.occurredAt) <= Date.parse(asOf)) : history;
    this.pages.render(
      req,
      res,
      'recommendation.eta',
      `${detail.code} ${detail.title}`,
      {
        rec: detail,
        review: reviews.find((r) => r.id === detail.reviewId) ?? null,
        timeline: describeTimeline(shown, t, lang, units),
        can,
        asOfDay: asOf ? asOf.slice(0, 10) : null,
        evidenceRows: EVIDENCE_ROWS,
        problem,
        values,
      },
      problem?.status ?? 200,
    );
  }
}
