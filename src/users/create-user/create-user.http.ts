import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Allow, WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { respond } from '../../kernel/http/respond';
import { ChangeUserCommand, toUserView } from '../users.cqrs';
import { Welcome } from '../welcome';
import { createReason, CreateUserRequest, toCreateUser } from './create-user.request';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class CreateUserHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly welcome: Welcome,
  ) {}

  @Post()
  @Allow('administerUsers')
  @ApiOperation({ summary: 'Create a user (admin); they get a mail with a link to set a password (`passwordMail` says how its first try went). An address already taken is 409' })
  async create(@Body() b: CreateUserRequest, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const userId = randomUUID();
    const written = await this.commands.execute(new ChangeUserCommand(userId, toCreateUser(userId, b), ctx, createReason(b)));
    // A replay made no user, so it sends no second mail: it says how the first is going.
    const passwordMail = written.replayed ? await this.welcome.statusOf(written.state) : await this.welcome.send(written.state);
    return respond(res, written, { ...toUserView(written.state), passwordMail }, 201);
  }
}
