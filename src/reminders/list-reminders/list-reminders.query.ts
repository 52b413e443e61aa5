import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { listReminders, toReminderView, type ReminderStatus, type ReminderView } from '../reminder-table';

export class ListRemindersQuery extends Query<ReminderView[]> {
  constructor(readonly status?: ReminderStatus) {
    super();
  }
}

@QueryHandler(ListRemindersQuery)
export class ListRemindersHandler implements IQueryHandler<ListRemindersQuery> {
  constructor(private readonly db: Database) {}

  async execute({ status }: ListRemindersQuery): Promise<ReminderView[]> {
    return (await this.db.read((sql) => listReminders(sql, status))).map(toReminderView);
  }
}
