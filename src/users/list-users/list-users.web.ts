import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { UserPages } from '../user-pages';

/** The users page: everyone who can sign in, a page at a time, and for admins the form to add a user. */
@WebController()
export class ListUsersWebController {
  constructor(private readonly userPages: UserPages) {}

  @Get(routes.users)
  list(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.userPages.list(req, res);
  }
}
