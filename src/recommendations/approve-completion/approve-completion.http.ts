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
import { ApproveCompletionRequest, toApproveCompletion } from './approve-completion.request';

/** The unit's head, a secretary or an admin, never the claimant, approves a claimed completion; the domain checks who. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('recommendations/:id/actions')
export class ApproveCompletionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':actionId/approve')
  @HttpCode(200)
  async approve(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: ApproveCompletionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toApproveCompletion(actionId, b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
