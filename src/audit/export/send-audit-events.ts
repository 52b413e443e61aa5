import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditEntry, AuditEventPages } from '../list-events/list-events.query';
import { tableFile } from '../../kernel/spreadsheet';
import { AUDIT_FORMATS, auditCells, CSV_HEADER, formatted, type AuditFormat } from './audit-formats';

async function* withTrailer(body: AsyncIterable<string>, trailer: (() => Promise<string>) | undefined): AsyncGenerator<string> {
  yield* body;
  if (trailer) yield await trailer();
}

async function* cellPages(pages: AsyncIterable<AuditEntry[]>): AsyncGenerator<Array<Array<string | number | null>>> {
  for await (const page of pages) yield page.map(auditCells);
}

/** A client that went away mid-answer: nothing failed on our side, and no one is left to answer. */
const CLIENT_LEFT = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']);

/**
 * Streams an answer to the response page by page, never built as one string:
 * the next page is read only when the client has taken the last one (the
 * pipeline's backpressure), and a client that disconnects stops the reading.
 * A failure after the first bytes went out can no longer become an error
 * answer: the response is cut off (so the file is visibly incomplete) and the
 * error goes on to the exception filter, which logs it.
 */
export async function sendAuditEvents(res: Response, answer: AuditEventPages, format: AuditFormat | 'xlsx', filename: string | null): Promise<void> {
  if (answer.nextAfter !== null) res.setHeader('X-Next-After', String(answer.nextAfter));
  res.setHeader('Content-Type', format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : AUDIT_FORMATS[format].contentType);
  if (filename) res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  try {
    // One page in hand at a time: the stream's default would read 16 pages ahead of the client.
    const body = format === 'xlsx' ? tableFile('xlsx', 'audit-events', CSV_HEADER, cellPages(answer.pages)) : Readable.from(withTrailer(formatted(answer.pages, format), answer.trailer), { highWaterMark: 1 });
    await pipeline(body, res);
  } catch (error) {
    if (CLIENT_LEFT.has((error as { code?: string }).code ?? '')) return;
    throw error;
  }
}
