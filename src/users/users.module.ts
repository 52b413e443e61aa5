import { Module, type OnModuleInit } from '@nestjs/common';
import { EventStore } from '../event-store/event-store';
import { ChangeUserHttpController } from './change-user/change-user.http';
import { CreateUserHttpController } from './create-user/create-user.http';
import { endSessionsOnUserChange } from './end-sessions';
import { GetUserHttpController } from './get-user/get-user.http';
import { GetUserHandler, GetUserHistoryHandler } from './get-user/get-user.query';
import { ListUsersHttpController } from './list-users/list-users.http';
import { ListUsersHandler } from './list-users/list-users.query';
import { UserStreams } from './user-streams';
import { ChangeUserHandler } from './users.cqrs';
import { Welcome } from './welcome';

/** Users as an aggregate, administered by admins: a folder per use case (create-user, change-user, list-users, get-user). */
@Module({
  controllers: [ListUsersHttpController, GetUserHttpController, CreateUserHttpController, ChangeUserHttpController],
  providers: [ChangeUserHandler, ListUsersHandler, GetUserHandler, GetUserHistoryHandler, UserStreams, Welcome],
})
export class UsersModule implements OnModuleInit {
  constructor(private readonly store: EventStore) {}

  /** A user's sessions end in the transaction that changes their role or unit or deactivates them, after the users table has it. */
  onModuleInit(): void {
    this.store.subscribe(endSessionsOnUserChange, 'reactions');
  }
}
