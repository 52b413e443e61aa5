import { Body, Controller, Param, Patch, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { UuidParam } from '../../kernel/http/validators';
import { reasonOf } from '../user.request';
import { ChangeUserCommand, GetUserQuery } from '../users.cqrs';
import { ChangeUserRequest, toChangeUser } from './change-user.request';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class ChangeUserHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Patch(':id')
  @Allow('administerUsers')
  @ApiOperation({
    summary: "Change a user's name, role, unit, language or active, with a reason (admin). A new role or unit, or deactivation, ends their sessions at once; the last active admin stays (409)",
  })
  async change(@Param('id', UuidParam) id: string, @Body() b: ChangeUserRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const written = await this.commands.execute(new ChangeUserCommand(id, toChangeUser(b), ctx, reasonOf(b.reason)));
    // The user as the list shows them, with the last sign-in, which is no event's.
    const { version: _version, ...user } = await this.queries.execute(new GetUserQuery(id));
    return respond(res, written, user);
  }
}
