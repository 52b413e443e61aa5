import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { Clock } from '../../kernel/clock';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { ReasonRequest } from '../committee.request';
import { ChangeRecommendationCommand } from '../change-recommendation.command';
import { toDetail } from '../recommendation.views';
import { toSendBackCompletion } from './send-back-completion.request';

/** A claimed completion sent back with a reason: the action is in progress again. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions')
export class SendBackCompletionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':actionId/send-back')
  @HttpCode(200)
  async sendBack(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: ReasonRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toSendBackCompletion(actionId, b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
