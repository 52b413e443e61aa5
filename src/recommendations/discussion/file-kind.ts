import { UnsupportedMediaTypeException } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type/core';

/** What a file is, judged by its bytes: its extension and the Content-Type it is served with. */
export interface FileKind {
  ext: string;
  contentType: string;
}

/** The kinds of evidence a follow-up takes: documents, spreadsheets, photos, plain text. */
const BINARY_KINDS: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  png: 'image/png',
  jpg: 'image/jpeg',
};
const TEXT_KINDS: Record<string, string> = { txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8' };

const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** UTF-8 that decodes without a replacement and holds no NUL: text, not a binary that happens to have no magic number. */
function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const refuse = (name: string) =>
  new UnsupportedMediaTypeException(`"${name}" is not a file the follow-up takes: PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, TXT or CSV, judged by its content`);

/**
 * The file's kind from its content (file-type reads the magic numbers, and
 * inside a zip tells a Word document from a workbook or an OpenDocument file).
 * Text has no magic number: it is taken as .txt or .csv only when the name
 * says so and the bytes are UTF-8 text. Anything else is 415, whatever its name.
 */
export async function judgeFile(name: string, bytes: Buffer): Promise<FileKind> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const contentType = BINARY_KINDS[detected.ext];
    if (!contentType) throw refuse(name);
    return { ext: detected.ext, contentType };
  }
  const ext = extensionOf(name);
  if (TEXT_KINDS[ext] && isText(bytes)) return { ext, contentType: TEXT_KINDS[ext] };
  throw refuse(name);
}

/**
 * The name the file is kept and offered under: no folders, no control
 * characters, at most 200 characters, and ending in the extension its content
 * has (a PNG sent as "protokoll.pdf" downloads as "protokoll.pdf.png").
 */
export function safeFilename(name: string, kind: FileKind): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const stem = base || 'bilaga';
  const has = extensionOf(stem);
  const same = has === kind.ext || (kind.ext === 'jpg' && has === 'jpeg');
  const named = same ? stem : `${stem}.${kind.ext}`;
  return named.length <= 200 ? named : `${named.slice(0, 200 - kind.ext.length - 1)}.${kind.ext}`;
}
