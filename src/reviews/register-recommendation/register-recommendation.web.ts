import { Body, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { UuidParam } from '../../kernel/http/validators';
import { paths, routes } from '../../kernel/paths';
import { ChangeRecommendationCommand } from '../../recommendations/change-recommendation.command';
import { RegisterRecommendationRequest, toRegisterRecommendation } from '../../recommendations/register-recommendation/register-recommendation.request';
import { invalidForm, optional, refusal, validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReviewPages } from '../review-pages';

/**
 * The review page's form for a new recommendation of that review. It is the
 * API's POST /recommendations (the same request and command, which the
 * recommendations capability owns), offered where a secretary reads the
 * review; a refusal shows the review page again.
 */
@WebController()
export class RegisterRecommendationWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reviewPages: ReviewPages,
  ) {}

  @Post(routes.registerRecommendation)
  async register(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const input = { reviewId: id, code: b.code ?? '', title: b.title ?? '', text: b.text ?? '', textEn: optional(b.textEn), responsibleUnit: b.responsibleUnit ?? '' };
    const checked = await validateForm(RegisterRecommendationRequest, input, t);
    if (!checked.ok) return this.reviewPages.review(req, res, id, invalidForm('register-recommendation', checked.fields, t), withoutToken(b));
    const recommendationId = randomUUID();
    let registered: string;
    try {
      // A form sent twice is answered with the first write's recommendation (form-key.ts), not the id made for this one.
      const written = await this.commands.execute(new ChangeRecommendationCommand(recommendationId, toRegisterRecommendation(recommendationId, checked.value), formWriteContext(req, b)));
      registered = written.state.id;
    } catch (error) {
      return this.reviewPages.review(req, res, id, refusal(error, 'register-recommendation', t), withoutToken(b));
    }
    res.redirect(303, paths.recommendation(registered, { notice: 'recommendationRegistered' }));
  }
}
