import { BadRequestException, HttpException, PayloadTooLargeException, StreamableFile, UnsupportedMediaTypeException } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { startThread } from './threads';

/**
 * Lists as files for a spreadsheet, and tables read back from one: the
 * exports of every list and of the audit log, and the recommendations import.
 */
export type TableFormat = 'csv' | 'xlsx';

export type Cell = string | number | boolean | null | undefined;

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A leading = + - @ tab or CR makes a spreadsheet read the cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text that a spreadsheet shows as text: a would-be formula gets a leading apostrophe, which Excel hides. */
export const neutralised = (value: Cell): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
};

/**
 * A CSV line for Swedish Excel: `;` between cells (a comma is the decimal
 * mark there, so Excel splits on `;`), quoted where needed, CRLF at the end.
 */
export const csvLine = (cells: Cell[]): string => stringify([cells.map(neutralised)], { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ });

/** UTF-8's byte order mark: without it Excel reads a CSV file as the local 8-bit code page. */
export const BOM = '\uFEFF';

/** The file's headers: its type and a name to save it under. */
export const fileHeaders = (format: TableFormat, basename: string) => ({ type: CONTENT_TYPES[format], disposition: `attachment; filename="${basename}.${format}"` });

async function* csvPieces(header: string[], pages: AsyncIterable<Cell[][]> | Iterable<Cell[][]>): AsyncGenerator<string> {
  yield BOM + csvLine(header);
  for await (const rows of pages) yield rows.map(csvLine).join('');
}

/** Rows under the header in one sheet: Excel's 1,048,576 less the header. */
export const EXCEL_ROWS_PER_SHEET = 1_048_575;

/**
 * The file as a stream, written as the rows come and never held whole: the
 * CSV a page at a time (the reader pulls, so the next page is read only when
 * the last went out), the workbook through exceljs' streaming writer (each
 * row committed as it is added, so only the zip's small buffers are held).
 * Strings stay strings in the workbook (exceljs writes no formula unless
 * asked), so only the CSV needs its cells neutralised. Past `rowsPerSheet`
 * rows the workbook goes on in a next sheet, "name (2)", under the same header.
 */
export function tableFile(
  format: TableFormat,
  sheetName: string,
  header: string[],
  pages: AsyncIterable<Cell[][]> | Iterable<Cell[][]>,
  rowsPerSheet = EXCEL_ROWS_PER_SHEET,
): Readable {
  if (format === 'csv') return Readable.from(csvPieces(header, pages), { highWaterMark: 1, objectMode: false });
  const out = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    let sheets = 0;
    const nextSheet = () => {
      sheets++;
      const suffix = sheets === 1 ? '' : ` (${sheets})`;
      const added = workbook.addWorksheet(`${sheetName.slice(0, 31 - suffix.length)}${suffix}`);
      added.addRow(header).commit();
      return added;
    };
    // The first sheet even without rows: a file of the header alone.
    let sheet = nextSheet();
    let rowsInSheet = 0;
    for await (const rows of pages) {
      for (const row of rows) {
        if (rowsInSheet === rowsPerSheet) {
          sheet.commit();
          sheet = nextSheet();
          rowsInSheet = 0;
        }
        sheet.addRow(row.map((c) => (c === undefined ? null : c))).commit();
        rowsInSheet++;
      }
      // Backpressure: wait while the client has not taken what was written.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** A value of a JSON answer as a cell: nested objects and arrays as their JSON. */
const cellOf = (value: unknown): Cell => (value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : (value as Cell));

/**
 * A list answer as a file, its columns the fields of the JSON (in the order
 * the first item has them, then any others), so the file says what the API
 * says. For the lists whose items are flat records.
 */
export function listAsFile(format: TableFormat, basename: string, items: readonly object[]): StreamableFile {
  const header = [...new Set(items.flatMap((item) => Object.keys(item)))];
  const rows = items.map((item) => header.map((key) => cellOf((item as Record<string, unknown>)[key])));
  return new StreamableFile(tableFile(format, basename, header, [rows]), fileHeaders(format, basename));
}

// ---- reading ----

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_ROWS = 5000;
/** What a workbook may unpack to: a zip bomb is refused from its directory, before anything is inflated. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
const MAX_ENTRIES = 500;

/** A table read from a file: the header's names, and each row by column name with its line number (the header is line 1). */
export interface ReadTable {
  columns: string[];
  rows: Array<{ line: number; values: Record<string, string> }>;
}

const tooManyRows = () => new BadRequestException({ message: `The file has more than ${MAX_ROWS} rows`, details: [{ field: 'file', message: `at most ${MAX_ROWS} rows` }] });

/** The apostrophe our own CSV export put before a would-be formula is taken off again, so an export reads back as it was. */
const unneutralised = (text: string): string => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result);
    if ('error' in value) return '';
  }
  return String(value);
}

function tableOf(sheet: ExcelJS.Worksheet | undefined): ReadTable {
  if (!sheet) return { columns: [], rows: [] };
  if (sheet.rowCount > MAX_ROWS + 1) throw tooManyRows();
  const columns: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (columns[col - 1] = cellText(cell.value).trim()));
  const rows: ReadTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    columns.forEach((name, i) => {
      if (!name) return;
      const text = unneutralised(cellText(row.getCell(i + 1).value));
      if (text.trim() !== '') any = true;
      values[name] = text;
    });
    if (any) rows.push({ line, values });
  });
  return { columns: columns.filter(Boolean), rows };
}

const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;

