import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { Clock } from '../../kernel/clock';
import { respond } from '../../kernel/http/respond';
import { ChangeRecommendationCommand } from '../change-recommendation.command';
import { toDetail } from '../recommendation.views';
import { RegisterRecommendationRequest, toRegisterRecommendation } from './register-recommendation.request';

/** Translates HTTP to commands; every rule lives in the domain. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RegisterRecommendationHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a recommendation (secretary, admin)' })
  async register(@Body() b: RegisterRecommendationRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const id = randomUUID();
    const written = await this.commands.execute(new ChangeRecommendationCommand(id, toRegisterRecommendation(id, b), ctx));
    return respond(res, written, toDetail(written.state, this.clock.today()), 201);
  }
}
