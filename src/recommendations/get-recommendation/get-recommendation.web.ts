import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseAsOf } from '../../kernel/as-of';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import { optional } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { RecommendationPage } from '../recommendation-page';

/** One recommendation with its actions, its timeline and the forms this user may send (none when looking back with asOf). */
@WebController()
export class GetRecommendationWebController {
  constructor(private readonly page: RecommendationPage) {}

  @Get(routes.recommendation)
  show(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string, @Query('asOf') asOf?: string): Promise<void> {
    return this.page.show(req, res, id, parseAsOf(optional(asOf)));
  }
}
