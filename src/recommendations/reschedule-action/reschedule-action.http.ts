import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { Clock } from '../../kernel/clock';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { ChangeRecommendationCommand } from '../change-recommendation.command';
import { toDetail } from '../recommendation.views';
import { RescheduleActionRequest, toRescheduleAction } from './reschedule-action.request';

/** Officers and unit heads work on the actions of their own unit; the domain checks the scope. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions')
export class RescheduleActionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':actionId/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the due date, with a reason; the original date stays visible' })
  async reschedule(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: RescheduleActionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toRescheduleAction(actionId, b, this.clock.today()), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
