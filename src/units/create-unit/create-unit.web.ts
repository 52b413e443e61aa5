import { Body, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { paths, routes } from '../../kernel/paths';
import { validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { invalidUnitForm, UnitPages, unitRefusal } from '../unit-pages';
import { ChangeUnitCommand } from '../units.cqrs';
import { CreateUnitRequest, toCreateUnit } from './create-unit.request';

/** The units page's form: an admin adds a unit, and lands on its page. */
@WebController()
export class CreateUnitWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly unitPages: UnitPages,
  ) {}

  @Post(routes.units)
  async create(@Req() req: WebRequest, @Res() res: Response, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const input = { id: (b.id ?? '').trim(), name: b.name ?? '', nameEn: b.nameEn ?? '' };
    const checked = await validateForm(CreateUnitRequest, input, t);
    if (!checked.ok) return this.unitPages.list(req, res, invalidUnitForm('create-unit', checked.fields, input, t), withoutToken(b));
    try {
      await this.commands.execute(new ChangeUnitCommand(checked.value.id, toCreateUnit(checked.value), formWriteContext(req, b)));
    } catch (error) {
      return this.unitPages.list(req, res, unitRefusal(error, 'create-unit', t).problem, withoutToken(b));
    }
    // Named: the browser would otherwise keep the form's #create-unit-errors on the new page's address.
    res.redirect(303, paths.unit(checked.value.id, { notice: 'unitCreated', anchor: 'main' }));
  }
}
