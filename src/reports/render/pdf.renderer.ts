import type { EvidenceLink } from '../../recommendations/domain/recommendation.events';
import type { ReportAction, ReportDecision, ReportModel, ReportRecommendation, TrafficLight } from '../domain/report-model';
import { PdfFlow, PdfOutput, Typesetter, createDocument, type Cell, type PageGeometry, type Paragraph, type Run, type Table } from './pdf-flow';
import { isWebAddress, type RenderedReport } from './rendered-report';
import { actionCounts, headerRows } from './report-header';
import { chartGeometry, clip, TONE_FILL } from '../domain/charts';
import { reportCharts } from '../domain/report-charts';

const COLOURS = {
  heading: '#0b3a66',
  headerFill: '#dfe7ef',
  labelFill: '#f2f5f8',
  muted: '#4a5561',
  link: '#0b57a4',
  overdue: '#9b1c1c',
};
const LIGHT_FILL: Record<TrafficLight, string> = { green: '#cfeccf', yellow: '#fff0b3', red: '#f8c9c9' };
const LIGHT_DOT: Record<TrafficLight, string> = { green: '#2e7d32', yellow: '#c99700', red: '#c62828' };

const A4: [number, number] = [595.28, 841.89];
const MARGINS = { top: 48, bottom: 60, left: 48, right: 48 };
const GEOMETRY: PageGeometry = { size: A4, margins: MARGINS };
const TEXT = 9;
const TABLE = 8;
const SMALL = 7;

/** Column shares of the action and change tables, the same as in the HTML and DOCX. */
const ACTION_COLUMNS = [19, 15, 11, 10, 10, 21, 14];
const CHANGE_COLUMNS = [11, 6, 12, 19, 19, 19, 14];

const text = (value: string, size = TABLE, run: Omit<Run, 'text'> = {}, align?: 'left' | 'right'): Paragraph => ({
  runs: [{ text: value, ...run }],
  size,
  align,
});
const cell = (paragraphs: Paragraph[], fill?: string): Cell => ({ paragraphs, fill });
const headerCell = (label: string): Cell => cell([text(label, TABLE, { bold: true })], COLOURS.headerFill);

/**
 * The report as an A4 PDF, Roboto embedded. Deterministic: the document's
 * creation and modification dates are the as-of instant rather than the time
 * of rendering, and pdfkit derives the trailer's /ID from that document
 * information, so the same model gives the same bytes.
 */
export async function renderPdf(model: ReportModel): Promise<RenderedReport> {
  const asOf = new Date(model.asOf);
  const doc = createDocument(
    {
      lang: model.locale,
      displayTitle: true,
      // PDF/A-2b, what archives take: fonts embedded, XMP metadata and an output intent (pdfkit writes both).
      subset: 'PDF/A-2b',
      pdfVersion: '1.7',
      info: {
        Title: model.title,
        Subject: model.reviewTitle,
        Author: model.review?.committee ?? model.labels.documentTitle,
        Creator: 'Uppföljning',
        Producer: 'Uppföljning (pdfkit)',
        CreationDate: asOf,
        ModDate: asOf,
      },
    },
    GEOMETRY,
  );
  const output = await PdfOutput.of(doc);
  const typesetter = new Typesetter(doc);
  // First pass: lay the report out without drawing, to know how many pages the footers count to.
  const counting = new PdfFlow(typesetter, GEOMETRY, { draw: false });
  compose(counting, model);
  const pages = counting.page;
  const flow = new PdfFlow(typesetter, GEOMETRY, { draw: true, onPageEnd: (page) => footer(flow, model, page, pages) });
  compose(flow, model);
  flow.endPage();
  return { content: await output.end(), contentType: 'application/pdf', extension: 'pdf' };
}

function compose(flow: PdfFlow, model: ReportModel): void {
  header(flow, model);
  summary(flow, model);
  heading(flow, model.labels.recommendations);
  for (const r of model.recommendations) recommendation(flow, r, model);
  changes(flow, model);
  // The last thing on the last page: a printed report is itself a copy of the log's signed head.
  if (model.anchor) {
    const note = text(model.anchor.text, SMALL, { color: COLOURS.muted });
    note.spaceBefore = 12;
    flow.paragraph(note);
  }
}

const share = (flow: PdfFlow, percents: number[]) => percents.map((p) => (flow.width * p) / 100);

function heading(flow: PdfFlow, label: string): void {
  const title = text(label, 13, { bold: true, color: COLOURS.heading });
  title.spaceBefore = 12;
  // A heading needs room for itself and a few lines under it, or it starts the next page.
  flow.keep(flow.paragraphHeight(title) + 60);
  flow.paragraph(title);
  flow.moveDown(2);
  flow.rule(COLOURS.heading, 1.2);
  flow.moveDown(6);
}

