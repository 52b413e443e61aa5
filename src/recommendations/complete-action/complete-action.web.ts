import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { CompleteActionRequest, toCompleteAction } from './complete-action.request';
import { type Form } from '../../web/form-problems';

/** Claims an action done, with a closing note: it counts once a second person approves it. */
@WebController()
export class CompleteActionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.completeAction)
  complete(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `complete-${actionId}`,
      body: b,
      dto: CompleteActionRequest,
      input: { note: b.note ?? '' },
      toCommand: (v) => toCompleteAction(actionId, v),
      notice: 'completionClaimed',
      anchor: `action-${actionId}`,
    });
  }
}
