import type { Response } from 'express';
import type { ReviewArchive } from './review-archive';

/**
 * Streams the package to the response. A review that does not exist is an
 * ordinary 404 (checked before any byte goes out); a failure after that can
 * only cut the response off, so the zip is visibly broken, and goes on to be logged.
 */
export async function sendArchive(archive: ReviewArchive, reviewId: string, res: Response): Promise<void> {
  const { fileName, title } = await archive.prepare(reviewId);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  try {
    await archive.write(reviewId, title, res);
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}
