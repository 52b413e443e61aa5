import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { AnchorAtHandler } from './anchors/anchor-at.query';
import { Anchors } from './anchors/anchors';
import { ArchiveHttpController } from './archive/archive.http';
import { ArchiveWebController } from './archive/archive.web';
import { ReviewArchive } from './archive/review-archive';
import { AnchorsHttpController } from './anchors/anchors.http';
import { AnchorsWebController } from './anchors/anchors.web';
import { AuditLogPage } from './audit-log-page';
import { ExportWebController } from './export/export.web';
import { ListEventsHttpController } from './list-events/list-events.http';
import { AuditEventsHandler } from './list-events/list-events.query';
import { ListEventsWebController } from './list-events/list-events.web';
import { VerifyHttpController } from './verify/verify.http';
import { VerifyAuditLogHandler } from './verify/verify.query';
import { VerifyWebController } from './verify/verify.web';

/**
 * The event log for auditors, a folder per use case, each with its API route
 * and its page: list-events (GET /audit/events in json, ndjson or csv, and the
 * /logg page), verify (GET /audit/verify, /logg/verifiera), export (the
 * formats streamed page by page, and /logg/export), anchors (signed heads of
 * the log: GET/POST /audit/anchors, GET /audit/public-key), archive (a review's
 * archive package: GET /reviews/:id/archive, /granskningar/:id/arkivpaket). The page both /logg
 * routes show is audit-log-page.ts. Pages render through the web shell
 * (WebModule).
 */
@Module({
  imports: [WebModule],
  controllers: [AnchorsHttpController, AnchorsWebController, ArchiveHttpController, ArchiveWebController, ListEventsHttpController, VerifyHttpController, ListEventsWebController, VerifyWebController, ExportWebController],
  providers: [Anchors, AnchorAtHandler, ReviewArchive, AuditEventsHandler, VerifyAuditLogHandler, AuditLogPage],
  exports: [Anchors],
})
export class AuditModule {}
