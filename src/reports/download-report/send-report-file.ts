import type { Response } from 'express';
import type { ReportMetadata } from '../report-store';

/** The stored file as it was made, with its content type, the name the report was given, and its sha256 as ETag. */
export function sendReportFile(res: Response, report: ReportMetadata & { content?: Buffer }): void {
  res.setHeader('Content-Type', report.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${report.fileName}"`);
  res.setHeader('ETag', `"${report.sha256}"`);
  res.send(report.content);
}
