import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { PublishSummaryRequest, toPublishSummary, toWithdrawSummary } from './publish-summary.request';
import { type Form } from '../../web/form-problems';

/** Nothing to validate in a withdrawal: the button's post carries only the form token. */
class NoFields {}

/**
 * The secretary's forms beside what staff wrote: publish or change the summary
 * the public page shows (Swedish, and English if given), or withdraw it.
 */
@WebController()
export class PublishSummaryWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.publishSummary)
  publish(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    return this.submit(req, res, id, null, b);
  }

  @Post(routes.publishActionSummary)
  publishAction(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.submit(req, res, id, actionId, b);
  }

  @Post(routes.withdrawSummary)
  withdraw(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    return this.withdrawOf(req, res, id, null, b);
  }

  @Post(routes.withdrawActionSummary)
  withdrawAction(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.withdrawOf(req, res, id, actionId, b);
  }

  private submit(req: WebRequest, res: Response, id: string, actionId: string | null, b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: actionId ? `publish-${actionId}` : 'publish',
      body: b,
      dto: PublishSummaryRequest,
      input: { text: b.text ?? '', textEn: b.textEn ?? '' },
      toCommand: (v) => toPublishSummary(actionId, v),
      notice: 'summaryPublished',
      anchor: actionId ? `action-${actionId}` : 'public-summary',
    });
  }

  private withdrawOf(req: WebRequest, res: Response, id: string, actionId: string | null, b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: actionId ? `publish-${actionId}` : 'publish',
      body: b,
      dto: NoFields,
      input: {},
      toCommand: () => toWithdrawSummary(actionId),
      notice: 'summaryWithdrawn',
      anchor: actionId ? `action-${actionId}` : 'public-summary',
    });
  }
}
