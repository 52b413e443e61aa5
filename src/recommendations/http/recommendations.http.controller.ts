import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { parseAsOf } from '../../kernel/as-of';
import { invalid } from '../../kernel/domain-error';
import { Clock } from '../../kernel/clock';
import { respond } from '../../kernel/http/respond';
import { toDetail } from '../recommendation.views';
import { UuidParam } from '../../kernel/http/validators';
import { ChangeRecommendationCommand } from '../commands/change-recommendation.command';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../domain/recommendation.state';
import { GetHistoryQuery } from '../queries/get-history.query';
import { GetRecommendationQuery } from '../queries/get-recommendation.query';
import { ListRecommendationsQuery } from '../queries/list-recommendations.query';
import { RecordAssessmentRequest, RecordDecisionRequest, ReasonRequest, toMeeting } from './committee.request.dto';
import { AsOfRequest, RecommendationListRequest, RegisterRecommendationRequest } from './recommendation-writes.request.dto';

/** Translates HTTP to commands and queries; every rule lives in the domain. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecommendationsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Summaries, ordered by review then code; asOf answers as things stood then' })
  list(@Query() q: RecommendationListRequest) {
    if (q.status && !RECOMMENDATION_STATUSES.includes(q.status as RecommendationStatus)) {
      throw invalid(`Unknown status ${q.status}`, [{ field: 'status', message: `must be one of ${RECOMMENDATION_STATUSES.join(', ')}` }]);
    }
    return this.queries.execute(new ListRecommendationsQuery({ reviewId: q.reviewId, status: q.status, unit: q.unit }, parseAsOf(q.asOf)));
  }

  @Get(':id')
  async get(@Param('id', UuidParam) id: string, @Query() q: AsOfRequest, @Res({ passthrough: true }) res: Response) {
    const detail = await this.queries.execute(new GetRecommendationQuery(id, parseAsOf(q.asOf)));
    res.setHeader('ETag', `"${detail.version}"`);
    return detail;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the recommendation, oldest first: who, when, why, what' })
  history(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetHistoryQuery(id));
  }

  @Post()
  @ApiOperation({ summary: 'Register a recommendation (secretary, admin)' })
  register(@Body() b: RegisterRecommendationRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const id = randomUUID();
    return this.change(res, id, { type: 'RegisterRecommendation', recommendationId: id, ...b, textEn: b.textEn ?? null }, ctx);
  }

  @Post(':id/decision')
  @ApiOperation({ summary: "Record the committee's decision (secretary, admin)" })
  decide(@Param('id', UuidParam) id: string, @Body() b: RecordDecisionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, { type: 'RecordDecision', decision: b.decision, reason: b.reason, meeting: toMeeting(b.meeting) }, ctx);
  }

  @Post(':id/assessment')
  @ApiOperation({ summary: 'Assess how far it was implemented, closing it (secretary, admin)' })
  assess(@Param('id', UuidParam) id: string, @Body() b: RecordAssessmentRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, { type: 'RecordAssessment', status: b.status, reason: b.reason, meeting: toMeeting(b.meeting) }, ctx);
  }

  @Post(':id/reopen')
  @ApiOperation({ summary: 'Bring an assessed recommendation back in progress (secretary, admin)' })
  reopen(@Param('id', UuidParam) id: string, @Body() b: ReasonRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, { type: 'ReopenRecommendation', reason: b.reason }, ctx);
  }

  private async change(res: Response, id: string, change: RecommendationCommand, ctx: WriteContext) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, change, ctx));
    const created = change.type === 'RegisterRecommendation' || change.type === 'AddAction';
    return respond(res, written, toDetail(written.state, this.clock.today()), created ? 201 : 200);
  }
}

