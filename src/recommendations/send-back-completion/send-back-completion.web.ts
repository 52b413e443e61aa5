import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReasonRequest } from '../committee.request';
import { RecommendationPage } from '../recommendation-page';
import { toSendBackCompletion } from './send-back-completion.request';
import { type Form } from '../../web/form-problems';

/** Sends a claimed completion back, with a reason (or the claimant takes the claim back). */
@WebController()
export class SendBackCompletionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.sendBackCompletion)
  sendBack(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `sendBack-${actionId}`,
      body: b,
      dto: ReasonRequest,
      input: { reason: b.reason ?? '' },
      toCommand: (v) => toSendBackCompletion(actionId, v),
      notice: 'completionSentBack',
      anchor: `action-${actionId}`,
    });
  }
}
