import { Get, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { requireAuditReader } from '../audit-log-page';
import { ReviewArchive } from './review-archive';
import { sendArchive } from './send-archive';

/** The review page's "archive package" button: the API's package under the session cookie. */
@WebController('granskningar')
export class ArchiveWebController {
  constructor(private readonly archive: ReviewArchive) {}

  @Get(':id/arkivpaket')
  async download(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    requireAuditReader(req);
    await sendArchive(this.archive, id, res);
  }
}
