import type { Response } from 'express';
import type { StoredAttachment } from './attachment-store';

/**
 * The file as stored, always as a download: a browser never renders it in
 * the app's origin (an HTML or SVG could not run there anyway: only the
 * accepted kinds are stored, and nosniff keeps the browser to the type named).
 * express's attachment() encodes any name safely (RFC 6266, filename*).
 */
export function sendAttachment(res: Response, file: StoredAttachment): void {
  res.attachment(file.filename);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('ETag', `"${file.sha256}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.send(file.content);
}
