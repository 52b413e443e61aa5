import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pageHeaders } from '../../kernel/http/paging';
import { Allow } from '../../auth/auth.decorators';
import { listAsFile } from '../../kernel/spreadsheet';
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
  @ApiOperation({ summary: 'Users by email unless sort= names a column, q= part of a name or address, paged by limit and after (admin, secretary, auditor); format=csv|xlsx for a file, every user without limit' })
  async list(@Query() q: UserListRequest, @Res({ passthrough: true }) res: Response) {
    if ((q.format === 'csv' || q.format === 'xlsx') && q.limit === undefined && q.after === undefined) {
      // A file is every user, read a page at a time.
      const users: object[] = [];
      let after: string | null = null;
      do {
        const next: { items: object[]; nextAfter: string | null; total: number } = await this.queries.execute(new ListUsersQuery({ limit: 1000, after }, { sort: q.sort, q: q.q }));
        users.push(...next.items);
        res.setHeader('X-Total-Count', String(next.total));
        after = next.nextAfter;
      } while (after !== null);
      return listAsFile(q.format, 'users', users);
    }
    const page = await this.queries.execute(new ListUsersQuery({ limit: q.limit ?? DEFAULT_PAGE_SIZE, after: q.after ?? null }, { sort: q.sort, q: q.q }));
    const items = pageHeaders(res, page);
    return q.format === 'csv' || q.format === 'xlsx' ? listAsFile(q.format, 'users', items) : items;
  }
}
