import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
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
const OVERDUE = '9B1C1C';
/** Font sizes are in half-points. */
const SMALL = 15;
const TABLE_TEXT = 17;
/** Column shares of the action and change tables, the same as in the HTML and PDF. */
const ACTION_COLUMNS = [19, 15, 11, 10, 10, 21, 14];
const CHANGE_COLUMNS = [11, 6, 12, 19, 19, 19, 14];

/** Stands where the body goes in the document docx packs, until the body is put in its place. */
const PLACEHOLDER = 'UPPFOLJNING-REPORT-BODY';
const HYPERLINK_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';
const DOCUMENT = 'word/document.xml';
const DOCUMENT_RELS = 'word/_rels/document.xml.rels';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The report as a Word document. docx packs the document around the body
 * (styles, page, footer, properties) with a placeholder for a body, and the
 * body is written here as WordprocessingML text, in the XML docx writes for
 * the same paragraphs and tables, byte for byte. docx builds a whole document
 * as a tree of objects, formats it into another and writes that: for the
 * benchmark's T1 (1,000 recommendations × 5 actions × 20 notes), even a
 * hundred recommendations at a time, build + render took 11.6 s of CPU and
 * 620 MB peak RSS, 40% of it in docx and a third garbage collection; written
 * as text, 1.7 s and 280 MB for the same bytes (2026-12-01, the process's CPU
 * time on the shared 2-core machine). Deterministic: docx writes the time of
 * packing into docProps/core.xml and into every zip entry, which normalizeDocx
 * replaces, and the hyperlinks are numbered in order, so the same model gives
 * the same bytes.
 */
export async function renderDocx(model: ReportModel): Promise<RenderedReport> {
  const links = new Hyperlinks();
  const body = [
    ...header(model),
    ...summary(model),
    heading(2, model.labels.recommendations),
    ...model.recommendations.flatMap((r) => recommendation(r, model, links)),
    ...changes(model),
    ...(model.anchor ? [paragraph(run(model.anchor.text, { size: 16 }), { spacing: { before: 240 } })] : []),
  ];
  const files = unzipSync(await Packer.toBuffer(documentOf(model)));
  files[DOCUMENT] = inPlaceOfPlaceholder(decoder.decode(files[DOCUMENT]), body);
  const rels = decoder.decode(files[DOCUMENT_RELS]);
  const relsEnd = rels.indexOf('</Relationships>');
  files[DOCUMENT_RELS] = encoded([rels.slice(0, relsEnd), ...links.relationships, rels.slice(relsEnd)]);
  return {
    content: normalizeDocx(files, model.asOf),
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  };
}

/** The document with the placeholder's paragraph replaced by the body's elements. */
function inPlaceOfPlaceholder(documentXml: string, body: string[]): Uint8Array<ArrayBuffer> {
  const at = documentXml.indexOf(PLACEHOLDER);
  const start = documentXml.lastIndexOf('<w:p>', at);
  const end = documentXml.indexOf('</w:p>', at) + '</w:p>'.length;
  if (at < 0 || start < 0) throw new Error('The DOCX report lost the place of its body');
  return encoded([documentXml.slice(0, start), ...body, documentXml.slice(end)]);
}

/**
 * The UTF-8 of these strings one after another, each encoded on its own:
 * joined into T1's one 18 MB string first, the whole render took 8% more
 * CPU (1.81 s against 1.67 s, three runs of each, alternating).
 */
function encoded(texts: string[]): Uint8Array<ArrayBuffer> {
  const parts = texts.map((t) => encoder.encode(t));
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

/** The report's page, styles and footer around a placeholder for the body. */
function documentOf(model: ReportModel): Document {
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
        children: [new Paragraph({ text: PLACEHOLDER })],
      },
    ],
  });
}

