import { parse } from 'csv-parse/sync';
import { buildReportModel, type ReportInput } from '../domain/report-model';
import { stockholmT1Input } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { renderCsv } from './csv.renderer';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function rowsOf(input: ReportInput): Array<Record<string, string>> {
  const { content } = renderCsv(buildReportModel(input));
  return parse(content, { bom: true, delimiter: ';', columns: true, relax_column_count: false });
}

describe('the CSV report', () => {
  it('ends, when the report was made with a signed anchor, with a line naming it (position, hash, key)', () => {
    const anchor = { position: 171, headHash: 'ab'.repeat(32), signedAt: '2012-05-01T00:00:00.000Z', keyId: '0123456789abcdef', signature: 'c2ln' };
    const text = renderCsv(buildReportModel({ ...stockholmT1Input('sv'), anchor })).content.toString('utf8');
    const last = text.trim().split('\r\n').pop();
    expect(last).toBe(`Signerad förankring i händelseloggen: händelseposition 171, kontrollsumma ${'ab'.repeat(32)}, nyckel 0123456789abcdef, signerad 2012-05-01T00:00:00.000Z`);
  });

  describe('given the Stockholm review at Tertialrapport 1 2012 in Swedish', () => {
    const rendered = renderCsv(buildReportModel(stockholmT1Input('sv')));
    const rows = rowsOf(stockholmT1Input('sv'));

    it('is UTF-8 with a byte order mark, semicolon-separated with CRLF lines, for Excel with Swedish settings', () => {
      expect(rendered.content.subarray(0, 3)).toEqual(BOM);
      const text = rendered.content.subarray(3).toString('utf8');
      expect(text.startsWith('Rek.;Rekommendation;Ansvarig enhet;Status;')).toBe(true);
      expect(text).toContain('\r\n');
      expect(rendered.contentType).toBe('text/csv; charset=utf-8');
    });

    it('parses back to one row per action, and one row for a recommendation without actions', () => {
      expect(rows.map((r) => r['Rek.'])).toEqual(['R1', 'R1', 'R2', 'R2', 'R3', 'R3', 'R4', 'R4', 'R5']);
      const strategy = rows[8];
      expect(strategy).toMatchObject({ Rekommendation: 'Synlig strategi', Status: 'Bordlagd', Åtgärd: '' });
    });

    it('repeats the recommendation columns on every action row, Swedish characters intact', () => {
      const outreach = rows.filter((r) => r['Rek.'] === 'R2');
      for (const row of outreach) {
        expect(row).toMatchObject({
          Rekommendation: 'Uppsökande verksamhet',
          'Ansvarig enhet': 'sfi-avdelningen',
          Trafikljus: 'Röd',
          'Framsteg (%)': '43',
          'Nämndens beslut': 'Antagen',
          'Nämndens beslut: sammanträde': 'Arbetsmarknadsnämnden 2012-02-21, § 9, dnr 302-118/2012',
          'Trafikljus: motivering': '1 åtgärd är försenad',
        });
      }
      expect(outreach[0]).toMatchObject({
        Åtgärd: 'Kartlägg uppsökande verksamhet i stadsdelsområdena',
        'Åtgärd: status': 'Pågående, försenad',
        'Åtgärd: slutdatum': '2012-03-31',
        'Åtgärd: framsteg (%)': '60',
        'Senaste lägesrapport': 'Svar har kommit från nio av fjorton stadsdelsområden. Påminnelse skickad till övriga; sammanställningen blir klar i maj.',
      });
      expect(outreach[1].Underlag).toBe(
        'Inbjudan informationsträffar (pdf) <https://dokument.example.se/amf/sfi/inbjudan-informationstraffar-2012.pdf>',
      );
    });

    it('shows a moved due date beside the original one', () => {
      expect(rows[1]).toMatchObject({ 'Åtgärd: slutdatum': '2012-09-30', 'Åtgärd: ursprungligt slutdatum': '2012-04-15' });
    });
  });

  describe('given user text that a spreadsheet would run as a formula', () => {
    it('prefixes it with an apostrophe so it stays text', () => {
      const input = stockholmT1Input('sv');
      const [r1, ...rest] = input.recommendations;
      const rows = rowsOf({ ...input, recommendations: [{ ...r1, title: '=HYPERLINK("http://evil.example","klicka")' }, ...rest] });
      expect(rows[0].Rekommendation).toBe('\'=HYPERLINK("http://evil.example","klicka")');
    });
  });

  describe('given the report in English', () => {
    it('has English column headings and values', () => {
      const rows = rowsOf(stockholmT1Input('en'));
      expect(Object.keys(rows[0]).slice(0, 4)).toEqual(['Rec.', 'Recommendation', 'Responsible unit', 'Status']);
      expect(rows[8]).toMatchObject({ Status: 'Deferred', 'Traffic light': 'Yellow' });
      expect(rows[1]['Action: due date']).toBe('30 September 2012');
    });
  });
});
