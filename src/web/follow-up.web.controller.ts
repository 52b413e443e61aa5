import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../auth/permissions';
import { routes } from '../kernel/paths';
import { MyActionsQuery } from '../recommendations/queries/my-actions.query';
import { NotReportedQuery } from '../reminders/not-reported/not-reported.query';
import type { WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { WebPages } from './web-pages';

/** The officer's worklist and the secretary's "who has not reported yet". */
@WebController()
export class FollowUpWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.myActions)
  async myActions(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t, user } = req.web!;
    const actions = await this.queries.execute(new MyActionsQuery(user!));
    this.pages.render(req, res, 'my-actions.eta', t.myActions.title, { actions });
  }

  @Get(routes.notReported)
  async notReported(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t, user } = req.web!;
    const milestones = await this.queries.execute(new NotReportedQuery());
    this.pages.render(req, res, 'not-reported.eta', t.notReported.title, { milestones, canMakeReport: may(user, 'makeReports') });
  }
}
