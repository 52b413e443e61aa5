import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { listAsFile } from '../../kernel/spreadsheet';
import { ListRemindersQuery } from './list-reminders.query';
import { ListRemindersRequest } from './list-reminders.request.dto';

@ApiTags('planning cycles and reminders')
@ApiBearerAuth()
@Controller('reminders')
export class ListRemindersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('listReminders')
  @ApiOperation({ summary: 'Reminders by status, in send order (secretary, admin); format=csv|xlsx for a file' })
  async list(@Query() q: ListRemindersRequest) {
    const reminders: object[] = await this.queries.execute(new ListRemindersQuery(q.status));
    return q.format === 'csv' || q.format === 'xlsx' ? listAsFile(q.format, 'reminders', reminders) : reminders;
  }
}
