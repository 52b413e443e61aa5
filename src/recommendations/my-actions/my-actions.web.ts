import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { Clock } from '../../kernel/clock';
import { DEFAULT_LIMIT } from '../../kernel/http/paging';
import { routes } from '../../kernel/paths';
import { optional, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { isApproverOf } from '../domain/recommendation.approval';
import { MyActionsQuery, ToApproveQuery, worklistPage } from './my-actions.query';

/**
 * The officer's worklist: open actions they own or that belong to their unit,
 * a hundred at a time, most urgent first; and, for approvers, the claimed
 * completions to approve.
 */
@WebController()
export class MyActionsWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
    private readonly clock: Clock,
  ) {}

  @Get(routes.myActions)
  async myActions(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    const { t, user } = req.web!;
    const [actions, toApprove] = await Promise.all([this.queries.execute(new MyActionsQuery(user!)), this.queries.execute(new ToApproveQuery(user!))]);
    const after = optional(q.efter) ?? null;
    const page = worklistPage(actions, { limit: DEFAULT_LIMIT, after }, this.clock.today());
    this.pages.render(req, res, 'recommendations/my-actions/my-actions.eta', t.myActions.title, {
      actions: page.items,
      total: page.total,
      overdue: page.overdue,
      next: page.nextAfter === null ? null : `${routes.myActions}?${new URLSearchParams({ efter: page.nextAfter }).toString()}`,
      first: after === null ? null : routes.myActions,
      toApprove,
      approver: isApproverOf(user!, user!.unit ? [user!.unit] : []),
    });
  }
}
