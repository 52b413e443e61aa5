import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { optional } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage, type Form } from '../recommendation-page';
import { AddActionRequest, toAddAction } from './add-action.request';

/** A new action on an accepted recommendation, from the form under its actions. */
@WebController()
export class AddActionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.addAction)
  add(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: 'add-action',
      body: b,
      dto: AddActionRequest,
      input: { title: b.title ?? '', description: optional(b.description), responsibleUnit: b.responsibleUnit ?? '', ownerEmail: b.ownerEmail ?? '', dueDate: b.dueDate ?? '' },
      toCommand: (v) => toAddAction(randomUUID(), v),
      notice: 'actionAdded',
      anchor: 'actions',
    });
  }
}
