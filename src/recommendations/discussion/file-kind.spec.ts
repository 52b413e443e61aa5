import { zipSync, strToU8 } from 'fflate';
import { judgeFile, safeFilename } from './file-kind';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb', 'hex');
const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const zip = (files: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level: 0 }));
/** The part list a Word or Excel file opens with, naming its main part's type, as Office writes it. */
const contentTypes = (part: string, type: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="${part}" ContentType="${type}"/></Types>`;
const docx = zip({
  '[Content_Types].xml': contentTypes('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
  'word/document.xml': '<w:document/>',
});
const xlsx = zip({
  '[Content_Types].xml': contentTypes('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
  'xl/workbook.xml': '<workbook/>',
});
const odt = zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' });
const ods = zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' });

describe('a file is judged by its content, not its name', () => {
  it.each([
    ['protokoll.pdf', 'pdf', 'application/pdf', pdf],
    ['bild.png', 'png', 'image/png', png],
    ['foto.jpeg', 'jpg', 'image/jpeg', jpeg],
    ['rapport.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx],
    ['lista.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx],
    ['text.odt', 'odt', 'application/vnd.oasis.opendocument.text', odt],
    ['kalkyl.ods', 'ods', 'application/vnd.oasis.opendocument.spreadsheet', ods],
    ['närvaro.csv', 'csv', 'text/csv; charset=utf-8', Buffer.from('namn;datum\nÅsa;2026-11-30\n')],
    ['anteckning.txt', 'txt', 'text/plain; charset=utf-8', Buffer.from('Mötet hölls på Rinkeby bibliotek.\n')],
  ])('%s is taken as %s', async (name, ext, contentType, bytes) => {
    await expect(judgeFile(name, bytes)).resolves.toEqual({ ext, contentType });
  });

  it.each([
    ['a program renamed .pdf', 'protokoll.pdf', elf],
    ['a Windows program renamed .docx', 'rapport.docx', exe],
    ['a zip that is no office document', 'lista.xlsx', zip({ 'hello.txt': 'hej' })],
    ['text without a text name', 'skript.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['binary named .txt', 'data.txt', Buffer.from([0x41, 0, 0x42])],
    ['Latin-1 bytes named .csv', 'lista.csv', Buffer.from([0x41, 0xe5, 0x0a])],
  ])('%s is refused with 415', async (_what, name, bytes) => {
    await expect(judgeFile(name, bytes)).rejects.toMatchObject({ status: 415 });
  });

  it('keeps a safe name that ends as its content does', () => {
    expect(safeFilename('C:\\Users\\åsa\\protokoll.pdf', { ext: 'pdf', contentType: '' })).toBe('protokoll.pdf');
    expect(safeFilename('../../etc/"x"\r\n.pdf', { ext: 'png', contentType: '' })).toBe('_x___.pdf.png');
    expect(safeFilename('foto.JPEG', { ext: 'jpg', contentType: '' })).toBe('foto.JPEG');
    expect(safeFilename('', { ext: 'txt', contentType: '' })).toBe('bilaga.txt');
  });
});
