import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';
import { EditActionRequest, toEditAction } from './edit-action.request';
import { type Form } from '../../web/form-problems';

/** The action's title and description corrected from the form beside it; the form sends both, as they stand in it. */
@WebController()
export class EditActionWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Post(routes.editAction)
  edit(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Param('actionId', UuidParam) actionId: string, @Body() b: Form): Promise<void> {
    return this.page.submit(req, res, id, {
      form: `edit-${actionId}`,
      body: b,
      dto: EditActionRequest,
      input: { title: b.title ?? '', description: b.description ?? '', reason: b.reason ?? '' },
      toCommand: (v) => toEditAction(actionId, v),
      notice: 'actionEdited',
      anchor: `action-${actionId}`,
    });
  }
}
