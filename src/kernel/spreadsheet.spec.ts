import { HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import { zipSync } from 'fflate';
import { csvLine, readTable, readTableInWorker, tableFile } from './spreadsheet';

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

const header = ['code', 'title', 'text'];
const rows = [
  ['R1', '=SUM(A1)', 'rad ett\nrad två; med semikolon och "citat"'],
  ['R1b', 'Två rader', 'första\nandra'],
  ['R2', '-minus', ''],
  ['R3', 'Vanlig', '@start'],
];

describe('a table as a file for a spreadsheet, and read back', () => {
  it('given a cell starting with = + - @ tab or CR, then the CSV line gets an apostrophe before it and ; between cells', () => {
    expect(csvLine(['=1+1', '+a', '-b', '@c', '\td', '\re', 'ok', null, 7])).toBe(`'=1+1;'+a;'-b;'@c;'\td;"'\re";ok;;7\r\n`);
  });

  it('given a line break inside a cell, then the cell is quoted, whatever the break', () => {
    expect(csvLine(['a\nb', 'c\r\nd', 'e'])).toBe('"a\nb";"c\r\nd";e\r\n');
  });

  it('given rows as CSV, then the file starts with a BOM and reads back as the same cells, the apostrophes taken off again', async () => {
    const csv = await bytesOf(tableFile('csv', 'lista', header, [rows]));
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const table = await readTable(csv);
    expect(table.columns).toEqual(header);
    expect(table.rows).toEqual(rows.map((r, i) => ({ line: i + 2, values: { code: r[0], title: r[1], text: r[2] } })));
  });

  it('given more than 5,000 rows, then the file is refused naming it; cells over several lines do not count as rows', async () => {
    const many = await bytesOf(tableFile('csv', 'lista', header, [Array.from({ length: 5001 }, (_, i) => [`R${i}`, 'T', 'x'])]));
    await expect(readTable(many)).rejects.toMatchObject({ response: { details: [{ field: 'file', message: 'at most 5000 rows' }] } });
    const tall = await bytesOf(tableFile('csv', 'lista', header, [Array.from({ length: 3000 }, (_, i) => [`R${i}`, 'T', 'rad ett\nrad två\nrad tre'])]));
    expect((await readTable(tall)).rows).toHaveLength(3000);
  });

  it('given a workbook of 5,001 rows, then it is refused from its XML before exceljs reads it; 5,000 are read, in a worker thread, as on the event loop', async () => {
    const many = await bytesOf(tableFile('xlsx', 'lista', header, [Array.from({ length: 5001 }, (_, i) => [`R${i}`, 'T', 'x'])]));
    const refused = readTableInWorker(many);
    await expect(refused).rejects.toBeInstanceOf(HttpException);
    await expect(refused).rejects.toMatchObject({ status: 400, response: { message: 'The file has more than 5000 rows', details: [{ field: 'file', message: 'at most 5000 rows' }] } });
    const enough = await bytesOf(tableFile('xlsx', 'lista', header, [Array.from({ length: 5000 }, (_, i) => [`R${i}`, 'T', 'x'])]));
    const read = await readTableInWorker(enough);
    expect(read.rows).toHaveLength(5000);
    expect(read).toEqual(await readTable(enough));
    await expect(readTableInWorker(Buffer.from('PK\u0003\u0004 not a zip'))).rejects.toMatchObject({ status: 415 });
  });

  it('given a zip whose directory says its part is small while it inflates to much more, then it is refused, never inflated past what it said', async () => {
    const honest = Buffer.from(zipSync({ 'xl/workbook.xml': new Uint8Array(50 * 1024 * 1024) }, { level: 9 }));
    // The uncompressed size, in the local header (offset 22) and in the central directory entry (offset 24).
    honest.writeUInt32LE(100, 22);
    honest.writeUInt32LE(100, honest.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    await expect(readTable(honest)).rejects.toBeInstanceOf(UnsupportedMediaTypeException);
  });

  it('given more rows than a sheet holds, then they go on in the next sheets under the same header, none lost', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const many = Array.from({ length: 7 }, (_, i) => [`R${i + 1}`, 'T', 'x']);
    const xlsx = await bytesOf(tableFile('xlsx', 'audit-events', header, [many.slice(0, 2), many.slice(2)], 3));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['audit-events', 'audit-events (2)', 'audit-events (3)']);
    const sheets = workbook.worksheets.map((w) => w.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1, 2)[0]));
    expect(sheets).toEqual([
      ['code', 'R1', 'R2', 'R3'],
      ['code', 'R4', 'R5', 'R6'],
      ['code', 'R7'],
    ]);
  });

  it('given no rows as xlsx, then the file is the header alone', async () => {
    const table = await readTable(await bytesOf(tableFile('xlsx', 'lista', header, [])));
    expect(table.columns).toEqual(header);
    expect(table.rows).toEqual([]);
  });

  it('given rows as xlsx, then they read back as the same cells', async () => {
    const xlsx = await bytesOf(tableFile('xlsx', 'lista', header, [rows.slice(0, 1), rows.slice(1)]));
    const table = await readTable(xlsx);
    expect(table.rows.map((r) => r.values)).toEqual(rows.map((r) => ({ code: r[0], title: r[1], text: r[2] })));
  });
});
