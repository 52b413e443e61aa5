import { unzipSync } from 'fflate';
import { buildReportModel } from '../domain/report-model';
import { renderedAt, renderedInTimeZone, sha256 } from '../../../test/fixtures/reports/report-test-helpers';
import { stockholmT1Input } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { renderDocx } from './docx.renderer';

const decode = (data: Uint8Array) => new TextDecoder().decode(data);
/** The text of document.xml as Word shows it: the runs' text without the markup, entities decoded. */
const documentText = (files: Record<string, Uint8Array>) =>
  [...decode(files['word/document.xml']).matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join(' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The DOS date and time stored in each zip entry's local header, as written. */
function zipEntryTimes(zip: Buffer): string[] {
  const times: string[] = [];
  for (let at = zip.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const time = zip.readUInt16LE(at + 10);
    const date = zip.readUInt16LE(at + 12);
    const pad = (n: number) => String(n).padStart(2, '0');
    times.push(`${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}`);
  }
  return times;
}

describe('the DOCX report (read back by unzipping it)', () => {
  describe('given the Stockholm review at Tertialrapport 1 2012 in Swedish', () => {
    const model = buildReportModel(stockholmT1Input('sv'));
    let docx: Buffer;
    let files: Record<string, Uint8Array>;
    let text: string;
    beforeAll(async () => {
      docx = (await renderDocx(model)).content;
      files = unzipSync(docx);
      text = documentText(files);
    });

    it('is a Word document with the title, every recommendation code and Swedish characters intact', () => {
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'docProps/core.xml']));
      expect(text).toContain('Uppföljning av rekommendationer – Tertialrapport 1 2012');
      for (const heading of ['R1 Dialog', 'R2 Uppsökande verksamhet', 'R3 Dela erfarenheter', 'R4 Förbättra uppföljning av kurserna', 'R5 Synlig strategi']) {
        expect(text).toContain(heading);
      }
      expect(decode(files['word/styles.xml'])).toContain('w:val="sv-SE"');
    });

    it('has the progress notes, the moved due date and the changes with their reasons', () => {
      expect(text).toContain('Svar har kommit från nio av fjorton stadsdelsområden.');
      expect(text).toContain('2012-09-30 (ursprungligen 2012-04-15)');
      expect(text).toContain('Rådets ordförande och ledamöter utses av nämnden först i juni; arbetet skjuts till hösten.');
    });

    it('links the evidence, with relationship ids that do not change between renders', () => {
      const rels = decode(files['word/_rels/document.xml.rels']);
      expect(rels).toContain('Id="rIdLink1"');
      expect(rels).toContain('Target="https://dokument.example.se/amf/mixities/rundabord-2012-04-12.pdf" TargetMode="External"');
      expect(decode(files['word/document.xml'])).toContain('r:id="rIdLink1"');
    });

    it('holds the summary charts: each bar as cells shaded in its colour, its figures in words beside it', () => {
      const xml = decode(files['word/document.xml']);
      expect(text).toContain('Försenade åtgärder – ansvarig enhet');
      expect(text).toContain('Bordlagd: 1; Pågående: 4');
      expect(text).toContain('Röd: 1; Gul: 2; Grön: 2');
      expect(text).toContain('sfi-avdelningen: 1');
      // Status 4 of 4 fills all 24 cells and 1 of 4 six; the lights 1, 2, 2 of 2 fill 12, 24, 24; the one overdue unit 24.
      const shaded = (fill: string) => xml.split(`w:fill="${fill}"`).length - 1;
      expect(shaded('0B57A4')).toBe(30);
      expect(shaded('C99700')).toBe(24);
      expect(shaded('2E7D32')).toBe(24);
      expect(shaded('C62828')).toBe(12 + 24);
    });

    it('is dated by the as-of instant in its properties and in every zip entry', () => {
      const core = decode(files['docProps/core.xml']);
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2012-04-30T23:59:59Z</dcterms:created>');
      expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2012-04-30T23:59:59Z</dcterms:modified>');
      expect(new Set(zipEntryTimes(docx))).toEqual(new Set(['2012-04-30 12:00']));
    });
  });

  describe('given the report in English', () => {
    it('has English headings and labels', async () => {
      const text = documentText(unzipSync((await renderDocx(buildReportModel(stockholmT1Input('en')))).content));
      for (const heading of ['Follow-up of recommendations – Tertialrapport 1 2012', 'Summary', 'Recommendations', 'Changes since the previous report', 'Latest progress note']) {
        expect(text).toContain(heading);
      }
      expect(text).not.toContain('Sammanfattning');
    });
  });

  describe('given texts with XML specials and evidence of every kind', () => {
    const base = buildReportModel(stockholmT1Input('sv'));
    const [first, ...rest] = base.recommendations;
    const [action, ...otherActions] = first.actions;
    const model = {
      ...base,
      recommendations: [
        {
          ...first,
          title: 'Kurser <a & b> "citat" \'apostrof\'',
          actions: [
            {
              ...action,
              evidence: [
                { title: 'Protokoll, avsnitt 3', url: 'https://dokument.example.se/protokoll?år=2012&nr=4#avsnitt-3' },
                { title: 'Lokal fil', url: 'file:///G:/protokoll.pdf' },
              ],
            },
            ...otherActions,
          ],
        },
        ...rest,
      ],
    };
    let files: Record<string, Uint8Array>;
    beforeAll(async () => {
      files = unzipSync((await renderDocx(model)).content);
    });

    it('shows the texts as they were written', () => {
      expect(documentText(files)).toContain('R1 Kurser <a & b> "citat" \'apostrof\'');
    });

    it('links a web address, its fragment as the anchor Word opens, and shows any other address as text', () => {
      const xml = decode(files['word/document.xml']);
      const rels = decode(files['word/_rels/document.xml.rels']);
      expect(xml).toContain('<w:hyperlink w:history="1" w:anchor="avsnitt-3" r:id="rIdLink1">');
      expect(rels).toContain('Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://dokument.example.se/protokoll?år=2012&amp;nr=4"');
      expect(documentText(files)).toContain('Lokal fil (file:///G:/protokoll.pdf)');
      expect(rels).not.toContain('file:///');
    });
  });

  describe('when the same model is rendered at two different times and in two time zones', () => {
    it('gives the same bytes and the same sha256', async () => {
      const model = buildReportModel(stockholmT1Input('sv'));
      const first = await renderedAt('2012-05-02T08:00:00Z', () => renderedInTimeZone('Europe/Stockholm', () => renderDocx(model)));
      const later = await renderedAt('2027-01-15T17:45:31Z', () => renderedInTimeZone('America/Los_Angeles', () => renderDocx(model)));
      expect(sha256(later.content)).toBe(sha256(first.content));
    });
  });
});
