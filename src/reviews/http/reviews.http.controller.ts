import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { toMeeting } from '../../recommendations/http/committee.request.dto';
import { ChangeReviewCommand, GetReviewQuery, ListReviewsQuery, toReviewView } from '../reviews.cqrs';
import { RegisterReviewRequest, ReviewDecisionRequest } from './reviews.request.dto';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  list() {
    return this.queries.execute(new ListReviewsQuery());
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetReviewQuery(id));
  }

  @Post()
  async register(@Body() b: RegisterReviewRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const reviewId = randomUUID();
    const change = { type: 'RegisterReview' as const, reviewId, ...b, diaryNumber: b.diaryNumber ?? null };
    const written = await this.commands.execute(new ChangeReviewCommand(reviewId, change, ctx));
    return respond(res, written, toReviewView(written.state), 201);
  }

  @Post(':id/decisions')
  async decide(@Param('id', UuidParam) id: string, @Body() b: ReviewDecisionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const change = { type: 'RecordReviewDecision' as const, decisionId: randomUUID(), text: b.text, meeting: toMeeting(b.meeting)! };
    const written = await this.commands.execute(new ChangeReviewCommand(id, change, ctx));
    return respond(res, written, toReviewView(written.state), 201);
  }
}