/**
 * Zips a .docx's files so that the result depends only on what is in them:
 * - dcterms:created and dcterms:modified become the report's as-of instant;
 * - every zip entry gets the same timestamp. Zip stores local wall-clock time,
 *   which fflate reads from a Date in the machine's time zone, so the Date is
 *   built from local fields: the stored stamp is the as-of date at noon on
 *   any machine (noon, because no time zone skips or repeats that hour).
 * Entries keep docx's order and compression.
 */
export function normalizeDocx(files: Record<string, Uint8Array>, asOf: string): Buffer {
  const instant = new Date(asOf).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
    }
    zippable[path] = [content, { mtime, level: 6 }];
  }
  return Buffer.from(zipSync(zippable));
}

// ——— WordprocessingML, written as docx writes it ———

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/** Text and attribute values as docx escapes them: the five XML specials, and control characters XML cannot hold dropped. */
const escape = (text: string) => text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');

interface RunFormat {
  bold?: boolean;
  color?: string;
  /** In half-points. */
  size?: number;
  style?: string;
}

/** A run of text, its properties in the order the schema (and docx) puts them. */
function run(text: string, format: RunFormat = {}): string {
  const properties =
    (format.style ? `<w:rStyle w:val="${format.style}"/>` : '') +
    (format.bold ? '<w:b/><w:bCs/>' : '') +
    (format.color ? `<w:color w:val="${format.color}"/>` : '') +
    (format.size ? `<w:sz w:val="${format.size}"/><w:szCs w:val="${format.size}"/>` : '');
  return `<w:r>${properties && `<w:rPr>${properties}</w:rPr>`}<w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
}

interface ParagraphFormat {
  style?: string;
  spacing?: { before?: number; after?: number };
  alignRight?: boolean;
}

/** A paragraph of these runs (none: an empty paragraph). */
function paragraph(runs: string, format: ParagraphFormat = {}): string {
  const { style, spacing, alignRight } = format;
  const properties =
    (style ? `<w:pStyle w:val="${style}"/>` : '') +
    (spacing
      ? `<w:spacing${spacing.before === undefined ? '' : ` w:before="${spacing.before}"`}${spacing.after === undefined ? '' : ` w:after="${spacing.after}"`}/>`
      : '') +
    (alignRight ? '<w:jc w:val="right"/>' : '');
  if (!properties && !runs) return '<w:p/>';
  return `<w:p>${properties && `<w:pPr>${properties}</w:pPr>`}${runs}</w:p>`;
}

/** The relationships of the document's hyperlinks, numbered in the order they appear. */
class Hyperlinks {
  readonly relationships: string[] = [];

  /**
   * A link to a web address. As docx does, a fragment Word can hold as an
   * anchor (1–255 characters) goes into w:anchor and the relationship's
   * target is the address without it.
   */
  link(url: string, runs: string): string {
    const hash = url.indexOf('#');
    const fragmentLength = url.length - hash - 1;
    const fragment = hash > 0 && fragmentLength >= 1 && fragmentLength <= 255 ? url.slice(hash + 1) : undefined;
    const id = `rIdLink${this.relationships.length + 1}`;
    this.relationships.push(
      `<Relationship Id="${id}" Type="${HYPERLINK_TYPE}" Target="${escape(fragment === undefined ? url : url.slice(0, hash))}" TargetMode="External"/>`,
    );
    return `<w:hyperlink w:history="1"${fragment === undefined ? '' : ` w:anchor="${escape(fragment)}"`} r:id="${id}">${runs}</w:hyperlink>`;
  }
}

interface Cell {
  /** The cell's paragraphs, written. */
  content: string;
  fill?: string;
}

interface Row {
  cells: Cell[];
  /** Repeated at the top of every page the table runs onto. */
  header?: boolean;
  cantSplit?: boolean;
}

interface TableLook {
  widthPercent?: number;
  borders?: string;
  margins?: { top: number; bottom: number; left: number; right: number };
}

const border = (style: string, size: number, color: string) =>
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="${style}" w:color="${color}" w:sz="${size}"/>`).join('');
const RULES = border('single', 4, 'B9C2CC');
const NO_BORDERS = border('none', 0, 'FFFFFF');

