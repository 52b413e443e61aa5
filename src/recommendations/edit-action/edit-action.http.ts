import { Body, Controller, Param, Patch, Res } from '@nestjs/common';
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
import { EditActionRequest, toEditAction } from './edit-action.request';

/** Officers and unit heads of the action's unit, secretaries and admins; the history keeps both versions. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions')
export class EditActionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Patch(':actionId')
  @ApiOperation({ summary: "Correct an action's title or description, with a reason; the history keeps what it said before" })
  async edit(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: EditActionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toEditAction(actionId, b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
