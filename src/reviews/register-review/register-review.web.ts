import { Body, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { paths, routes } from '../../kernel/paths';
import { invalidForm, optional, refusal, validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReviewPages } from '../review-pages';
import { ChangeReviewCommand } from '../reviews.cqrs';
import { RegisterReviewRequest, toRegisterReview } from './register-review.request';

/** The reviews page's form: a secretary registers a review, and lands on its page. */
@WebController()
export class RegisterReviewWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reviewPages: ReviewPages,
  ) {}

  @Post(routes.reviews)
  async register(@Req() req: WebRequest, @Res() res: Response, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const input = { title: b.title ?? '', reviewer: b.reviewer ?? '', reviewedOn: b.reviewedOn ?? '', committee: b.committee ?? '', diaryNumber: optional(b.diaryNumber) };
    const checked = await validateForm(RegisterReviewRequest, input, t);
    if (!checked.ok) return this.reviewPages.list(req, res, invalidForm('register-review', checked.fields, t), withoutToken(b));
    const reviewId = randomUUID();
    let registered: string;
    try {
      // A form sent twice is answered with the first write's review (form-key.ts), not the id made for this one.
      registered = (await this.commands.execute(new ChangeReviewCommand(reviewId, toRegisterReview(reviewId, checked.value), formWriteContext(req, b)))).state.id;
    } catch (error) {
      return this.reviewPages.list(req, res, refusal(error, 'register-review', t), withoutToken(b));
    }
    res.redirect(303, paths.review(registered, { notice: 'reviewRegistered' }));
  }
}
