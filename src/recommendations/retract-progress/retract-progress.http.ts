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
import { ReasonRequest } from '../committee.request';
import { toDetail } from '../recommendation.views';
import { toRetractProgress, UpdateIdParam } from './retract-progress.request';

/** A note reported by mistake: it stays in the history, marked, and the action's progress is the latest note still counted. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions')
export class RetractProgressHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':actionId/progress/:updateId/retract')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retract a progress note, with a reason: it stays, marked retracted, and no longer counts' })
  async retract(
    @Param('id', UuidParam) id: string,
    @Param('actionId', UuidParam) actionId: string,
    @Param('updateId', UpdateIdParam) updateId: number,
    @Body() b: ReasonRequest,
    @WriteCtx() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toRetractProgress(actionId, updateId, b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
