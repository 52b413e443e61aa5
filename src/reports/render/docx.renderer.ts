import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { EvidenceLink } from '../../recommendations/domain/recommendation.events';
import type { ReportAction, ReportDecision, ReportModel, ReportRecommendation, TrafficLight } from '../domain/report-model';
import { isWebAddress, type RenderedReport } from './rendered-report';
import { actionCounts, headerRows } from './report-header';
import { BAR_AREA, BAR_START, chartDescription, chartGeometry, TONE_FILL } from '../domain/charts';
import { reportCharts } from '../domain/report-charts';

const LIGHT_FILL: Record<TrafficLight, string> = { green: 'CFECCF', yellow: 'FFF0B3', red: 'F8C9C9' };
const HEADER_FILL = 'DFE7EF';
const LABEL_FILL = 'F2F5F8';
const HEADING_COLOUR = '0B3A66';
const MUTED = '4A5561';
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: 'B9C2CC' };
const BORDERS = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE };
/** Font sizes are in half-points. */
const SMALL = 15;
const TABLE_TEXT = 17;
/** Column shares of the action and change tables, the same as in the HTML and PDF. */
const ACTION_COLUMNS = [19, 15, 11, 10, 10, 21, 14];
const CHANGE_COLUMNS = [11, 6, 12, 19, 19, 19, 14];

/** Recommendations rendered per part: small enough that a part's object tree stays small, large enough to cost little. */
const RECOMMENDATIONS_PER_PART = 100;
/** Stands where the recommendations go in the document around them, until their parts are put in its place. */
const PLACEHOLDER = 'UPPFOLJNING-RECOMMENDATIONS';
const HYPERLINK_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

/**
 * The report as a Word document. The recommendations are rendered by docx a
 * part at a time (each part a document of its own, whose body and hyperlink
 * relationships are taken into the whole), and the document around them once:
 * docx builds a whole document as one object tree, and at 1,000
 * recommendations that tree, its formatted copy and the XML took over a
 * gigabyte, and more recommendations overflowed docx's stack. Deterministic:
 * docx writes the time of packing into docProps/core.xml and into every zip
 * entry, and gives hyperlinks random relationship ids; normalizeDocx replaces
 * all three (see there), so the same model gives the same bytes.
 */
export async function renderDocx(model: ReportModel): Promise<RenderedReport> {
  const whole = unzipSync(
    await Packer.toBuffer(
      documentOf(model, [
        ...header(model),
        ...summary(model),
        new Paragraph({ heading: HeadingLevel.HEADING_2, text: model.labels.recommendations }),
        new Paragraph({ text: PLACEHOLDER }),
        ...changes(model),
        ...(model.anchor ? [new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: model.anchor.text, size: 16 })] })] : []),
      ]),
    ),
  );
  const bodies: string[] = [];
  const links: string[] = [];
  for (let from = 0; from < model.recommendations.length; from += RECOMMENDATIONS_PER_PART) {
    const part = model.recommendations.slice(from, from + RECOMMENDATIONS_PER_PART).flatMap((r) => recommendation(r, model));
    const files = unzipSync(await Packer.toBuffer(documentOf(model, part)), { filter: (f) => f.name === DOCUMENT || f.name === DOCUMENT_RELS });
    bodies.push(bodyOf(decoder.decode(files[DOCUMENT])));
    links.push(...hyperlinksOf(decoder.decode(files[DOCUMENT_RELS])));
  }
  whole[DOCUMENT] = encoder.encode(inPlaceOfPlaceholder(decoder.decode(whole[DOCUMENT]), bodies.join('')));
  whole[DOCUMENT_RELS] = encoder.encode(decoder.decode(whole[DOCUMENT_RELS]).replace('</Relationships>', `${links.join('')}</Relationships>`));
  return {
    content: normalizeDocx(whole, model.asOf),
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  };
}

const DOCUMENT = 'word/document.xml';
const DOCUMENT_RELS = 'word/_rels/document.xml.rels';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** What a part's body holds, without the section properties docx ends every body with. */
function bodyOf(documentXml: string): string {
  const start = documentXml.indexOf('<w:body>') + '<w:body>'.length;
  const end = documentXml.lastIndexOf('<w:sectPr');
  if (start < '<w:body>'.length || end < start) throw new Error('A part of the DOCX report has no body');
  return documentXml.slice(start, end);
}

/** The hyperlinks' relationships of a part, in its order (the rest are the same in every part and in the whole). */
function hyperlinksOf(relsXml: string): string[] {
  return [...relsXml.matchAll(/<Relationship [^>]*\/>/g)].map((m) => m[0]).filter((r) => r.includes(`Type="${HYPERLINK_TYPE}"`));
}

