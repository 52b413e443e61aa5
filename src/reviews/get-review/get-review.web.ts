import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReviewPages } from '../review-pages';

/** One review's page: its facts, the committee's decisions on it, its recommendations. */
@WebController()
export class GetReviewWebController {
  constructor(private readonly reviewPages: ReviewPages) {}

  @Get(routes.review)
  show(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    return this.reviewPages.review(req, res, id);
  }
}
