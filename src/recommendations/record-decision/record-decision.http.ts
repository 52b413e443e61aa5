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
import { RecordDecisionRequest, toRecordDecision } from './record-decision.request';

/** Secretaries and admins record what the committee said; the domain checks the role and the status. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecordDecisionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the committee's decision (secretary, admin)" })
  async decide(@Param('id', UuidParam) id: string, @Body() b: RecordDecisionRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toRecordDecision(b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