function header(flow: PdfFlow, model: ReportModel): void {
  const { labels } = model;
  flow.paragraph(text(model.title, 17, { bold: true, color: COLOURS.heading }));
  flow.moveDown(3);
  flow.paragraph(text(`${labels.review}: ${model.reviewTitle}`, 11));
  flow.moveDown(8);
  const rows = headerRows(model);
  flow.table(
    flow.layoutTable({
      widths: [130, flow.width - 130],
      header: [],
      rows: rows.map(([k, v]) => [cell([text(k, TEXT, { bold: true })]), cell([text(v, TEXT)])]),
      borders: false,
    }),
    // Unframed, so the labels line up with the headings rather than with the cell padding.
    { x: flow.left - 4 },
  );
}

function summary(flow: PdfFlow, model: ReportModel): void {
  const { labels, summary: s } = model;
  heading(flow, labels.summary);
  const gap = 12;
  const width = (flow.width - 2 * gap) / 3;
  const countTable = (title: string, rows: Cell[][]): Table => ({
    widths: [width - 40, 40],
    header: [[headerCell(title), cell([text(labels.count, TABLE, { bold: true }, 'right')], COLOURS.headerFill)]],
    rows,
  });
  const countRow = (label: string, count: string, fill?: string, bold = false): Cell[] => [
    cell([text(label, TABLE, { bold })], fill),
    cell([text(count, TABLE, { bold }, 'right')], fill),
  ];
  const actions = actionCounts(model);
  const tables = [
    countTable(labels.recommendationsByStatus, [
      ...s.byStatus.map((c) => countRow(c.label, c.countText)),
      countRow(labels.total, s.recommendationCountText, undefined, true),
    ]),
    countTable(labels.actions, actions.map((c) => countRow(c.label, c.countText))),
    countTable(labels.trafficLights, s.byTrafficLight.map((c) => countRow(c.label, c.countText, LIGHT_FILL[c.light]))),
  ].map((t) => flow.layoutTable(t));
  flow.keep(Math.max(...tables.map((t) => flow.tableHeight(t))));
  const top = flow.y;
  const bottoms = tables.map((t, i) => flow.tableAt(t, flow.left + i * (width + gap), top));
  flow.y = Math.max(...bottoms);

  charts(flow, model);
  flow.moveDown(10);
  const rule = flow.layoutTable({
    widths: [flow.width],
    header: [[cell([text(labels.trafficLightRule, TABLE, { bold: true })], COLOURS.headerFill)]],
    rows: model.trafficLightRule.map((r) => [cell([text(r.text, TABLE)], LIGHT_FILL[r.light])]),
  });
  flow.table(rule);
}

/**
 * The summary's charts (domain/report-charts.ts), painted from the same
 * geometry as the SVG of the HTML report and the overview page: pdfkit has
 * no SVG import, so the boxes and labels are drawn as they are laid out.
 * Scaled to the page's width; each chart stays on one page with its title.
 */
function charts(flow: PdfFlow, model: ReportModel): void {
  for (const chart of reportCharts(model)) {
    const title = text(chart.title, 9.5, { bold: true });
    title.spaceBefore = 10;
    if (!chart.rows.length) {
      flow.paragraph(title);
      flow.paragraph(text(chart.empty, TABLE));
      continue;
    }
    const g = chartGeometry(chart);
    const scale = Math.min(1, flow.width / g.width);
    flow.keep(flow.paragraphHeight(title) + 4 + g.height * scale);
    flow.paragraph(title);
    flow.moveDown(4);
    const top = flow.y;
    const at = (n: number) => n * scale;
    for (const b of [...g.boxes, ...g.legend.map((l) => l.box)]) flow.box(flow.left + at(b.x), top + at(b.y), at(b.width), at(b.height), TONE_FILL[b.tone]);
    // A chart text's y is its baseline at size 12 in the SVG; pdfkit places text by its top.
    for (const t of [...g.texts, ...g.legend.map((l) => l.text)]) flow.paragraphAt(text(clip(t.text, t.width), TABLE), flow.left + at(t.x), top + at(t.y) - TABLE + 1.5, at(t.width) + 20);
    flow.y = top + at(g.height);
  }
}

