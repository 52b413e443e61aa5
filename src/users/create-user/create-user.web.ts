import { Body, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { paths, routes } from '../../kernel/paths';
import { optional, validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { invalidUserForm, UserPages, userRefusal } from '../user-pages';
import { ChangeUserCommand } from '../users.cqrs';
import { Welcome } from '../welcome';
import { createReason, CreateUserRequest, toCreateUser } from './create-user.request';

/** The users page's form: an admin adds a user, who is mailed a link to choose a password, and lands on the user's page. */
@WebController()
export class CreateUserWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly userPages: UserPages,
    private readonly welcome: Welcome,
  ) {}

  @Post(routes.users)
  async create(@Req() req: WebRequest, @Res() res: Response, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const input = { email: (b.email ?? '').trim(), name: b.name ?? '', role: b.role ?? '', unit: optional(b.unit), language: b.language || 'sv', reason: optional(b.reason) };
    const checked = await validateForm(CreateUserRequest, input, t);
    if (!checked.ok) return this.userPages.list(req, res, invalidUserForm('create-user', checked.fields, input, t), withoutToken(b));
    const userId = randomUUID();
    let created;
    try {
      created = await this.commands.execute(new ChangeUserCommand(userId, toCreateUser(userId, checked.value), formWriteContext(req, b), createReason(checked.value)));
    } catch (error) {
      return this.userPages.list(req, res, userRefusal(error, 'create-user', t), withoutToken(b));
    }
    // A form sent twice is answered with the first write's user (form-key.ts): welcomed once, by the first.
    const status = created.replayed ? 'sent' : ((await this.welcome.send(created.state))?.status ?? 'failed');
    const notice = status === 'sent' ? 'userCreated' : status === 'failed' ? 'userCreatedMailFailed' : 'userCreatedMailLater';
    // Named: the browser would otherwise keep the form's #create-user-errors on the new page's address.
    res.redirect(303, paths.user(created.state.id, { notice, anchor: 'main' }));
  }
}
