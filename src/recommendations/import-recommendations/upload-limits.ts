import { MAX_FILE_BYTES } from '../../kernel/spreadsheet';

/** What multer may take in (held in memory, its default): one file of at most 25 MB and a few small fields; the rest is refused before it is read. */
export const UPLOAD_LIMITS = { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } };
