import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { MyActionsQuery } from './my-actions.query';

/** The officer's worklist: open actions they own or that belong to their unit. */
@WebController()
export class MyActionsWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.myActions)
  async myActions(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t, user } = req.web!;
    const actions = await this.queries.execute(new MyActionsQuery(user!));
    this.pages.render(req, res, 'recommendations/my-actions/my-actions.eta', t.myActions.title, { actions });
  }
}
