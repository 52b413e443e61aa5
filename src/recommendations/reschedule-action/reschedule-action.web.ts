import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '../../kernel/clock';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { RescheduleActionRequest, toRescheduleAction } from './reschedule-action.request';
import { type Form } from '../../web/form-problems';

/** A new due date for an action, with a reason; the page keeps showing the original date. */
@WebController()
export class RescheduleActionWebController {
  constructor(
    private readonly page: RecommendationPage,
    private readonly clock: Clock,
  ) {}

  @Post(routes.rescheduleAction)
  reschedule(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `reschedule-${actionId}`,
      body: b,
      dto: RescheduleActionRequest,
      input: { dueDate: b.dueDate ?? '', reason: b.reason ?? '' },
      toCommand: (v) => toRescheduleAction(actionId, v, this.clock.today()),
      notice: 'rescheduled',
      anchor: `action-${actionId}`,
    });
  }
}
