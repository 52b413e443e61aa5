import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { AssignActionRequest, toAssignAction } from './assign-action.request';
import { type Form } from '../../web/form-problems';

/** A new owner for an action, chosen among the active users of its unit (the API's assign-action). */
@WebController()
export class AssignActionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.assignAction)
  assign(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `assign-${actionId}`,
      body: b,
      dto: AssignActionRequest,
      input: { ownerEmail: b.ownerEmail ?? '' },
      toCommand: (v) => toAssignAction(actionId, v),
      notice: 'actionAssigned',
      anchor: `action-${actionId}`,
    });
  }
}
