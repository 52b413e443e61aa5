import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReviewPages } from '../review-pages';

/** The reviews page: every review, and the form to register one for those who may. */
@WebController()
export class ListReviewsWebController {
  constructor(private readonly reviewPages: ReviewPages) {}

  @Get(routes.reviews)
  list(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.reviewPages.list(req, res);
  }
}
