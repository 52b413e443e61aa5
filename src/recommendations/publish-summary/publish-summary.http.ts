import { Body, Controller, Delete, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { Clock } from '../../kernel/clock';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { ChangeRecommendationCommand } from '../change-recommendation.command';
import type { RecommendationCommand } from '../domain/recommendation.decide';
import { toDetail } from '../recommendation.views';
import { PublishSummaryRequest, toPublishSummary, toWithdrawSummary } from './publish-summary.request';

/**
 * Secretaries and admins publish what the public page shows of a
 * recommendation and of each action; nothing staff typed is public until then.
 * The domain checks the role; publishing and withdrawing are events.
 */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations/:id')
export class PublishSummaryHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Put('public-summary')
  @ApiOperation({ summary: "Publish or change the recommendation's summary on the public page (secretary, admin)" })
  publish(@Param('id', UuidParam) id: string, @Body() b: PublishSummaryRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.write(id, toPublishSummary(null, b), ctx, res);
  }

  @Delete('public-summary')
  @ApiOperation({ summary: "Withdraw the recommendation's summary from the public page (secretary, admin)" })
  withdraw(@Param('id', UuidParam) id: string, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.write(id, toWithdrawSummary(null), ctx, res);
  }

  @Put('actions/:actionId/public-summary')
  @ApiOperation({ summary: "Publish or change an action's summary on the public page (secretary, admin)" })
  publishAction(
    @Param('id', UuidParam) id: string,
    @Param('actionId', UuidParam) actionId: string,
    @Body() b: PublishSummaryRequest,
    @WriteCtx() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(id, toPublishSummary(actionId, b), ctx, res);
  }

  @Delete('actions/:actionId/public-summary')
  @ApiOperation({ summary: "Withdraw an action's summary from the public page (secretary, admin)" })
  withdrawAction(@Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.write(id, toWithdrawSummary(actionId), ctx, res);
  }

  private async write(id: string, command: RecommendationCommand, ctx: WriteContext, res: Response) {
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, command, ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()));
  }
}