/** Column widths as shares of the text width (A4 less the margins), in twips. */
const TEXT_WIDTH = 11906 - 2 * 1000;
const columns = (percents: number[]) => percents.map((p) => Math.round((TEXT_WIDTH * p) / 100));

/** A table of these rows, its columns `percents` of its width, which is `widthPercent` of the text's. */
function table(rows: Row[], percents: number[], look: TableLook = {}): string {
  const { widthPercent = 100, borders = RULES, margins = { top: 40, bottom: 40, left: 80, right: 80 } } = look;
  const widths = columns(percents.map((p) => (p * widthPercent) / 100));
  const cellWidths = widths.map((w) => `<w:tcW w:type="dxa" w:w="${w}"/>`);
  const properties =
    `<w:tblPr><w:tblW w:type="pct" w:w="${widthPercent * 50}"/><w:tblBorders>${borders}</w:tblBorders>` +
    `<w:tblCellMar><w:top w:type="dxa" w:w="${margins.top}"/><w:left w:type="dxa" w:w="${margins.left}"/>` +
    `<w:bottom w:type="dxa" w:w="${margins.bottom}"/><w:right w:type="dxa" w:w="${margins.right}"/></w:tblCellMar></w:tblPr>`;
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const rowXml = ({ cells, header, cantSplit }: Row) => {
    const rowProperties = (cantSplit ? '<w:cantSplit/>' : '') + (header ? '<w:tblHeader/>' : '');
    const cellXml = cells
      .map(
        ({ content, fill }, i) =>
          `<w:tc><w:tcPr>${cellWidths[i]}${fill ? `<w:shd w:fill="${fill}" w:color="auto" w:val="clear"/>` : ''}</w:tcPr>${content}</w:tc>`,
      )
      .join('');
    return `<w:tr>${rowProperties && `<w:trPr>${rowProperties}</w:trPr>`}${cellXml}</w:tr>`;
  };
  return `<w:tbl>${properties}${grid}${rows.map(rowXml).join('')}</w:tbl>`;
}

// ——— The report ———

const STYLE = { text: 'ReportText', table: 'ReportTableText', small: 'ReportSmall' } as const;
type Style = (typeof STYLE)[keyof typeof STYLE];

/**
 * Sizes and colours live in paragraph styles rather than on every run: the
 * benchmark report has some 50,000 table cells, and each property repeated
 * per run is one more XML element to write and for Word to read.
 */
const PARAGRAPH_STYLES = [
  { id: STYLE.text, name: 'Report text', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } },
  { id: STYLE.table, name: 'Report table text', basedOn: 'Normal', run: { size: TABLE_TEXT }, paragraph: { spacing: { after: 0 } } },
  { id: STYLE.small, name: 'Report small text', basedOn: 'Normal', run: { size: SMALL, color: MUTED }, paragraph: { spacing: { after: 0 } } },
];

/**
 * A paragraph in one of the report's styles. Table text is the document's
 * default, so a cell's paragraph carries no style. A string becomes one run
 * (none when empty); written runs are taken as they are.
 */
function para(value: string | { runs: string }, style: Style = STYLE.table, format: RunFormat = {}): string {
  const styled = style === STYLE.table ? {} : { style };
  if (typeof value !== 'string') return paragraph(value.runs, styled);
  return paragraph(value || format.bold || format.color ? run(value, format) : '', styled);
}

const heading = (level: 1 | 2 | 3 | 4, text: string) => paragraph(text ? run(text) : '', { style: `Heading${level}` });
const cell = (content: string, fill?: string): Cell => ({ content, fill });
const headerRow = (labels: string[]): Row => ({ header: true, cantSplit: true, cells: labels.map((l) => cell(para(l, STYLE.table, { bold: true }), HEADER_FILL)) });
/** "Label: value", the label in bold. */
const labelled = (label: string, value: string) => ({ runs: run(`${label}: `, { bold: true }) + run(value) });

