import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { CycleRequest } from '../cycle.request';
import { ChangeCycleCommand, toCycleView } from '../cycles.cqrs';
import { toCreateCycle } from './create-cycle.request';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CreateCycleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a planning cycle with its milestones (admin)' })
  async create(@Body() b: CycleRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const cycleId = randomUUID();
    const written = await this.commands.execute(new ChangeCycleCommand(cycleId, toCreateCycle(cycleId, b), ctx));
    return respond(res, written, toCycleView(written.state), 201);
  }
}
