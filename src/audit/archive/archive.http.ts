import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../../auth/auth.decorators';
import { UuidParam } from '../../kernel/http/validators';
import { ReviewArchive } from './review-archive';
import { sendArchive } from './send-archive';

/** A review's archive package for the archive: secretaries, auditors and admins, who read the log it is made from. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('reviews')
export class ArchiveHttpController {
  constructor(private readonly archive: ReviewArchive) {}

  @Get(':id/archive')
  @Allow('readAuditLog')
  @ApiOperation({ summary: "The review's archive package (zip, FGS/E-ARK CSIP): METS.xml, its events as NDJSON, anchors, public key, reports" })
  async download(@Param('id', UuidParam) id: string, @Res() res: Response): Promise<void> {
    await sendArchive(this.archive, id, res);
  }
}
