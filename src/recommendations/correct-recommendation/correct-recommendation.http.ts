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
import { CorrectRecommendationRequest, toCorrectRecommendation } from './correct-recommendation.request';

/** Secretaries and admins; the corrected entry stays in the history, marked. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class CorrectRecommendationHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':id/corrections')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct the latest decision or assessment, recorded by mistake: the status returns to what it was before it' })
  async correct(@Param('id', UuidParam) id: string, @Body() b: CorrectRecommendationRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toCorrectRecommendation(b), ctx));
    // 200 with the detail, as a decision or an assessment is answered: a correction has no address of its own.
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