function recommendation(flow: PdfFlow, r: ReportRecommendation, model: ReportModel): void {
  const { labels } = model;
  const fact = (label: string, paragraphs: Paragraph[], fill?: string): Cell[] => [
    cell([text(label, TABLE, { bold: true })], COLOURS.labelFill),
    cell(paragraphs, fill),
  ];
  const rows = [
    fact(labels.responsibleUnit, [text(r.responsibleUnitText)]),
    fact(labels.status, [text(r.statusText)]),
    fact(labels.decision, r.decision ? decision(r.decision, model) : [text(labels.noDecision)]),
  ];
  if (r.assessment) rows.push(fact(labels.assessment, decision(r.assessment, model)));
  rows.push(
    fact(labels.progress, [text(r.progressText)]),
    fact(
      labels.trafficLight,
      [
        {
          size: TABLE,
          runs: [
            { text: '● ', color: LIGHT_DOT[r.trafficLight] },
            { text: r.trafficLightText, bold: true },
            { text: ` – ${r.trafficLightReason}` },
          ],
        },
      ],
      LIGHT_FILL[r.trafficLight],
    ),
  );
  const title = text(`${r.code} ${r.title}`, 11, { bold: true });
  title.spaceBefore = 10;
  const facts = flow.layoutTable({ widths: [110, flow.width - 110], header: [], rows });
  const caption = text(labels.actions, 9.5, { bold: true });
  caption.spaceBefore = 6;
  const actions = r.actions.length ? flow.layoutTable(actionsTable(flow, r.actions, model)) : null;

  // The heading, its facts and the start of the action table stay together when a page can hold them.
  const together =
    flow.paragraphHeight(title) +
    4 +
    flow.tableHeight(facts) +
    flow.paragraphHeight(caption) +
    3 +
    (actions ? flow.startHeight(actions) : flow.paragraphHeight(text(labels.noActions, TEXT)));
  flow.keep(Math.min(together, flow.pageHeight));
  flow.paragraph(title);
  flow.moveDown(4);
  flow.table(facts);
  if (actions) flow.keep(flow.paragraphHeight(caption) + 3 + flow.startHeight(actions));
  flow.paragraph(caption);
  flow.moveDown(3);
  if (actions) flow.table(actions);
  else flow.paragraph(text(labels.noActions, TEXT));
}

function decision(d: ReportDecision, model: ReportModel): Paragraph[] {
  const { labels } = model;
  const line = (label: string, value: string): Paragraph => ({
    size: TABLE,
    runs: [{ text: `${label}: `, bold: true }, { text: value }],
  });
  return [
    text(d.outcomeText, TABLE, { bold: true }),
    line(labels.reason, d.reason),
    d.meetingText ? line(labels.meeting, d.meetingText) : line(labels.decidedOn, d.recordedAtText),
  ];
}

function actionsTable(flow: PdfFlow, actions: ReportAction[], model: ReportModel): Table {
  const { labels } = model;
  return {
    widths: share(flow, ACTION_COLUMNS),
    header: [[labels.action, labels.owner, labels.dueDate, labels.status, labels.progress, labels.latestNote, labels.evidence].map(headerCell)],
    rows: actions.map((a) => [
      cell([text(a.title)]),
      cell([text(a.responsibleUnitText), text(a.owner, SMALL, { color: COLOURS.muted })]),
      cell([text(a.dueText)]),
      cell([a.overdue ? text(a.statusText, TABLE, { bold: true, color: COLOURS.overdue }) : text(a.statusText)]),
      cell([text(a.progressText, TABLE, {}, 'right')]),
      cell(
        a.latestNote
          ? [text(a.latestNote.atText, SMALL, { color: COLOURS.muted }), text(a.latestNote.note)]
          : [text(labels.noNote, SMALL, { color: COLOURS.muted })],
      ),
      cell(evidence(a.evidence)),
    ]),
  };
}

function evidence(links: EvidenceLink[]): Paragraph[] {
  return links.map((l) =>
    isWebAddress(l.url) ? text(l.title, TABLE, { color: COLOURS.link, link: l.url }) : text(`${l.title} (${l.url})`),
  );
}

function changes(flow: PdfFlow, model: ReportModel): void {
  const { labels } = model;
  heading(flow, labels.changes);
  flow.paragraph(text(model.changesSinceText, TEXT));
  flow.moveDown(6);
  if (!model.changes.length) {
    flow.paragraph(text(labels.noChanges, TEXT));
    return;
  }
  flow.table(
    flow.layoutTable({
      widths: share(flow, CHANGE_COLUMNS),
      header: [[labels.date, labels.code, labels.change, labels.subject, labels.details, labels.reason, labels.by].map(headerCell)],
      rows: model.changes.map((c) => [
        cell([text(c.occurredAtText)]),
        cell([text(c.recommendationCode)]),
        cell([text(c.kindText)]),
        cell([text(c.subject)]),
        cell([text(c.details)]),
        cell([text(c.reason ?? '')]),
        cell([text(c.by, SMALL, { color: COLOURS.muted })]),
      ]),
    }),
  );
}

function footer(flow: PdfFlow, model: ReportModel, page: number, pages: number): void {
  const y = A4[1] - MARGINS.bottom + 24;
  const numberWidth = 80;
  const numbering = `${model.labels.page} ${page} ${model.labels.of} ${pages}`;
  flow.paragraphAt(text(model.title, SMALL, { color: COLOURS.muted }), flow.left, y, flow.width - numberWidth);
  flow.paragraphAt(text(numbering, SMALL, { color: COLOURS.muted }, 'right'), flow.left + flow.width - numberWidth, y, numberWidth);
}
