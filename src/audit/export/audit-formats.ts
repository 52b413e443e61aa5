import type { AuditEntry } from '../list-events/list-events.query';

export type AuditFormat = 'json' | 'ndjson' | 'csv';

/**
 * How a format writes an answer piece by piece: what comes before the first
 * event, each event, and what comes after the last. Put together they are
 * byte for byte what the whole answer was when it was built as one string
 * (`JSON.stringify` of the array for json), so a streamed export is the file
 * it always was.
 */
interface StreamedFormat {
  contentType: string;
  head: string;
  entry(e: AuditEntry, index: number): string;
  tail: string;
}

export const CSV_HEADER = ['position', 'streamId', 'version', 'type', 'occurredAt', 'actorId', 'actorEmail', 'actorName', 'actorRole', 'reason', 'data'];

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading = + - @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** An event's cells, in CSV_HEADER's order (the xlsx export's rows too). */
export const auditCells = (e: AuditEntry): Array<string | number | null> =>
  [e.position, e.streamId, e.version, e.type, e.occurredAt, e.actor.id, e.actor.email, e.actor.name, e.actor.role, e.reason, JSON.stringify(e.data)];

// `;` between cells: Swedish Excel splits on it (the comma is its decimal mark).
const csvRow = (e: AuditEntry): string => auditCells(e).map(csvCell).join(';');

export const AUDIT_FORMATS: Record<AuditFormat, StreamedFormat> = {
  json: { contentType: 'application/json; charset=utf-8', head: '[', entry: (e, i) => (i === 0 ? '' : ',') + JSON.stringify(e), tail: ']' },
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8', head: '', entry: (e) => `${JSON.stringify(e)}\n`, tail: '' },
  // UTF-8 with a BOM and CRLF line ends, so a spreadsheet opens it as text in the right encoding.
  csv: { contentType: 'text/csv; charset=utf-8', head: `\uFEFF${CSV_HEADER.join(';')}\r\n`, entry: (e) => `${csvRow(e)}\r\n`, tail: '' },
};

/** The answer as text, one piece per page of events: the head goes out with the first page, the tail after the last. */
export async function* formatted(pages: AsyncIterable<AuditEntry[]>, format: AuditFormat): AsyncGenerator<string> {
  const { head, entry, tail } = AUDIT_FORMATS[format];
  let text = head;
  let index = 0;
  for await (const page of pages) {
    for (const e of page) text += entry(e, index++);
    yield text;
    text = '';
  }
  text += tail;
  if (text) yield text;
}
