import { escapeHtml } from '../../kernel/html';

/**
 * The bar charts of the overview page and of the reports, drawn from figures
 * alone. One geometry (chartGeometry) and two painters: chartSvg here for the
 * web page and the HTML report, and the PDF renderer's, which draws the same
 * boxes with pdfkit (it has no SVG import). Pure: the same figures give the
 * same drawing, so a rebuilt report holds the same chart byte for byte.
 */

/** What a bar's colour means; the SVG gives it as a class (app.css) and as a fill, the PDF as a fill. */
export type ChartTone = 'primary' | 'green' | 'yellow' | 'red' | 'muted';

export const TONE_FILL: Record<ChartTone, string> = {
  primary: '#0b57a4',
  green: '#2e7d32',
  yellow: '#c99700',
  red: '#c62828',
  muted: '#8a96a3',
};

export interface ChartSeries {
  key: string;
  label: string;
  tone: ChartTone;
}

/** A row of the chart: one bar, made of one segment per series (a stacked bar when there are several). */
export interface ChartRow {
  label: string;
  values: number[];
  /** A one-series bar's own colour (a traffic light's), instead of its series'. */
  tone?: ChartTone;
}

export interface ChartData {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** Said instead of figures when there are no rows. */
  empty: string;
  /** Numbers as the reader's language writes them. */
  formatNumber?: (n: number) => string;
}

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
  tone: ChartTone;
  /** "T1 – klara: 3" */
  label: string;
  /** The row it belongs to; -1 for a legend's swatch. */
  row: number;
}

export interface ChartText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'end';
  /** The width the text may take (the PDF wraps nothing, but clips to it). */
  width: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  boxes: ChartBox[];
  texts: ChartText[];
  /** The legend's swatches and words, when there are several series. */
  legend: Array<{ box: ChartBox; text: ChartText }>;
}

export const CHART_WIDTH = 480;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 40;
const ROW = 22;
const BAR = 14;
const LEGEND_ROW = 18;
/** Text sits this far under its row's top, so its baseline is level with the bar's middle. */
const BASELINE = 15;

/** Where the bars start, right of the labels. */
export const BAR_START = LABEL_WIDTH;
/** The width the bars share: a bar of the largest total is this long. */
export const BAR_AREA = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8;

const formatOf = (data: ChartData) => data.formatNumber ?? ((n: number) => String(n));

/** Where everything goes: labels left, bars scaled to the largest row total, each total right of its bar. */
export function chartGeometry(data: ChartData): ChartGeometry {
  const format = formatOf(data);
  const barArea = BAR_AREA;
  const totals = data.rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const boxes: ChartBox[] = [];
  const texts: ChartText[] = [];
  data.rows.forEach((row, i) => {
    const top = i * ROW;
    texts.push({ x: 0, y: top + BASELINE, text: row.label, anchor: 'start', width: LABEL_WIDTH - 6 });
    let x = LABEL_WIDTH;
    row.values.forEach((value, s) => {
      if (value <= 0) return;
      const width = round((value / max) * barArea);
      const series = data.series[s];
      boxes.push({ x, y: top + (ROW - BAR) / 2, width, height: BAR, tone: row.tone ?? series.tone, label: `${row.label} – ${series.label}: ${format(value)}`, row: i });
      x += width;
    });
    texts.push({ x: round(x + 4), y: top + BASELINE, text: format(totals[i]), anchor: 'start', width: VALUE_WIDTH });
  });
  const legend: ChartGeometry['legend'] = [];
  let height = data.rows.length * ROW;
  if (data.series.length > 1) {
    let x = 0;
    const top = height + 4;
    for (const series of data.series) {
      legend.push({
        box: { x, y: top + 4, width: 10, height: 10, tone: series.tone, label: series.label, row: -1 },
        text: { x: x + 14, y: top + 13, text: series.label, anchor: 'start', width: 110 },
      });
      x += 24 + Math.min(110, series.label.length * 6.5);
    }
    height = top + LEGEND_ROW;
  }
  return { width: CHART_WIDTH, height: Math.max(height, ROW), boxes, texts, legend };
}

/**
 * The chart's figures in words, for those who cannot see it:
 * "Klara 3, pågående 2" per row, or each row's one figure.
 */
export function chartDescription(data: ChartData): string {
  if (data.rows.length === 0) return data.empty;
  const format = formatOf(data);
  return data.rows
    .map((row) =>
      data.series.length === 1
        ? `${row.label}: ${format(row.values[0] ?? 0)}`
        : `${row.label}: ${data.series.map((s, i) => `${s.label} ${format(row.values[i] ?? 0)}`).join(', ')}`,
    )
    .join('; ');
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The chart as inline SVG: role="img", named by its <title> and described by
 * its <desc> (the figures in words). Colours are presentation attributes and
 * classes, never a style attribute, so the page's CSP (style-src 'self') holds.
 */
export function chartSvg(data: ChartData): string {
  const g = chartGeometry(data);
  const titleId = `${data.id}-title`;
  const descId = `${data.id}-desc`;
  const rect = (b: ChartBox) =>
    `<rect class="chart-bar chart-${b.tone}" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${TONE_FILL[b.tone]}"><title>${escapeHtml(b.label)}</title></rect>`;
  const label = (t: ChartText) => `<text class="chart-label" x="${t.x}" y="${t.y}" text-anchor="${t.anchor}" font-size="12" fill="#1b1f24">${escapeHtml(clip(t.text, t.width))}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${data.id}" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${g.width} ${g.height}" width="${g.width}" height="${g.height}" preserveAspectRatio="xMinYMin meet">`,
    `<title id="${titleId}">${escapeHtml(data.title)}</title>`,
    `<desc id="${descId}">${escapeHtml(chartDescription(data))}</desc>`,
    ...g.boxes.map(rect),
    ...g.texts.map(label),
    ...g.legend.flatMap((l) => [rect(l.box), label(l.text)]),
    '</svg>',
  ].join('');
}

/** About 6.5 units a character at 12: a label longer than its room is cut with an ellipsis (the table beside it has it whole). */
export function clip(text: string, width: number): string {
  const room = Math.floor(width / 6.5);
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1))}…`;
}