/** The document with the placeholder's paragraph replaced by the parts' bodies. */
function inPlaceOfPlaceholder(documentXml: string, parts: string): string {
  const at = documentXml.indexOf(PLACEHOLDER);
  const start = documentXml.lastIndexOf('<w:p>', at);
  const end = documentXml.indexOf('</w:p>', at) + '</w:p>'.length;
  if (at < 0 || start < 0) throw new Error('The DOCX report lost the place of its recommendations');
  return documentXml.slice(0, start) + parts + documentXml.slice(end);
}

/** A document in the report's page, styles and footer, with these children. */
function documentOf(model: ReportModel, children: Array<Paragraph | Table>): Document {
  return new Document({
    title: model.title,
    subject: model.reviewTitle,
    creator: 'Uppföljning',
    lastModifiedBy: 'Uppföljning',
    description: `${model.labels.asOf} ${model.asOfText}; ${model.labels.position} ${model.positionText}`,
    revision: 1,
    styles: {
      default: {
        // Table text is the default: most paragraphs are table cells, which then need no style of their own (see para).
        document: { run: { font: 'Calibri', size: TABLE_TEXT, language: { value: model.locale } }, paragraph: { spacing: { after: 0 } } },
        heading1: { run: { size: 34, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { after: 80 } } },
        heading2: {
          run: { size: 27, bold: true, color: HEADING_COLOUR },
          paragraph: {
            spacing: { before: 320, after: 120 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: HEADING_COLOUR, space: 2 } },
            keepNext: true,
          },
        },
        heading3: { run: { size: 23, bold: true, color: '1B1F23' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
        heading4: { run: { size: 20, bold: true, color: '1B1F23' }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true } },
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1000, bottom: 1100, left: 1000, right: 1000 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    size: SMALL,
                    color: MUTED,
                    children: [`${model.title} · ${model.labels.page} `, PageNumber.CURRENT, ` ${model.labels.of} `, PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/**
 * Zips a .docx's files so that the result depends only on what is in them:
 * - dcterms:created and dcterms:modified become the report's as-of instant;
 * - the relationship ids docx draws at random for hyperlinks (`rId` + 21
 *   nanoid characters) are renamed in order of appearance;
 * - every zip entry gets the same timestamp. Zip stores local wall-clock time,
 *   which fflate reads from a Date in the machine's time zone, so the Date is
 *   built from local fields: the stored stamp is the as-of date at noon on
 *   any machine (noon, because no time zone skips or repeats that hour).
 * Entries keep docx's order and compression.
 */
export function normalizeDocx(files: Record<string, Uint8Array>, asOf: string): Buffer {
  const instant = new Date(asOf).toISOString().replace(/\.\d{3}Z$/, 'Z');

  const rels = files['word/_rels/document.xml.rels'] ? decoder.decode(files['word/_rels/document.xml.rels']) : '';
  const renames = new Map<string, string>();
  for (const match of rels.matchAll(/Id="(rId[A-Za-z0-9_-]{21})"/g)) {
    if (!renames.has(match[1])) renames.set(match[1], `rIdLink${renames.size + 1}`);
  }
  const randomId = /rId[A-Za-z0-9_-]{21}/g;

  const day = new Date(asOf);
  const mtime = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12, 0, 0);
  const zippable: Zippable = {};
  for (const [path, data] of Object.entries(files)) {
    let content = data;
    if (path === 'docProps/core.xml') {
      content = encoder.encode(
        decoder
          .decode(data)
          .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${instant}$2`)
          .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${instant}$2`),
      );
    } else if (renames.size && (path === 'word/document.xml' || path === 'word/_rels/document.xml.rels')) {
      content = encoder.encode(decoder.decode(data).replace(randomId, (id) => renames.get(id) ?? id));
    }
    zippable[path] = [content, { mtime, level: 6 }];
  }
  return Buffer.from(zipSync(zippable));
}

const STYLE = { text: 'ReportText', table: 'ReportTableText', small: 'ReportSmall' } as const;
type Style = (typeof STYLE)[keyof typeof STYLE];

/**
 * Sizes and colours live in paragraph styles rather than on every run: the
 * benchmark report has some 50,000 table cells, and each property repeated
 * per run is one more XML element docx builds, holds and writes.
 */
const PARAGRAPH_STYLES = [
  { id: STYLE.text, name: 'Report text', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } },
  { id: STYLE.table, name: 'Report table text', basedOn: 'Normal', run: { size: TABLE_TEXT }, paragraph: { spacing: { after: 0 } } },
  { id: STYLE.small, name: 'Report small text', basedOn: 'Normal', run: { size: SMALL, color: MUTED }, paragraph: { spacing: { after: 0 } } },
];

/**
 * A paragraph in one of the report's styles. Table text is the document's
 * default, so a cell's paragraph carries no style: at some 60,000 cells each
 * element left out is one less object built, formatted and written.
 */
function para(value: string | ParagraphChild[], style: Style = STYLE.table, options: { bold?: boolean; color?: string } = {}): Paragraph {
  const styled = style === STYLE.table ? {} : { style };
  if (typeof value !== 'string') return new Paragraph({ ...styled, children: value });
  if (!options.bold && !options.color) return new Paragraph({ ...styled, text: value });
  return new Paragraph({ ...styled, children: [new TextRun({ text: value, bold: options.bold, color: options.color })] });
}

function cell(children: Paragraph[], fill?: string): TableCell {
  return new TableCell({ children, shading: fill ? { fill, type: ShadingType.CLEAR, color: 'auto' } : undefined });
}

/** Column widths as shares of the text width (A4 less the margins), in twips. */
const TEXT_WIDTH = 11906 - 2 * 1000;
const columns = (percents: number[]) => percents.map((p) => Math.round((TEXT_WIDTH * p) / 100));

function table(rows: TableRow[], percents: number[], widthPercent = 100): Table {
  return new Table({
    rows,
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    columnWidths: columns(percents.map((p) => (p * widthPercent) / 100)),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: BORDERS,
  });
}

function headerRow(labels: string[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: labels.map((l) => cell([para(l, STYLE.table, { bold: true })], HEADER_FILL)),
  });
}

function header(model: ReportModel): Array<Paragraph | Table> {
  const { labels } = model;
  const rows = headerRows(model);
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: model.title }),
    new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: `${labels.review}: ${model.reviewTitle}`, size: 23 })] }),
    ...rows.map(([k, v]) => para([new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)], STYLE.text)),
  ];
}

