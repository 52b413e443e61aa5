import { Body, Controller, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { ChangeUnitCommand, toUnitView } from '../units.cqrs';
import { ChangeUnitRequest, toChangeUnit } from './change-unit.request';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class ChangeUnitHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, retire or reinstate a unit, with a reason (admin); retiring a unit with open actions is 409 and lists them' })
  async change(@Param('id') id: string, @Body() b: ChangeUnitRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeUnitCommand(id, toChangeUnit(b), ctx, b.reason));
    return respond(res, written, toUnitView(written.state));
  }
}