function header(model: ReportModel): string[] {
  const { labels } = model;
  return [
    heading(1, model.title),
    paragraph(run(`${labels.review}: ${model.reviewTitle}`, { size: 23 }), { spacing: { after: 160 } }),
    ...headerRows(model).map(([k, v]) => para(labelled(k, v), STYLE.text)),
  ];
}

function summary(model: ReportModel): string[] {
  const { labels, summary: s } = model;
  const widths = [75, 25];
  const narrow = { widthPercent: 60 };
  const countRow = (label: string, count: string, options: { fill?: string; bold?: boolean } = {}): Row => ({
    cells: [
      cell(para(label, STYLE.table, { bold: options.bold }), options.fill),
      cell(paragraph(run(count, { bold: options.bold }), { alignRight: true }), options.fill),
    ],
  });
  const gap = paragraph('', { spacing: { after: 120 } });
  return [
    heading(2, labels.summary),
    table(
      [
        headerRow([labels.recommendationsByStatus, labels.count]),
        ...s.byStatus.map((c) => countRow(c.label, c.countText)),
        countRow(labels.total, s.recommendationCountText, { bold: true }),
      ],
      widths,
      narrow,
    ),
    gap,
    table([headerRow([labels.actions, labels.count]), ...actionCounts(model).map((c) => countRow(c.label, c.countText))], widths, narrow),
    gap,
    table(
      [headerRow([labels.trafficLights, labels.count]), ...s.byTrafficLight.map((c) => countRow(c.label, c.countText, { fill: LIGHT_FILL[c.light] }))],
      widths,
      narrow,
    ),
    ...charts(model),
    heading(4, labels.trafficLightRule),
    table(
      model.trafficLightRule.map((r) => ({ cells: [cell(para(r.text), LIGHT_FILL[r.light])] })),
      [100],
    ),
  ];
}

/** How many cells a chart's bar area is cut into: a bar is as many shaded cells as its share of the area, to the nearest. */
const CHART_CELLS = 24;

/**
 * The summary's charts (domain/report-charts.ts) as tables of shaded cells:
 * Word documents only embed raster images, and no maintained library that
 * draws PNG without native parts is installed, so each bar is a run of cells
 * shaded in its colour, cut from the same geometry as the SVG and PDF charts.
 * Each chart's figures follow it in words, its text alternative.
 */
function charts(model: ReportModel): string[] {
  const look = { borders: NO_BORDERS, margins: { top: 20, bottom: 20, left: 0, right: 0 } };
  return reportCharts(model).flatMap((chart) => {
    const title = heading(4, chart.title);
    const words = para(chartDescription(chart), STYLE.table, { color: MUTED });
    if (!chart.rows.length) return [title, words];
    const g = chartGeometry(chart);
    const rows = chart.rows.map((row, i): Row => {
      const tones: Array<string | undefined> = [];
      let end = 0;
      for (const b of g.boxes.filter((box) => box.row === i)) {
        // Cut at the rounded running end, so the segments of a stacked bar add up to its whole.
        const to = Math.round(((b.x + b.width - BAR_START) / BAR_AREA) * CHART_CELLS);
        while (end < to) (tones[end++] = TONE_FILL[b.tone].slice(1).toUpperCase());
      }
      const total = row.values.reduce((a, b) => a + b, 0);
      return {
        cantSplit: true,
        cells: [
          cell(para(row.label)),
          ...Array.from({ length: CHART_CELLS }, (_, c) => cell(paragraph(''), tones[c])),
          cell(para(chart.formatNumber ? chart.formatNumber(total) : String(total))),
        ],
      };
    });
    const bars = table(rows, [28, ...Array.from({ length: CHART_CELLS }, () => 60 / CHART_CELLS), 12], look);
    return [title, bars, words];
  });
}

