import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { formInputName, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { meetingInput, RecommendationPage } from '../recommendation-page';
import { CorrectRecommendationRequest, toCorrectRecommendation } from './correct-recommendation.request';

/** "Rätta beslut" and "Rätta bedömning" (secretaries, admins): one form each, the entry named by a hidden field. */
@WebController()
export class CorrectRecommendationWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.correctRecommendation)
  correct(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    const corrects = b.corrects === 'assessment' ? 'assessment' : 'decision';
    return this.page.submit(req, res, id, {
      form: `correct-${corrects}`,
      body: b,
      dto: CorrectRecommendationRequest,
      input: { corrects: b.corrects ?? '', reason: b.reason ?? '', meeting: meetingInput(b) },
      toCommand: toCorrectRecommendation,
      notice: 'corrected',
      anchor: 'committee',
      inputName: formInputName,
    });
  }
}