const latin1 = (part: Uint8Array | undefined) => (part ? Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('latin1') : '');
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The part holding the workbook's first sheet (the one read), found through workbook.xml and its relationships; null if they do not say. */
function firstSheetPart(parts: Record<string, Uint8Array>): string | null {
  const sheet = /<(?:[\w.-]+:)?sheet\s[^>]*>/.exec(latin1(parts['xl/workbook.xml']))?.[0];
  const id = sheet && attribute(sheet, '[\\w.-]+:id');
  const relationship = (latin1(parts['xl/_rels/workbook.xml.rels']).match(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g) ?? []).find((tag) => attribute(tag, 'Id') === id);
  const target = relationship && attribute(relationship, 'Target');
  return target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : null;
}

/** How many rows a sheet's XML has, counted up to `enough`: never more than the highest row number exceljs counts. */
function rowElements(part: Uint8Array | undefined, enough: number): number {
  const row = /<(?:[\w.-]+:)?row[\s>/]/g;
  const xml = latin1(part);
  let count = 0;
  while (count < enough && row.exec(xml)) count += 1;
  return count;
}

/** The workbook's parts, inflated no further than their declared sizes (fflate writes into buffers of exactly that size), and zipped again uncompressed for exceljs. */
function honestWorkbook(bytes: Buffer): Buffer {
  let total = 0;
  let entries = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        total += file.originalSize;
        if (entries > MAX_ENTRIES || total > MAX_UNPACKED_BYTES) throw new PayloadTooLargeException(`The workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof PayloadTooLargeException) throw error;
    throw new UnsupportedMediaTypeException('The file is neither an .xlsx workbook nor a CSV file');
  }
  if (!parts['xl/workbook.xml']) throw new UnsupportedMediaTypeException('The file is a zip archive but not an .xlsx workbook');
  // Counted before exceljs builds every row: a 8 MB workbook of 650,000 tiny rows took it 16 s and gigabytes to refuse.
  if (rowElements(parts[firstSheetPart(parts) ?? ''], MAX_ROWS + 2) > MAX_ROWS + 1) throw tooManyRows();
  return Buffer.from(zipSync(parts, { level: 0 }));
}

/**
 * The first sheet of an .xlsx workbook, or a `;`-separated CSV file (UTF-8,
 * a BOM allowed), as text cells by column name. Anything else is 415, a file
 * too big or with too many rows 413/400: never a crash.
 */
export async function readTable(bytes: Buffer): Promise<ReadTable> {
  if (bytes.length > MAX_FILE_BYTES) throw new PayloadTooLargeException(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const workbook = new ExcelJS.Workbook();
  if (isZip(bytes)) {
    const honest = honestWorkbook(bytes);
    try {
      await workbook.xlsx.load(honest as unknown as ArrayBuffer);
    } catch {
      throw new UnsupportedMediaTypeException('The workbook could not be read');
    }
    return tableOf(workbook.worksheets[0]);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // A binary file is not a CSV file: NUL or undecodable bytes say so.
  if (text.includes('\u0000') || text.includes('\uFFFD')) throw new UnsupportedMediaTypeException('The file is neither an .xlsx workbook nor a UTF-8 CSV file');
  try {
    // Every cell as the text it is: no numbers or dates guessed (a code such as 1.10 stays 1.10).
    await workbook.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), { parserOptions: { delimiter: ';' }, map: (datum: string) => datum } as never);
  } catch {
    throw new BadRequestException({ message: 'The CSV file could not be read', details: [{ field: 'file', message: 'must be ;-separated with a header row' }] });
  }
  return tableOf(workbook.worksheets[0]);
}

/** The heap one upload may use while it is read: a workbook of 5,000 rows of 4 cells of 4,000 characters needs about 700 MB. */
const READ_MEMORY_MB = 1536;
let readTurn: Promise<unknown> = Promise.resolve();

/** What the reading thread (read-table-worker.ts) answers: the table, or the refusal to answer with (an HTTP status and its body), or a fault of ours (status 0). */
export type ReadTableAnswer = { ok: true; table: ReadTable } | { ok: false; status: number; response: string | object; message: string };

/**
 * `readTable` in a worker thread, one file at a time. On the event loop, reading a workbook stopped
 * every request: 0.55 s for 5,000 rows of ten cells, and a minute (with /health/live waiting all of
 * it, at 2.3 GB) for a 10 MB workbook of a million tiny rows, refused only once read. A file that
 * needs more memory than READ_MEMORY_MB is refused (413); the process is not at risk.
 */
export function readTableInWorker(bytes: Buffer): Promise<ReadTable> {
  if (bytes.length > MAX_FILE_BYTES) return Promise.reject(new PayloadTooLargeException(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`));
  const read = readTurn.then(() => readInThread(bytes));
  readTurn = read.catch(() => undefined);
  return read;
}

function readInThread(bytes: Buffer): Promise<ReadTable> {
  return new Promise<ReadTable>((resolve, reject) => {
    const worker = startThread(join(__dirname, 'read-table-worker'), bytes, { maxOldGenerationSizeMb: READ_MEMORY_MB });
    worker.once('message', (answer: ReadTableAnswer) => {
      if (answer.ok) resolve(answer.table);
      else reject(answer.status ? new HttpException(answer.response, answer.status) : new Error(`Reading the spreadsheet failed: ${answer.message}`));
    });
    worker.once('error', (error: Error & { code?: string }) =>
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new PayloadTooLargeException({ message: `The file needs more than ${READ_MEMORY_MB} MB to read`, details: [{ field: 'file', message: `at most ${MAX_ROWS} rows` }] })
          : error,
      ),
    );
    // After an answer this settles nothing; without one (the thread gone), it says so.
    worker.once('exit', (code) => reject(new Error(`The spreadsheet reader stopped with exit code ${code} before it answered`)));
  });
}
