import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../../auth/auth.decorators';
import { sendAuditEvents } from '../export/send-audit-events';
import { AuditEventsQuery, wholeUnlessLimited } from './list-events.query';
import { AuditEventsRequest } from './list-events.request';

/** The decision history for auditors: every event in position order, in json, ndjson or csv, streamed as it is read. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ListEventsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @Allow('readAuditLog')
  @ApiOperation({ summary: 'Events in position order, paged by `after`; json, ndjson, csv or xlsx (csv and xlsx without `limit`: every event the filter picks)' })
  async events(@Query() q: AuditEventsRequest, @Res() res: Response): Promise<void> {
    const { format = 'json', ...filter } = q;
    // csv and xlsx are files to keep, named; json and ndjson answers are paged.
    const file = format === 'csv' || format === 'xlsx';
    // The NDJSON export carries what the offline verifier needs: the chain columns and the anchors.
    const answer = await this.queries.execute(new AuditEventsQuery(file ? wholeUnlessLimited(filter) : filter, format === 'ndjson'));
    await sendAuditEvents(res, answer, format, file ? `audit-events.${format}` : null);
  }
}
