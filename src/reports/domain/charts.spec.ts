import { chartDescription, chartGeometry, chartSvg, type ChartData } from './charts';

const status: ChartData = {
  id: 'chart-status',
  title: 'Rekommendationer per status',
  series: [{ key: 'count', label: 'Antal', tone: 'primary' }],
  rows: [
    { label: 'Mottagen', values: [4] },
    { label: 'Pågår', values: [2] },
    { label: 'Genomförd', values: [0] },
  ],
  empty: 'Inget att visa.',
};

const milestones: ChartData = {
  id: 'chart-milestones',
  title: 'Åtgärder per rapporttillfälle',
  series: [
    { key: 'completed', label: 'Klara', tone: 'green' },
    { key: 'open', label: 'Pågående', tone: 'primary' },
    { key: 'overdue', label: 'Försenade', tone: 'red' },
  ],
  rows: [
    { label: 'T1', values: [3, 1, 2] },
    { label: 'T2', values: [0, 6, 0] },
  ],
  empty: 'Inget att visa.',
};

const attr = (svg: string, name: string) => [...svg.matchAll(new RegExp(`<rect class="chart-bar[^"]*"[^>]* ${name}="([^"]+)"`, 'g'))].map((m) => m[1]);

describe('charts', () => {
  it('draws a bar per row with a figure, scaled to the largest, and each total as text', () => {
    const svg = chartSvg(status);
    const widths = attr(svg, 'width').map(Number);
    // The zero row has no bar; 2 is half of 4.
    expect(widths).toHaveLength(2);
    expect(widths[1]).toBeCloseTo(widths[0] / 2, 0);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(['Mottagen', '4', 'Pågår', '2', 'Genomförd', '0']);
  });

  it('is an image named by its title and described by its figures', () => {
    const svg = chartSvg(status);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-status-title chart-status-desc"/);
    expect(svg).toContain('<title id="chart-status-title">Rekommendationer per status</title>');
    expect(svg).toContain('<desc id="chart-status-desc">Mottagen: 4; Pågår: 2; Genomförd: 0</desc>');
    // No style attribute: the page's CSP allows none.
    expect(svg).not.toMatch(/\sstyle=/);
  });

  it('stacks the series of a row, each in its colour, with a legend and every figure in words', () => {
    const g = chartGeometry(milestones);
    const t1 = g.boxes.filter((b) => b.label.startsWith('T1'));
    expect(t1.map((b) => b.tone)).toEqual(['green', 'primary', 'red']);
    // Each segment starts where the one before it ends.
    expect(t1[1].x).toBeCloseTo(t1[0].x + t1[0].width, 0);
    expect(t1.map((b) => b.label)).toEqual(['T1 – Klara: 3', 'T1 – Pågående: 1', 'T1 – Försenade: 2']);
    expect(g.legend.map((l) => l.text.text)).toEqual(['Klara', 'Pågående', 'Försenade']);
    expect(chartDescription(milestones)).toBe('T1: Klara 3, Pågående 1, Försenade 2; T2: Klara 0, Pågående 6, Försenade 0');
    expect(chartSvg(milestones)).toContain('fill="#c62828"');
  });

  it('says so when there is nothing to draw, and escapes what it is given', () => {
    expect(chartDescription({ ...status, rows: [] })).toBe('Inget att visa.');
    const svg = chartSvg({ ...status, rows: [{ label: 'A & <B>', values: [1] }] });
    expect(svg).toContain('A &amp; &lt;B&gt;');
  });

  it('gives the same drawing for the same figures', () => {
    expect(chartSvg(milestones)).toBe(chartSvg(JSON.parse(JSON.stringify(milestones)) as ChartData));
  });
});