function recommendation(r: ReportRecommendation, model: ReportModel, links: Hyperlinks): string[] {
  const { labels } = model;
  const fact = (label: string, value: string, fill?: string): Row => ({
    cantSplit: true,
    cells: [cell(para(label, STYLE.table, { bold: true }), LABEL_FILL), cell(value, fill)],
  });
  const rows = [
    fact(labels.responsibleUnit, para(r.responsibleUnitText)),
    fact(labels.status, para(r.statusText)),
    fact(labels.decision, r.decision ? decision(r.decision, model) : para(labels.noDecision)),
  ];
  if (r.assessment) rows.push(fact(labels.assessment, decision(r.assessment, model)));
  rows.push(
    fact(labels.progress, para(r.progressText)),
    fact(labels.trafficLight, para({ runs: run(r.trafficLightText, { bold: true }) + run(` – ${r.trafficLightReason}`) }), LIGHT_FILL[r.trafficLight]),
  );
  return [
    heading(3, `${r.code} ${r.title}`),
    table(rows, [25, 75]),
    heading(4, labels.actions),
    r.actions.length ? actionsTable(r.actions, model, links) : para(labels.noActions, STYLE.text),
  ];
}

function decision(d: ReportDecision, model: ReportModel): string {
  const { labels } = model;
  return (
    para(d.outcomeText, STYLE.table, { bold: true }) +
    para(labelled(labels.reason, d.reason)) +
    para(d.meetingText ? labelled(labels.meeting, d.meetingText) : labelled(labels.decidedOn, d.recordedAtText))
  );
}

function actionsTable(actions: ReportAction[], model: ReportModel, links: Hyperlinks): string {
  const { labels } = model;
  return table(
    [
      headerRow([labels.action, labels.owner, labels.dueDate, labels.status, labels.progress, labels.latestNote, labels.evidence]),
      ...actions.map(
        (a): Row => ({
          cantSplit: true,
          cells: [
            cell(para(a.title)),
            cell(para(a.responsibleUnitText) + para(a.owner, STYLE.small)),
            cell(para(a.dueText)),
            cell(a.overdue ? para(a.statusText, STYLE.table, { bold: true, color: OVERDUE }) : para(a.statusText)),
            cell(paragraph(a.progressText ? run(a.progressText) : '', { alignRight: true })),
            cell(a.latestNote ? para(a.latestNote.atText, STYLE.small) + para(a.latestNote.note) : para(labels.noNote, STYLE.small)),
            cell(evidence(a.evidence, links)),
          ],
        }),
      ),
    ],
    ACTION_COLUMNS,
  );
}

function evidence(evidenceLinks: EvidenceLink[], links: Hyperlinks): string {
  if (!evidenceLinks.length) return para('');
  return evidenceLinks
    .map((l) => (isWebAddress(l.url) ? para({ runs: links.link(l.url, run(l.title, { style: 'Hyperlink' })) }) : para(`${l.title} (${l.url})`)))
    .join('');
}

function changes(model: ReportModel): string[] {
  const { labels } = model;
  return [
    heading(2, labels.changes),
    paragraph(model.changesSinceText ? run(model.changesSinceText) : '', { style: STYLE.text, spacing: { after: 120 } }),
    model.changes.length
      ? table(
          [
            headerRow([labels.date, labels.code, labels.change, labels.subject, labels.details, labels.reason, labels.by]),
            ...model.changes.map(
              (c): Row => ({
                cantSplit: true,
                cells: [
                  cell(para(c.occurredAtText)),
                  cell(para(c.recommendationCode)),
                  cell(para(c.kindText)),
                  cell(para(c.subject)),
                  cell(para(c.details)),
                  cell(para(c.reason ?? '')),
                  cell(para(c.by, STYLE.small)),
                ],
              }),
            ),
          ],
          CHANGE_COLUMNS,
        )
      : para(labels.noChanges, STYLE.text),
  ];
}
