import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../../auth/auth.decorators';
import { ListUsersQuery } from '../users.cqrs';
import { DEFAULT_PAGE_SIZE } from './list-users.query';
import { UserListRequest } from './list-users.request';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class ListUsersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('readUsers')
  @ApiOperation({ summary: 'Users by email, paged by limit and after (admin, secretary, auditor)' })
  async list(@Query() q: UserListRequest, @Res({ passthrough: true }) res: Response) {
    const page = await this.queries.execute(new ListUsersQuery({ limit: q.limit ?? DEFAULT_PAGE_SIZE, after: q.after ?? null }));
    res.setHeader('X-Total-Count', String(page.total));
    if (page.nextAfter !== null) res.setHeader('X-Next-After', page.nextAfter);
    return page.items;
  }
}
