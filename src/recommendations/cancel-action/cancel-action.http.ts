import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { Clock } from '../../kernel/clock';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { ChangeRecommendationCommand } from '../change-recommendation.command';
import { toDetail } from '../recommendation.views';
import { ReasonRequest } from '../committee.request';
import { toCancelAction } from './cancel-action.request';

/** Officers and unit heads work on the actions of their own unit; the domain checks the scope. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions')
export class CancelActionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':actionId/cancel')
  @HttpCode(200)
  async cancel(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: ReasonRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toCancelAction(actionId, b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
