import { Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../../auth/permissions';
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
    const milestones = await this.queries.execute(new NotReportedQuery());
    this.pages.render(req, res, 'reminders/not-reported/not-reported.eta', t.notReported.title, { milestones, canMakeReport: may(user, 'makeReports') });
  }
}
