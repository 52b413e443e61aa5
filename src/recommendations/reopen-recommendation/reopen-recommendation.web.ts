import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { ReasonRequest } from '../committee.request';
import { toReopenRecommendation } from './reopen-recommendation.request';
import { type Form } from '../../web/form-problems';

/** Brings an assessed recommendation back in progress, with a reason (secretaries, admins). */
@WebController()
export class ReopenRecommendationWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.reopen)
  reopen(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: 'reopen',
      body: b,
      dto: ReasonRequest,
      input: { reason: b.reason ?? '' },
      toCommand: toReopenRecommendation,
      notice: 'reopened',
      anchor: 'committee',
    });
  }
}
