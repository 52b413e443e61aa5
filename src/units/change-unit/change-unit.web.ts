import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { paths, routes } from '../../kernel/paths';
import { validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext, typedAfterRefusal } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { invalidUnitForm, UnitPages, unitRefusal } from '../unit-pages';
import { ChangeUnitCommand } from '../units.cqrs';
import { ChangeUnitRequest, toChangeUnit } from './change-unit.request';

/** "true" / "false" from the form's radio buttons; anything else stays as sent, so the request names it. */
const flag = (value: string | undefined): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** A unit's page, and its form: an admin renames, retires or reinstates the unit, saying why. */
@WebController()
export class ChangeUnitWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly unitPages: UnitPages,
  ) {}

  @Get(routes.unit)
  show(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.unitPages.unit(req, res, id);
  }

  @Post(routes.unit)
  async change(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const input = { name: b.name ?? '', nameEn: b.nameEn ?? '', active: flag(b.active), reason: b.reason ?? '' };
    const checked = await validateForm(ChangeUnitRequest, input, t);
    if (!checked.ok) return this.unitPages.unit(req, res, id, { problem: invalidUnitForm('change-unit', checked.fields, input, t), openActions: [] }, withoutToken(b));
    try {
      await this.commands.execute(new ChangeUnitCommand(id, toChangeUnit(checked.value), formWriteContext(req, b), checked.value.reason));
    } catch (error) {
      return this.unitPages.unit(req, res, id, unitRefusal(error, 'change-unit', t), typedAfterRefusal(b, error));
    }
    res.redirect(303, paths.unit(id, { notice: 'unitChanged' }));
  }
}
