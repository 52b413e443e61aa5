import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { ReasonRequest } from '../committee.request';
import { toCancelAction } from './cancel-action.request';
import { type Form } from '../../web/form-problems';

/** Cancels an action, with a reason. */
@WebController()
export class CancelActionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.cancelAction)
  cancel(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `cancel-${actionId}`,
      body: b,
      dto: ReasonRequest,
      input: { reason: b.reason ?? '' },
      toCommand: (v) => toCancelAction(actionId, v),
      notice: 'cancelled',
      anchor: `action-${actionId}`,
    });
  }
}
