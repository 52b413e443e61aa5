import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { optional, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { ApproveCompletionRequest, toApproveCompletion } from './approve-completion.request';

/** Approves a claimed completion, from the recommendation page or the approver's list. */
@WebController()
export class ApproveCompletionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.approveCompletion)
  approve(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `approve-${actionId}`,
      body: b,
      dto: ApproveCompletionRequest,
      input: { note: optional(b.note) },
      toCommand: (v) => toApproveCompletion(actionId, v),
      notice: 'completionApproved',
      anchor: `action-${actionId}`,
    });
  }
}
