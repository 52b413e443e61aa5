import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../auth/auth.decorators';
import { AuditEventsRequest } from './audit-events.request.dto';
import { AuditEventsQuery, CSV_CONTENT_TYPE, DEFAULT_AUDIT_PAGE, NDJSON_CONTENT_TYPE, nextAfter, toCsv, toNdjson, VerifyAuditLogQuery } from './audit-log.queries';

/** The decision history for auditors: every event in position order, exportable, and the hash chain's verification. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @Allow('readAuditLog')
  @ApiOperation({ summary: 'Events in position order, paged by `after`; json, ndjson or csv' })
  async events(@Query() q: AuditEventsRequest, @Res({ passthrough: true }) res: Response) {
    const { format, ...filter } = q;
    const limit = q.limit ?? DEFAULT_AUDIT_PAGE;
    const entries = await this.queries.execute(new AuditEventsQuery(filter));
    const next = nextAfter(entries, limit);
    if (next !== null) res.setHeader('X-Next-After', String(next));
    if (format === 'ndjson') {
      res.setHeader('Content-Type', NDJSON_CONTENT_TYPE);
      return toNdjson(entries);
    }
    if (format === 'csv') {
      res.setHeader('Content-Type', CSV_CONTENT_TYPE);
      res.setHeader('Content-Disposition', 'attachment; filename="audit-events.csv"');
      return toCsv(entries);
    }
    return entries;
  }

  @Get('verify')
  @Allow('verifyAuditLog')
  @ApiOperation({ summary: 'Recompute the hash chain over every event' })
  verify() {
    return this.queries.execute(new VerifyAuditLogQuery());
  }
}
