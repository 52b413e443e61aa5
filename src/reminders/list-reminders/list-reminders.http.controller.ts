import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { ListRemindersQuery } from './list-reminders.query';
import { ListRemindersRequest } from './list-reminders.request.dto';

@ApiTags('planning cycles and reminders')
@ApiBearerAuth()
@Controller('reminders')
export class ListRemindersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('listReminders')
  @ApiOperation({ summary: 'Reminders by status, in send order (secretary, admin)' })
  list(@Query() q: ListRemindersRequest) {
    return this.queries.execute(new ListRemindersQuery(q.status));
  }
}
