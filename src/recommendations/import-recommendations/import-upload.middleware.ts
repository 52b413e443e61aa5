import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { UPLOAD_LIMITS } from './upload-limits';

/** What the upload came to on the web page: the file, or why it was refused. */
export type UploadRequest = Request & { file?: { buffer: Buffer }; uploadRefused?: string };

/**
 * Reads the import page's multipart form before the web guard runs, so the
 * guard finds the form token in the body as for any other form (an
 * interceptor would run after it). A refused upload (too large, a second
 * file) is not an error here: the page says what was wrong.
 */
@Injectable()
export class ImportUploadMiddleware implements NestMiddleware {
  private readonly upload = multer(UPLOAD_LIMITS).single('file');

  use(req: UploadRequest, res: Response, next: NextFunction): void {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    this.upload(req, res, (error: unknown) => {
      if (error) req.uploadRefused = (error as { code?: string }).code ?? 'UPLOAD';
      next();
    });
  }
}
