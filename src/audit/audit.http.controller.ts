import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { Database } from '../event-store/database';
import { EventStore, type StoredEvent } from '../event-store/event-store';
import { parseAsOf, parseFrom } from '../kernel/as-of';
import { IsDayOrInstant } from '../kernel/http/validators';
import { toHistoryEntry } from '../recommendations/queries/get-history.query';

export class AuditEventsRequest {
  @ApiPropertyOptional({ description: 'a date (from its start) or an instant' }) @IsOptional() @IsDayOrInstant() from?: string;
  @ApiPropertyOptional({ description: 'a date (to its end) or an instant' }) @IsOptional() @IsDayOrInstant() to?: string;
  @ApiPropertyOptional({ description: 'a user id or email' }) @IsOptional() @IsString() @MaxLength(320) actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) streamId?: string;
  @ApiPropertyOptional({ description: 'the last position seen' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) after?: number;
  @ApiPropertyOptional({ default: 100, maximum: 10000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) limit?: number;
  @ApiPropertyOptional({ enum: ['json', 'ndjson', 'csv'] }) @IsOptional() @IsIn(['json', 'ndjson', 'csv']) format?: 'json' | 'ndjson' | 'csv';
}

/** A history entry plus the stream it belongs to. */
const toAuditEntry = (e: StoredEvent) => {
  const { position, ...rest } = toHistoryEntry(e);
  return { position, streamId: e.streamId, ...rest };
};

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading = + - @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The decision history for auditors: every event in position order, exportable, and the hash chain's verification. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditHttpController {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  @Get('events')
  @Roles('auditor', 'secretary', 'admin')
  @ApiOperation({ summary: 'Events in position order, paged by `after`; json, ndjson or csv' })
  async events(@Query() q: AuditEventsRequest, @Res({ passthrough: true }) res: Response) {
    const limit = q.limit ?? 100;
    // Parsed before the read is queued: nothing that can refuse the input runs inside the queue.
    const from = parseFrom(q.from) ?? undefined;
    const to = parseAsOf(q.to, 'to') ?? undefined;
    const events = await this.db.read((sql) =>
      this.store.readAll(sql, {
        after: q.after ?? 0,
        limit,
        from,
        to,
        actor: q.actor,
        type: q.type,
        streamId: q.streamId,
      }),
    );
    const entries = events.map(toAuditEntry);
    const last = entries.length ? entries[entries.length - 1].position : null;
    if (last !== null && entries.length === limit) res.setHeader('X-Next-After', String(last));
    if (q.format === 'ndjson') {
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      return entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '');
    }
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="audit-events.csv"');
      const header = ['position', 'streamId', 'version', 'type', 'occurredAt', 'actorId', 'actorEmail', 'actorName', 'actorRole', 'reason', 'data'];
      const lines = entries.map((e) =>
        [e.position, e.streamId, e.version, e.type, e.occurredAt, e.actor.id, e.actor.email, e.actor.name, e.actor.role, e.reason, e.data].map(csvCell).join(','),
      );
      return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
    }
    return entries;
  }

  @Get('verify')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Recompute the hash chain over every event' })
  verify() {
    return this.store.verify();
  }
}
