import { Body, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { paths, routes } from '../../kernel/paths';
import { validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext, typedAfterRefusal } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { reasonOf } from '../user.request';
import { invalidUserForm, UserPages, userRefusal } from '../user-pages';
import { ChangeUserCommand } from '../users.cqrs';
import { ChangeUserRequest, toChangeUser } from './change-user.request';

/** "true" / "false" from the form's radio buttons; anything else stays as sent, so the request names it. */
const flag = (value: string | undefined): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** A user's form: an admin changes the name, role, unit, language or whether they may sign in, saying why. */
@WebController()
export class ChangeUserWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly userPages: UserPages,
  ) {}

  @Post(routes.user)
  async change(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    // The form always sends every field: the unit's empty choice is "no unit".
    const input = { name: b.name ?? '', role: b.role ?? '', unit: b.unit ?? null, language: b.language ?? '', active: flag(b.active), reason: b.reason ?? '' };
    const checked = await validateForm(ChangeUserRequest, input, t);
    if (!checked.ok) return this.userPages.user(req, res, id, invalidUserForm('change-user', checked.fields, input, t), withoutToken(b));
    try {
      await this.commands.execute(new ChangeUserCommand(id, toChangeUser(checked.value), formWriteContext(req, b), reasonOf(checked.value.reason)));
    } catch (error) {
      return this.userPages.user(req, res, id, userRefusal(error, 'change-user', t), typedAfterRefusal(b, error));
    }
    res.redirect(303, paths.user(id, { notice: 'userChanged' }));
  }
}
