import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { ChangeReviewCommand, toReviewView } from '../reviews.cqrs';
import { ReviewDecisionRequest, toRecordReviewDecision } from './record-review-decision.request';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class RecordReviewDecisionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/decisions')
  async decide(@Param('id', UuidParam) id: string, @Body() b: ReviewDecisionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeReviewCommand(id, toRecordReviewDecision(randomUUID(), b), ctx));
    return respond(res, written, toReviewView(written.state), 201);
  }
}
