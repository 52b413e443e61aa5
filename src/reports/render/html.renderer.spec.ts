import { buildReportModel, type ReportInput } from '../domain/report-model';
import { stockholmT1Input } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { renderHtml } from './html.renderer';

const html = (input: ReportInput) => renderHtml(buildReportModel(input)).content.toString('utf8');

/** The Stockholm sample with hostile text where users write: a title, a progress note, a reason, an evidence link. */
function withHostileUserText(): ReportInput {
  const input = stockholmT1Input('sv');
  const [r1, ...rest] = input.recommendations;
  const [first, ...others] = r1.actions;
  const hostileAction = {
    ...first,
    updates: [
      ...first.updates,
      {
        at: '2012-04-28T10:00:00.000Z',
        by: 'handlaggare.utredning@demo.local',
        progressPercent: 45,
        note: 'Möte <img src=x onerror=alert(1)> hölls',
        evidence: [
          { title: '<b>Protokoll</b>', url: 'javascript:alert(1)' },
          { title: 'Bilaga "A" & B', url: 'https://dokument.example.se/a?x=1&y=<2>' },
        ],
      },
    ],
  };
  return {
    ...input,
    recommendations: [
      {
        ...r1,
        title: '<script>alert("x")</script> Dialog & samråd',
        decision: r1.decision && { ...r1.decision, reason: "Nämnden's </td></tr> beslut" },
        actions: [hostileAction, ...others],
      },
      ...rest,
    ],
  };
}

describe('the HTML report', () => {
  describe('given the Stockholm review at Tertialrapport 1 2012 in Swedish', () => {
    const page = html(stockholmT1Input('sv'));

    it('draws the summary charts as SVG images, each described by its figures', () => {
      expect(page).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="report-chart-lights" role="img"');
      expect(page).toContain('<desc id="report-chart-lights-desc">Röd: 1; Gul: 2; Grön: 2</desc>');
      expect(page).toContain('<desc id="report-chart-overdue-desc">sfi-avdelningen: 1</desc>');
    });

    it('is one self-contained Swedish document that fetches nothing', () => {
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(page).toContain('<html lang="sv">');
      expect(page).toContain('<meta charset="utf-8">');
      expect(page).toContain('@page { size: A4;');
      expect(page).not.toMatch(/<link|<script|\ssrc=|@import|url\(/i);
    });

    it('shows every recommendation code, the title and the progress notes with å, ä and ö intact', () => {
      for (const code of ['R1', 'R2', 'R3', 'R4', 'R5']) expect(page).toContain(`>${code} `);
      expect(page).toContain('<h1>Uppföljning av rekommendationer – Tertialrapport 1 2012</h1>');
      expect(page).toContain('Förbättra uppföljning av kurserna');
      expect(page).toContain('Svar har kommit från nio av fjorton stadsdelsområden.');
      expect(page).toContain('Förslag till arbetsordning för rådet är skickat på remiss till fem invandrarorganisationer.');
    });

    it('colours the traffic lights and states the rule', () => {
      expect(page).toMatch(/<td class="light-red"><strong>Röd<\/strong> – 1 åtgärd är försenad<\/td>/);
      expect(page).toContain('<li class="light-red">Röd: minst en öppen åtgärd har passerat sitt slutdatum');
    });

    it('shows a moved due date with the original one', () => {
      expect(page).toContain('<td data-label="Slutdatum">2012-09-30 (ursprungligen 2012-04-15)</td>');
    });
  });

  describe('given user-written text with markup in it', () => {
    const page = html(withHostileUserText());

    it('escapes it everywhere, so it reads as text and runs nothing', () => {
      expect(page).not.toMatch(/<script|<img|<b>/i);
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dialog &amp; samråd');
      expect(page).toContain('Möte &lt;img src=x onerror=alert(1)&gt; hölls');
      expect(page).toContain('Nämnden&#39;s &lt;/td&gt;&lt;/tr&gt; beslut');
      expect(page).toContain('<a href="https://dokument.example.se/a?x=1&amp;y=&lt;2&gt;">Bilaga &quot;A&quot; &amp; B</a>');
    });

    it('links only web addresses: a javascript: link stays plain text', () => {
      expect(page).not.toContain('href="javascript:');
      expect(page).toContain('&lt;b&gt;Protokoll&lt;/b&gt; (javascript:alert(1))');
    });
  });

  describe('given the report in English', () => {
    const page = html(stockholmT1Input('en'));

    it('has English headings, labels and statuses', () => {
      expect(page).toContain('<html lang="en">');
      for (const heading of ['<h2>Summary</h2>', '<h2>Recommendations</h2>', '<h2>Changes since the previous report</h2>']) {
        expect(page).toContain(heading);
      }
      expect(page).toContain('<th>Latest progress note</th>');
      expect(page).toContain('In progress, overdue');
      expect(page).not.toMatch(/Sammanfattning|Åtgärder|Pågående/);
    });
  });
});
