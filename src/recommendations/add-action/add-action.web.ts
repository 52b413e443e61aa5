import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../kernel/clock';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { optional, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { AddActionRequest, toAddAction } from './add-action.request';

/** A new action on an accepted recommendation, from the form under its actions. */
@WebController()
export class AddActionWebController {
  constructor(
    private readonly page: RecommendationPage,
    private readonly clock: Clock,
  ) {}

  @Post(routes.addAction)
  add(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: 'add-action',
      body: b,
      dto: AddActionRequest,
      input: { title: b.title ?? '', description: optional(b.description), responsibleUnit: b.responsibleUnit ?? '', ownerEmail: b.ownerEmail ?? '', dueDate: b.dueDate ?? '' },
      toCommand: (v) => toAddAction(randomUUID(), v),
      // The API takes a past due date (recording what already happened); the form asks first, as it is more often a slip.
      confirm: (v) => (v.dueDate < this.clock.today() && b.confirmPastDate !== 'yes' ? { dueDate: req.web!.t.corrections.pastDueDate, confirmPastDate: req.web!.t.corrections.pastDueDateConfirm } : null),
      notice: 'actionAdded',
      anchor: 'actions',
    });
  }
}
