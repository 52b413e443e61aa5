import { Module, type OnModuleInit } from '@nestjs/common';
import { EventStore } from '../event-store/event-store';
import { WebModule } from '../web/web.module';
import { ChangeUserHttpController } from './change-user/change-user.http';
import { ChangeUserWebController } from './change-user/change-user.web';
import { CreateUserHttpController } from './create-user/create-user.http';
import { CreateUserWebController } from './create-user/create-user.web';
import { endSessionsOnUserChange } from './end-sessions';
import { GetUserHttpController } from './get-user/get-user.http';
import { GetUserHandler, GetUserHistoryHandler } from './get-user/get-user.query';
import { GetUserWebController } from './get-user/get-user.web';
import { ListUsersHttpController } from './list-users/list-users.http';
import { ListUsersHandler } from './list-users/list-users.query';
import { ListUsersFileWebController } from './list-users/list-users-file.web';
import { ListUsersWebController } from './list-users/list-users.web';
import { UserAccounts } from './user-accounts';
import { UserPages } from './user-pages';
import { UserStreams } from './user-streams';
import { ChangeUserHandler } from './users.cqrs';
import { Welcome } from './welcome';

/** Users as an aggregate, administered by admins: a folder per use case (create-user, change-user, list-users, get-user); the API and the pages. */
@Module({
  imports: [WebModule],
  controllers: [
    ListUsersHttpController,
    GetUserHttpController,
    CreateUserHttpController,
    ChangeUserHttpController,
    ListUsersWebController,
    ListUsersFileWebController,
    GetUserWebController,
    CreateUserWebController,
    ChangeUserWebController,
  ],
  providers: [ChangeUserHandler, ListUsersHandler, GetUserHandler, GetUserHistoryHandler, UserStreams, Welcome, UserPages, UserAccounts],
  exports: [UserAccounts],
})
export class UsersModule implements OnModuleInit {
  constructor(private readonly store: EventStore) {}

  /** A user's sessions end in the transaction that changes their role or unit or deactivates them, after the users table has it. */
  onModuleInit(): void {
    this.store.subscribe(endSessionsOnUserChange, 'reactions');
  }
}
