import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReasonRequest } from '../committee.request';
import { RecommendationPage } from '../recommendation-page';
import { toRetractProgress, UpdateIdParam } from './retract-progress.request';
import { type Form } from '../../web/form-problems';

/** The form beside each progress note that still counts. */
@WebController()
export class RetractProgressWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.retractProgress)
  retract(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id', UuidParam) id: string,
    @Param('actionId', UuidParam) actionId: string,
    @Param('updateId', UpdateIdParam) updateId: number,
    @Body() b: Form,
  ): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `retract-${actionId}-${updateId}`,
      body: b,
      dto: ReasonRequest,
      input: { reason: b.reason ?? '' },
      toCommand: (v) => toRetractProgress(actionId, updateId, v),
      notice: 'progressRetracted',
      anchor: `action-${actionId}`,
    });
  }
}
