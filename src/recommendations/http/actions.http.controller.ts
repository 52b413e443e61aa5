import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { Clock } from '../../kernel/clock';
import { respond } from '../../kernel/http/respond';
import { toDetail } from '../recommendation.views';
import { UuidParam } from '../../kernel/http/validators';
import { ChangeRecommendationCommand } from '../commands/change-recommendation.command';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { ReasonRequest } from './committee.request.dto';
import {
  AddActionRequest,
  AssignActionRequest,
  CompleteActionRequest,
  ReportProgressRequest,
  RescheduleActionRequest,
} from './recommendation-writes.request.dto';

/** Officers and unit heads work on the actions of their own unit; the domain checks the scope. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions')
export class ActionsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add an action (while the recommendation is accepted or in progress)' })
  add(@Param('id', UuidParam) id: string, @Body() b: AddActionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, {
      type: 'AddAction',
      actionId: randomUUID(),
      title: b.title,
      description: b.description ?? null,
      responsibleUnit: b.responsibleUnit,
      ownerEmail: b.ownerEmail.toLowerCase(),
      dueDate: b.dueDate,
    }, ctx);
  }

  @Post(':actionId/progress')
  @ApiOperation({ summary: 'Report progress with a note and evidence links' })
  progress(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: ReportProgressRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const evidence = (b.evidence ?? []).map((e) => ({ title: e.title, url: e.url }));
    return this.change(res, id, { type: 'ReportProgress', actionId, progressPercent: b.progressPercent, note: b.note, evidence }, ctx);
  }

  @Post(':actionId/reschedule')
  @ApiOperation({ summary: 'Move the due date, with a reason; the original date stays visible' })
  reschedule(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: RescheduleActionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, { type: 'RescheduleAction', actionId, dueDate: b.dueDate, reason: b.reason }, ctx);
  }

  @Post(':actionId/complete')
  complete(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: CompleteActionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, { type: 'CompleteAction', actionId, note: b.note }, ctx);
  }

  @Post(':actionId/cancel')
  cancel(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: ReasonRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, { type: 'CancelAction', actionId, reason: b.reason }, ctx);
  }

  @Post(':actionId/assign')
  @ApiOperation({ summary: 'Give the action to another owner, and optionally another unit' })
  assign(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: AssignActionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.change(res, id, { type: 'AssignAction', actionId, ownerEmail: b.ownerEmail.toLowerCase(), responsibleUnit: b.responsibleUnit ?? null }, ctx);
  }

  private async change(res: Response, id: string, change: RecommendationCommand, ctx: WriteContext) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, change, ctx));
    const created = change.type === 'RegisterRecommendation' || change.type === 'AddAction';
    return respond(res, written, toDetail(written.state, this.clock.today()), created ? 201 : 200);
  }
}
