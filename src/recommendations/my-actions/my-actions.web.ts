import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { isApproverOf } from '../domain/recommendation.approval';
import { MyActionsQuery, ToApproveQuery } from './my-actions.query';

/** The officer's worklist: open actions they own or that belong to their unit; and, for approvers, the claimed completions to approve. */
@WebController()
export class MyActionsWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.myActions)
  async myActions(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t, user } = req.web!;
    const [actions, toApprove] = await Promise.all([this.queries.execute(new MyActionsQuery(user!)), this.queries.execute(new ToApproveQuery(user!))]);
    this.pages.render(req, res, 'recommendations/my-actions/my-actions.eta', t.myActions.title, { actions, toApprove, approver: isApproverOf(user!, user!.unit ? [user!.unit] : []) });
  }
}
