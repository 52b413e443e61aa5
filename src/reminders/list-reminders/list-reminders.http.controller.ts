import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import type { Response } from 'express';
import { respondPage } from '../../kernel/http/paging';
import { ListRemindersQuery } from './list-reminders.query';
import { ListRemindersRequest } from './list-reminders.request.dto';

@ApiTags('planning cycles and reminders')
@ApiBearerAuth()
@Controller('reminders')
export class ListRemindersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('listReminders')
  @ApiOperation({ summary: 'Reminders by status, in send order (secretary, admin); paged by limit and after; format=csv|xlsx for a file, every reminder without limit' })
  async list(@Query() q: ListRemindersRequest, @Res({ passthrough: true }) res: Response) {
    const reminders: { id: string }[] = await this.queries.execute(new ListRemindersQuery(q.status));
    return respondPage(res, q, 'reminders', reminders, q.status ?? '');
  }
}
