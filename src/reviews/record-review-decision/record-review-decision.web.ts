import { Body, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { UuidParam } from '../../kernel/http/validators';
import { paths, routes } from '../../kernel/paths';
import { formInputName, invalidForm, optional, refusal, validateForm, type Form, withoutToken } from '../../web/form-problems';
import { formWriteContext } from '../../web/form-key';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReviewPages } from '../review-pages';
import { ChangeReviewCommand } from '../reviews.cqrs';
import { ReviewDecisionRequest, toRecordReviewDecision } from './record-review-decision.request';

/** The review page's form for what the committee decided on the review itself. */
@WebController()
export class RecordReviewDecisionWebController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reviewPages: ReviewPages,
  ) {}

  @Post(routes.reviewDecision)
  async recordDecision(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Body() b: Form): Promise<void> {
    const { t } = req.web!;
    const input = { text: b.text ?? '', meeting: { body: b.meetingBody ?? '', date: b.meetingDate ?? '', paragraph: optional(b.meetingParagraph), diaryNumber: optional(b.meetingDiaryNumber) } };
    const checked = await validateForm(ReviewDecisionRequest, input, t, formInputName);
    if (!checked.ok) return this.reviewPages.review(req, res, id, invalidForm('review-decision', checked.fields, t), withoutToken(b));
    try {
      await this.commands.execute(new ChangeReviewCommand(id, toRecordReviewDecision(randomUUID(), checked.value), formWriteContext(req, b)));
    } catch (error) {
      return this.reviewPages.review(req, res, id, refusal(error, 'review-decision', t, formInputName), withoutToken(b));
    }
    res.redirect(303, paths.review(id, { notice: 'reviewDecisionRecorded', anchor: 'decisions' }));
  }
}
