import { Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../../auth/permissions';
import { forbidden } from '../../kernel/domain-error';
import { routes } from '../../kernel/paths';
import { listAsFile } from '../../kernel/spreadsheet';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ListUsersQuery, type UserView } from '../users.cqrs';

/** "Ladda ner som Excel/CSV" on the users page: the API's file of every user (GET /users?format=), under the session cookie, with the page's search and order. */
@WebController()
export class ListUsersFileWebController {
  constructor(private readonly queries: QueryBus) {}

  @Get(routes.exportUsers)
  async export(@Req() req: WebRequest, @Res({ passthrough: true }) _res: Response, @Query() q: Record<string, string | undefined>): Promise<StreamableFile> {
    if (!may(req.web!.user, 'readUsers')) throw forbidden(`The role ${req.web!.user!.role} may not read the users`);
    const users: UserView[] = [];
    let after: string | null = null;
    do {
      const page: { items: UserView[]; nextAfter: string | null } = await this.queries.execute(new ListUsersQuery({ limit: 1000, after }, { sort: q.sort || undefined, q: q.q || undefined }));
      users.push(...page.items);
      after = page.nextAfter;
    } while (after !== null);
    return listAsFile(q.format === 'csv' ? 'csv' : 'xlsx', 'anvandare', users);
  }
}
