import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import { UuidParam } from '../../kernel/http/validators';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { UserPages } from '../user-pages';

/** One user's page: who they are, their history in plain words, and for admins the form to change them. */
@WebController()
export class GetUserWebController {
  constructor(private readonly userPages: UserPages) {}

  @Get(routes.user)
  show(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    return this.userPages.user(req, res, id);
  }
}
