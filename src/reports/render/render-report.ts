import type { ReportModel } from '../domain/report-model';
import { renderCsv } from './csv.renderer';
import { renderDocx } from './docx.renderer';
import { renderHtml } from './html.renderer';
import { renderJson } from './json.renderer';
import { renderPdf } from './pdf.renderer';
import type { RenderedReport, ReportFormat } from './rendered-report';

export { REPORT_FORMATS, type RenderedReport, type ReportFormat } from './rendered-report';

/** Renders the one model in the format asked for; every format shows the same facts. */
export async function renderReport(model: ReportModel, format: ReportFormat): Promise<RenderedReport> {
  switch (format) {
    case 'html':
      return renderHtml(model);
    case 'pdf':
      return renderPdf(model);
    case 'docx':
      return renderDocx(model);
    case 'csv':
      return renderCsv(model);
    case 'json':
      return renderJson(model);
    default: {
      const unknown: never = format;
      throw new Error(`Unknown report format ${String(unknown)}`);
    }
  }
}

const FILE_PREFIX = { sv: 'uppfoljning', en: 'follow-up' } as const;
const EXTENSIONS: Record<ReportFormat, string> = { html: 'html', pdf: 'pdf', docx: 'docx', csv: 'csv', json: 'json' };

/**
 * The name to save or download the report as, e.g.
 * `uppfoljning-T1-2012-sv.pdf`: plain ASCII, so it survives every mail client
 * and Content-Disposition header unchanged.
 */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  const key = model.milestone.key.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'rapport';
  return `${FILE_PREFIX[model.language]}-${key}-${model.cycle.year}-${model.language}.${EXTENSIONS[format]}`;
}
