import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { CycleRequest } from '../cycle.request';
import { ChangeCycleCommand, toCycleView } from '../cycles.cqrs';
import { toChangeCycle } from './change-cycle.request';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class ChangeCycleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id')
  @ApiOperation({ summary: "Change a cycle: its milestones' dates, the reminder days (admin)" })
  async change(@Param('id', UuidParam) id: string, @Body() b: CycleRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeCycleCommand(id, toChangeCycle(b), ctx));
    return respond(res, written, toCycleView(written.state));
  }
}