function summary(model: ReportModel): Array<Paragraph | Table> {
  const { labels, summary: s } = model;
  const widths = [75, 25];
  const countRow = (label: string, count: string, options: { fill?: string; bold?: boolean } = {}) =>
    new TableRow({
      children: [
        cell([para(label, STYLE.table, { bold: options.bold })], options.fill),
        cell(
          [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: count, bold: options.bold })] })],
          options.fill,
        ),
      ],
    });
  const actions = actionCounts(model);
  const gap = () => new Paragraph({ spacing: { after: 120 } });
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: labels.summary }),
    table(
      [
        headerRow([labels.recommendationsByStatus, labels.count]),
        ...s.byStatus.map((c) => countRow(c.label, c.countText)),
        countRow(labels.total, s.recommendationCountText, { bold: true }),
      ],
      widths,
      60,
    ),
    gap(),
    table([headerRow([labels.actions, labels.count]), ...actions.map((c) => countRow(c.label, c.countText))], widths, 60),
    gap(),
    table(
      [headerRow([labels.trafficLights, labels.count]), ...s.byTrafficLight.map((c) => countRow(c.label, c.countText, { fill: LIGHT_FILL[c.light] }))],
      widths,
      60,
    ),
    ...charts(model),
    new Paragraph({ heading: HeadingLevel.HEADING_4, text: labels.trafficLightRule }),
    table(
      model.trafficLightRule.map((r) => new TableRow({ children: [cell([para(r.text)], LIGHT_FILL[r.light])] })),
      [100],
    ),
  ];
}

/** How many cells a chart's bar area is cut into: a bar is as many shaded cells as its share of the area, to the nearest. */
const CHART_CELLS = 24;
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/**
 * The summary's charts (domain/report-charts.ts) as tables of shaded cells:
 * docx only embeds raster images, and no maintained library that draws PNG
 * without native parts is installed, so each bar is a run of cells shaded in
 * its colour, cut from the same geometry as the SVG and PDF charts. Each
 * chart's figures follow it in words, its text alternative.
 */
function charts(model: ReportModel): Array<Paragraph | Table> {
  const none = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
  const empty = () => new Paragraph({ children: [] });
  return reportCharts(model).flatMap((chart) => {
    const title = new Paragraph({ heading: HeadingLevel.HEADING_4, text: chart.title });
    const words = para(chartDescription(chart), STYLE.table, { color: MUTED });
    if (!chart.rows.length) return [title, words];
    const g = chartGeometry(chart);
    const rows = chart.rows.map((row, i) => {
      const boxes = g.boxes.filter((b) => b.row === i);
      const tones: Array<string | undefined> = [];
      let end = 0;
      for (const b of boxes) {
        // Cut at the rounded running end, so the segments of a stacked bar add up to its whole.
        const to = Math.round(((b.x + b.width - BAR_START) / BAR_AREA) * CHART_CELLS);
        while (end < to) (tones[end++] = TONE_FILL[b.tone].slice(1).toUpperCase());
      }
      const total = row.values.reduce((a, b) => a + b, 0);
      return new TableRow({
        cantSplit: true,
        children: [
          cell([para(row.label)]),
          ...Array.from({ length: CHART_CELLS }, (_, c) => cell([empty()], tones[c])),
          cell([para(chart.formatNumber ? chart.formatNumber(total) : String(total))]),
        ],
      });
    });
    const bars = new Table({
      rows,
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: columns([28, ...Array.from({ length: CHART_CELLS }, () => 60 / CHART_CELLS), 12]),
      margins: { top: 20, bottom: 20, left: 0, right: 0 },
      borders: none,
    });
    return [title, bars, words];
  });
}

