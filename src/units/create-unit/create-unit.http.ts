import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { ChangeUnitCommand, toUnitView } from '../units.cqrs';
import { CreateUnitRequest, toCreateUnit } from './create-unit.request';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class CreateUnitHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a unit with its Swedish and English names (admin); an id already taken is 409' })
  async create(@Body() b: CreateUnitRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeUnitCommand(b.id, toCreateUnit(b), ctx));
    return respond(res, written, toUnitView(written.state), 201);
  }
}
