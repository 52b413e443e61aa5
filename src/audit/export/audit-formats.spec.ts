import type { AuditEntry } from '../list-events/list-events.query';
import { formatted, type AuditFormat } from './audit-formats';

const entry = (position: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  position,
  streamId: 'recommendation-r2',
  version: position,
  type: 'ActionAdded',
  occurredAt: `2012-06-0${position}T08:00:00.000Z`,
  actor: { id: 'u-1', email: 'handlaggare.sfi@demo.local', name: 'Handläggare SFI', role: 'officer' },
  reason: null,
  data: { title: `Åtgärd ${position}` },
  ...over,
});

async function* pagesOf(...pages: AuditEntry[][]): AsyncGenerator<AuditEntry[]> {
  yield* pages;
}

async function text(format: AuditFormat, ...pages: AuditEntry[][]): Promise<{ whole: string; pieces: number }> {
  const pieces: string[] = [];
  for await (const piece of formatted(pagesOf(...pages), format)) pieces.push(piece);
  return { whole: pieces.join(''), pieces: pieces.length };
}

describe('an audit answer written page by page', () => {
  const entries = [entry(1), entry(2, { reason: '=SUM(A1)', data: { note: 'a "quoted", word;\nnext line' } }), entry(3)];

  it('given json in two pages, then the bytes are JSON.stringify of the whole array, one piece per page and one for the closing bracket', async () => {
    expect(await text('json', entries.slice(0, 2), entries.slice(2))).toEqual({ whole: JSON.stringify(entries), pieces: 3 });
  });

  it('given no events, then json is an empty array, ndjson is empty and csv is its header line alone', async () => {
    expect((await text('json')).whole).toBe('[]');
    expect((await text('ndjson')).whole).toBe('');
    expect((await text('csv')).whole).toBe('\uFEFFposition;streamId;version;type;occurredAt;actorId;actorEmail;actorName;actorRole;reason;data\r\n');
  });

  it('given ndjson, then each event is a JSON line of its own, in position order', async () => {
    const { whole } = await text('ndjson', entries.slice(0, 1), entries.slice(1));
    expect(whole.endsWith('\n')).toBe(true);
    expect(whole.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(entries);
  });

  it('given csv, then a spreadsheet gets a BOM, `;` between cells (Swedish Excel), CRLF lines, quoted cells where needed and no formula', async () => {
    const lines = (await text('csv', entries)).whole.split('\r\n');
    expect(lines[0]).toBe('\uFEFFposition;streamId;version;type;occurredAt;actorId;actorEmail;actorName;actorRole;reason;data');
    expect(lines[1]).toBe('1;recommendation-r2;1;ActionAdded;2012-06-01T08:00:00.000Z;u-1;handlaggare.sfi@demo.local;Handläggare SFI;officer;;"{""title"":""Åtgärd 1""}"');
    expect(lines[2]).toBe(`2;recommendation-r2;2;ActionAdded;2012-06-02T08:00:00.000Z;u-1;handlaggare.sfi@demo.local;Handläggare SFI;officer;'=SUM(A1);"{""note"":""a \\""quoted\\"", word;\\nnext line""}"`);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });
});
