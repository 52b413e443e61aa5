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
import { RecordAssessmentRequest, toRecordAssessment } from './record-assessment.request';

/** Secretaries and admins record what the committee said; the domain checks the role and the status. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecordAssessmentHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post(':id/assessment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assess how far it was implemented, closing it (secretary, admin)' })
  async assess(@Param('id', UuidParam) id: string, @Body() b: RecordAssessmentRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toRecordAssessment(b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
