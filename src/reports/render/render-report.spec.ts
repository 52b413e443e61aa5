import { buildReportModel } from '../domain/report-model';
import { renderedAt, sha256 } from '../../../test/fixtures/reports/report-test-helpers';
import { stockholmT1Input } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { REPORT_FORMATS, renderReport, reportFileName } from './render-report';

describe('rendering a report', () => {
  const sv = buildReportModel(stockholmT1Input('sv'));
  const en = buildReportModel(stockholmT1Input('en'));

  describe('when the same request is made again years later', () => {
    it.each(REPORT_FORMATS)('gives the same %s bytes and sha256', async (format) => {
      const first = await renderedAt('2012-05-21T09:30:00Z', () => renderReport(buildReportModel(stockholmT1Input('sv')), format));
      const again = await renderedAt('2029-12-31T23:59:59Z', () => renderReport(buildReportModel(stockholmT1Input('sv')), format));
      expect(again.content.length).toBeGreaterThan(0);
      expect(sha256(again.content)).toBe(sha256(first.content));
    });
  });

  it('serves each format with its content type and extension', async () => {
    const served = [];
    for (const format of REPORT_FORMATS) {
      const { contentType, extension } = await renderReport(sv, format);
      served.push([format, contentType, extension]);
    }
    expect(served).toEqual([
      ['html', 'text/html; charset=utf-8', 'html'],
      ['pdf', 'application/pdf', 'pdf'],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
      ['csv', 'text/csv; charset=utf-8', 'csv'],
      ['json', 'application/json; charset=utf-8', 'json'],
    ]);
  });

  it('names the file by milestone, year and language', () => {
    expect(reportFileName(sv, 'pdf')).toBe('uppfoljning-T1-2012-sv.pdf');
    expect(reportFileName(sv, 'docx')).toBe('uppfoljning-T1-2012-sv.docx');
    expect(reportFileName(en, 'csv')).toBe('follow-up-T1-2012-en.csv');
    const odd = { ...sv, milestone: { ...sv.milestone, key: 'T1 / "vår"' } };
    expect(reportFileName(odd, 'html')).toBe('uppfoljning-T1-v-r-2012-sv.html');
  });
});
