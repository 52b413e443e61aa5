import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { UnitPages } from '../unit-pages';

/** The units page: every active unit (`?alla=ja`: the retired too), and for admins the form to add one. */
@WebController()
export class ListUnitsWebController {
  constructor(private readonly unitPages: UnitPages) {}

  @Get(routes.units)
  list(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.unitPages.list(req, res);
  }
}
