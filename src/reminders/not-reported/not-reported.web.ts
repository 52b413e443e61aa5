import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../../auth/permissions';
import { forbidden } from '../../kernel/domain-error';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { NotReportedQuery } from './not-reported.query';

/** The secretary's "who has not reported yet" before the next milestone, by the reminders' own rule. */
@WebController()
export class NotReportedWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.notReported)
  async notReported(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { t, user } = req.web!;
    // The menu offered it only to these roles; the address alone gave anyone signed in every unit's unreported actions and owners.
    if (!may(user, 'seeNotReported')) throw forbidden(`The role ${user!.role} may not see who has not reported`);
    const milestones = await this.queries.execute(new NotReportedQuery());
    this.pages.render(req, res, 'reminders/not-reported/not-reported.eta', t.notReported.title, { milestones, canMakeReport: may(user, 'makeReports') });
  }
}