function recommendation(r: ReportRecommendation, model: ReportModel): Array<Paragraph | Table> {
  const { labels } = model;
  const fact = (label: string, value: Paragraph[], fill?: string) =>
    new TableRow({ cantSplit: true, children: [cell([para(label, STYLE.table, { bold: true })], LABEL_FILL), cell(value, fill)] });
  const rows = [
    fact(labels.responsibleUnit, [para(r.responsibleUnitText)]),
    fact(labels.status, [para(r.statusText)]),
    fact(labels.decision, r.decision ? decision(r.decision, model) : [para(labels.noDecision)]),
  ];
  if (r.assessment) rows.push(fact(labels.assessment, decision(r.assessment, model)));
  rows.push(
    fact(labels.progress, [para(r.progressText)]),
    fact(
      labels.trafficLight,
      [para([new TextRun({ text: r.trafficLightText, bold: true }), new TextRun(` – ${r.trafficLightReason}`)])],
      LIGHT_FILL[r.trafficLight],
    ),
  );
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_3, text: `${r.code} ${r.title}` }),
    table(rows, [25, 75]),
    new Paragraph({ heading: HeadingLevel.HEADING_4, text: labels.actions }),
    r.actions.length ? actionsTable(r.actions, model) : para(labels.noActions, STYLE.text),
  ];
}

function decision(d: ReportDecision, model: ReportModel): Paragraph[] {
  const { labels } = model;
  const line = (label: string, value: string) => para([new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)]);
  return [
    para(d.outcomeText, STYLE.table, { bold: true }),
    line(labels.reason, d.reason),
    d.meetingText ? line(labels.meeting, d.meetingText) : line(labels.decidedOn, d.recordedAtText),
  ];
}

function actionsTable(actions: ReportAction[], model: ReportModel): Table {
  const { labels } = model;
  return table(
    [
      headerRow([labels.action, labels.owner, labels.dueDate, labels.status, labels.progress, labels.latestNote, labels.evidence]),
      ...actions.map(
        (a) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell([para(a.title)]),
              cell([para(a.responsibleUnitText), para(a.owner, STYLE.small)]),
              cell([para(a.dueText)]),
              cell([a.overdue ? para(a.statusText, STYLE.table, { bold: true, color: '9B1C1C' }) : para(a.statusText)]),
              cell([new Paragraph({ alignment: AlignmentType.RIGHT, text: a.progressText })]),
              cell(a.latestNote ? [para(a.latestNote.atText, STYLE.small), para(a.latestNote.note)] : [para(labels.noNote, STYLE.small)]),
              cell(evidence(a.evidence)),
            ],
          }),
      ),
    ],
    ACTION_COLUMNS,
  );
}

function evidence(links: EvidenceLink[]): Paragraph[] {
  if (!links.length) return [para('')];
  return links.map((l) =>
    isWebAddress(l.url)
      ? para([new ExternalHyperlink({ link: l.url, children: [new TextRun({ text: l.title, style: 'Hyperlink' })] })])
      : para(`${l.title} (${l.url})`),
  );
}

function changes(model: ReportModel): Array<Paragraph | Table> {
  const { labels } = model;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: labels.changes }),
    new Paragraph({ style: STYLE.text, spacing: { after: 120 }, text: model.changesSinceText }),
    model.changes.length
      ? table(
          [
            headerRow([labels.date, labels.code, labels.change, labels.subject, labels.details, labels.reason, labels.by]),
            ...model.changes.map(
              (c) =>
                new TableRow({
                  cantSplit: true,
                  children: [
                    cell([para(c.occurredAtText)]),
                    cell([para(c.recommendationCode)]),
                    cell([para(c.kindText)]),
                    cell([para(c.subject)]),
                    cell([para(c.details)]),
                    cell([para(c.reason ?? '')]),
                    cell([para(c.by, STYLE.small)]),
                  ],
                }),
            ),
          ],
          CHANGE_COLUMNS,
        )
      : para(labels.noChanges, STYLE.text),
  ];
}
