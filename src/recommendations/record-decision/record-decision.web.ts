import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { formInputName, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { meetingInput, RecommendationPage } from '../recommendation-page';
import { RecordDecisionRequest, toRecordDecision } from './record-decision.request';

/** The committee's decision, from the form on the recommendation page (secretaries, admins). */
@WebController()
export class RecordDecisionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.recordDecision)
  decide(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: 'decision',
      body: b,
      dto: RecordDecisionRequest,
      input: { decision: b.decision ?? '', reason: b.reason ?? '', meeting: meetingInput(b) },
      toCommand: toRecordDecision,
      notice: 'decisionRecorded',
      anchor: 'committee',
      inputName: formInputName,
    });
  }
}
