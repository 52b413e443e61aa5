import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../../auth/auth.decorators';
import { sendAuditEvents } from '../export/send-audit-events';
import { AuditEventsQuery } from './list-events.query';
import { AuditEventsRequest } from './list-events.request';

/** The decision history for auditors: every event in position order, in json, ndjson or csv, streamed as it is read. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ListEventsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @Allow('readAuditLog')
  @ApiOperation({ summary: 'Events in position order, paged by `after`; json, ndjson, csv or xlsx' })
  async events(@Query() q: AuditEventsRequest, @Res() res: Response): Promise<void> {
    const { format = 'json', ...filter } = q;
    if (format === 'xlsx') {
      // A workbook is a file to keep: the whole log the filter picks unless a page is asked for, streamed as it is read.
      const whole = await this.queries.execute(new AuditEventsQuery({ ...filter, limit: filter.limit ?? Number.MAX_SAFE_INTEGER }));
      return sendAuditEvents(res, whole, 'xlsx', 'audit-events.xlsx');
    }
    // The NDJSON export carries what the offline verifier needs: the chain columns and the anchors.
    const answer = await this.queries.execute(new AuditEventsQuery(filter, format === 'ndjson'));
    await sendAuditEvents(res, answer, format, format === 'csv' ? 'audit-events.csv' : null);
  }
}
