export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A report in one format, ready to store or send: its bytes and how to name and serve them. */
export interface RenderedReport {
  content: Buffer;
  contentType: string;
  extension: string;
}

/** Evidence links are shown as links only for web addresses; anything else (`javascript:`, `file:`) stays plain text. */
export const isWebAddress = (url: string): boolean => /^https?:\/\//i.test(url);
