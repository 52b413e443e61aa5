import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { passwordMailOf } from '../../auth/password-links';
import { Database } from '../../event-store/database';
import { EventStore } from '../../event-store/event-store';
import { notFound } from '../../kernel/domain-error';
import { toHistoryEntry, type HistoryEntry } from '../../recommendations/get-history/get-history.query';
import { userStreamId } from '../domain/user';
import { rowToView, USER_COLUMNS, USER_FROM, type UserRow } from '../list-users/list-users.query';
import { GetUserQuery } from '../users.cqrs';

/** One user as the list shows them, with the version of their stream (the ETag a change may name in If-Match). */
@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery> {
  constructor(private readonly db: Database) {}

  async execute({ id }: GetUserQuery) {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = ?`, [id]);
    if (!row) throw notFound(`User ${id} not found`);
    const version = row.state ? (JSON.parse(row.state) as { version: number }).version : 0;
    return { ...rowToView(row), passwordMail: await passwordMailOf(this.db, id), version };
  }
}

/** Every event of one user, oldest first: the history their page tells in plain words. */
export class GetUserHistoryQuery extends Query<HistoryEntry[]> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetUserHistoryQuery)
export class GetUserHistoryHandler implements IQueryHandler<GetUserHistoryQuery> {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  async execute({ id }: GetUserHistoryQuery): Promise<HistoryEntry[]> {
    const events = await this.db.read((sql) => this.store.readStream(sql, userStreamId(id)));
    return events.map(toHistoryEntry);
  }
}
