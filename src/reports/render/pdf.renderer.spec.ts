import { buildReportModel } from '../domain/report-model';
import { pdfInfo, pdfText, renderedAt, renderedInTimeZone, sha256 } from '../../../test/fixtures/reports/report-test-helpers';
import { stockholmT1Input } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { renderPdf } from './pdf.renderer';

/** pdftotext breaks lines where the PDF does; the words are what a reader sees. */
const words = (text: string) => text.replace(/\s+/g, ' ');

describe('the PDF report (read back with pdftotext)', () => {
  describe('given the Stockholm review at Tertialrapport 1 2012 in Swedish', () => {
    const model = buildReportModel(stockholmT1Input('sv'));
    let pdf: Buffer;
    let text: string;
    beforeAll(async () => {
      pdf = (await renderPdf(model)).content;
      text = words(pdfText(pdf));
    });

    it('is a PDF whose text has the title, every recommendation code and Swedish characters intact', () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(text).toContain('Uppföljning av rekommendationer – Tertialrapport 1 2012');
      for (const heading of ['R1 Dialog', 'R2 Uppsökande verksamhet', 'R3 Dela erfarenheter', 'R4 Förbättra uppföljning av kurserna', 'R5 Synlig strategi']) {
        expect(text).toContain(heading);
      }
      expect(text).toContain('Sammanfattning');
      expect(text).toContain('Förändringar sedan föregående rapport');
    });

    it('has the progress notes, the decision with its meeting reference and the traffic-light rule', () => {
      expect(text).toContain('Svar har kommit från nio av fjorton stadsdelsområden.');
      expect(text).toContain('Arbetsmarknadsnämnden 2012-02-21, § 9, dnr 302-118/2012');
      expect(text).toContain('Röd: minst en öppen åtgärd har passerat sitt slutdatum');
      expect(text).toContain('2012-04-30 23:59 UTC');
    });

    it('draws the summary charts with their titles, row labels and figures', () => {
      // "Rekommendationer per status" is also the summary table's heading: the chart's own titles and labels follow it.
      expect(text).toMatch(/Rekommendationer per status Bordlagd 1 Pågående 4 Trafikljus Röd 1 Gul 2 Grön 2 Försenade åtgärder – ansvarig enhet sfi-avdelningen 1/);
    });

    it('carries the as-of instant, not the rendering time, as its creation and modification date', () => {
      const info = pdfInfo(pdf);
      expect(info.CreationDate).toBe('2012-04-30T23:59:59Z');
      expect(info.ModDate).toBe('2012-04-30T23:59:59Z');
      expect(info.Title).toBe('Uppföljning av rekommendationer – Tertialrapport 1 2012');
      expect(info['Page size']).toContain('595.28 x 841.89');
    });
  });

  describe('given a progress note longer than a page', () => {
    it('still prints all of it, the row carried over to the next page', async () => {
      const input = stockholmT1Input('sv');
      const [r1, ...rest] = input.recommendations;
      const [first, ...others] = r1.actions;
      const long = `BÖRJAN ${'Lägesrapporten fortsätter med fler detaljer om arbetet. '.repeat(120)}SLUTET`;
      const update = { at: '2012-04-28T10:00:00.000Z', by: 'x@demo.local', progressPercent: 45, note: long, evidence: [] };
      const model = buildReportModel({
        ...input,
        recommendations: [{ ...r1, actions: [{ ...first, updates: [...first.updates, update] }, ...others] }, ...rest],
      });
      const pdf = (await renderPdf(model)).content;
      const text = words(pdfText(pdf));
      expect(text).toContain('BÖRJAN');
      expect(text).toContain('SLUTET');
      expect(text.split('Lägesrapporten').length - 1).toBe(120);
    });
  });

  describe('given any report', () => {
    it('numbers its pages "Sida n av total" in the footer', async () => {
      const pdf = (await renderPdf(buildReportModel(stockholmT1Input('sv')))).content;
      const pages = Number(pdfInfo(pdf).Pages);
      expect(pages).toBeGreaterThan(1);
      const text = words(pdfText(pdf));
      for (let page = 1; page <= pages; page++) expect(text).toContain(`Sida ${page} av ${pages}`);
    });
  });

  describe('given the report in English', () => {
    it('has English headings, labels and statuses', async () => {
      const text = words(pdfText((await renderPdf(buildReportModel(stockholmT1Input('en')))).content));
      for (const heading of ['Follow-up of recommendations – Tertialrapport 1 2012', 'Summary', 'Recommendations', 'Changes since the previous report', 'Latest progress note']) {
        expect(text).toContain(heading);
      }
      expect(text).toContain('In progress, overdue');
      expect(text).not.toContain('Sammanfattning');
    });
  });

  describe('when the same model is rendered at two different times and in two time zones', () => {
    it('gives the same bytes and the same sha256', async () => {
      const model = buildReportModel(stockholmT1Input('sv'));
      const first = await renderedAt('2012-05-02T08:00:00Z', () => renderPdf(model));
      const later = await renderedAt('2027-01-15T17:45:31Z', () => renderedInTimeZone('Pacific/Auckland', () => renderPdf(model)));
      expect(sha256(later.content)).toBe(sha256(first.content));
    });
  });
});
