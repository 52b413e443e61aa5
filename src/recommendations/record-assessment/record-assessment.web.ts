import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { formInputName, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { meetingInput, RecommendationPage } from '../recommendation-page';
import { RecordAssessmentRequest, toRecordAssessment } from './record-assessment.request';

/** How far the recommendation was implemented, closing it (secretaries, admins). */
@WebController()
export class RecordAssessmentWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.recordAssessment)
  assess(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: 'assessment',
      body: b,
      dto: RecordAssessmentRequest,
      input: { status: b.status ?? '', reason: b.reason ?? '', meeting: meetingInput(b) },
      toCommand: toRecordAssessment,
      notice: 'assessmentRecorded',
      anchor: 'committee',
      inputName: formInputName,
    });
  }
}
