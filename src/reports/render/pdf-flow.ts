import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { PdfTextWriter } from './pdf-text';

/**
 * A small flow layout on pdfkit: paragraphs of styled runs, and tables whose
 * rows move whole to the next page under a repeated header.
 *
 * Why not pdfmake: it keeps the whole laid-out document in memory and draws
 * every word as its own text object. For the benchmark report (1,000
 * recommendations, some 900 pages) that took 14 s and 1.1 GB. Here each cell
 * is wrapped once, with word widths cached, each line is drawn as one string,
 * and a page is written out as soon as it is full. pdfkit (which pdfmake is
 * built on) still does all of the PDF writing: fonts and subsetting,
 * compression, links, document information.
 */

export interface Run {
  text: string;
  bold?: boolean;
  color?: string;
  link?: string;
}

export interface Paragraph {
  runs: Run[];
  size: number;
  align?: 'left' | 'right';
  /** Extra space above the paragraph, in points. */
  spaceBefore?: number;
}

export interface Cell {
  paragraphs: Paragraph[];
  fill?: string;
}

export interface Table {
  /** Column widths in points. */
  widths: number[];
  /** Rows repeated at the top of every page the table runs onto. */
  header: Cell[][];
  rows: Cell[][];
  borders?: boolean;
}

interface Segment {
  text: string;
  bold: boolean;
  color: string;
  link?: string;
  width: number;
}

interface Line {
  segments: Segment[];
  width: number;
  height: number;
  size: number;
  align: 'left' | 'right';
}

/** A line placed in a cell: its offset from the top of the cell's content. */
interface PlacedLine {
  line: Line;
  offset: number;
}

interface CellLayout {
  lines: PlacedLine[];
  height: number;
  fill?: string;
}

interface RowLayout {
  cells: CellLayout[];
  height: number;
}

export interface TableLayout {
  widths: number[];
  header: RowLayout[];
  rows: RowLayout[];
  headerHeight: number;
  borders: boolean;
}

export interface PageGeometry {
  size: [number, number];
  margins: { top: number; bottom: number; left: number; right: number };
}

const PAD_X = 4;
const PAD_Y = 2.5;
const PARAGRAPH_GAP = 1.5;
/** A row taller than a page is split; its first part needs at least this much room. */
const MIN_SPLIT_HEIGHT = 40;
const TEXT_COLOUR = '#1b1f23';
/** pdfkit copies a text call's options, so one object serves every line. */
const ONE_LINE: PDFKit.Mixins.TextOptions = Object.freeze({ lineBreak: false });
const RULE_COLOUR = '#b9c2cc';

/**
 * Break opportunities: after spaces, and after a hyphen followed by a letter
 * ("sfi-|avdelningen"), never inside a date such as 2012-09-30.
 */
const TOKEN = /\S+?(?:-(?=\p{L})|\s+|$)|\s+/gu;

/**
 * Where the two font files are. They are not TypeScript, so `tsc` does not
 * copy them to dist/: as with the web UI's templates, the compiled code reads
 * them from the source tree. Run from source (Jest) they sit next to this
 * file; compiled (dist/src/reports/render/, or any other out dir) they are
 * under src/reports/render/fonts of the nearest folder above that has one.
 */
function fontDir(): string {
  const candidates = [join(__dirname, 'fonts')];
  for (let dir = dirname(__dirname); dirname(dir) !== dir; dir = dirname(dir)) {
    candidates.push(join(dir, 'src', 'reports', 'render', 'fonts'));
  }
  const found = candidates.find((candidate) => existsSync(join(candidate, 'Roboto-Regular.ttf')));
  if (!found) throw new Error(`The PDF report's fonts were not found; looked in ${candidates.join(', ')}`);
  return found;
}

const FONT_DIR = fontDir();
let fontData: { regular: Buffer; bold: Buffer } | null = null;
/**
 * Roboto 3.014 (SIL Open Font License 1.1, fonts/OFL.txt), the files pdfmake
 * 0.3 bundled: it covers å, ä, ö and the rest of Latin-1, and is embedded as a
 * subset. Changing these files changes every PDF's bytes.
 */
const fonts = () =>
  (fontData ??= {
    regular: readFileSync(join(FONT_DIR, 'Roboto-Regular.ttf')),
    bold: readFileSync(join(FONT_DIR, 'Roboto-Medium.ttf')),
  });

/** Creates the pdfkit document a report is written into, with the report's fonts registered. */
export function createDocument(options: PDFKit.PDFDocumentOptions, geometry: PageGeometry): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...options, size: geometry.size, margin: 0, autoFirstPage: true });
  doc.registerFont('regular', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  return doc;
}

/**
 * Measures and wraps text with the document's fonts. Shared by the two
 * passes over a report (count the pages, then draw them), so each word is
 * measured once.
 */
export class Typesetter {
  /** Word widths by weight (regular, bold), then size, then text: measuring is the hot path of a long report. */
  private readonly widths: [Map<number, Map<string, number>>, Map<number, Map<string, number>>] = [new Map(), new Map()];
  private readonly lineHeights: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  private font: 'regular' | 'bold' | null = null;
  private fontSize = 0;
  readonly writer: PdfTextWriter;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.writer = new PdfTextWriter(doc);
  }

  setFont(bold: boolean, size: number): void {
    const font = bold ? 'bold' : 'regular';
    if (this.font !== font) this.doc.font(font);
    if (this.fontSize !== size) this.doc.fontSize(size);
    this.font = font;
    this.fontSize = size;
  }

  measure(text: string, bold: boolean, size: number): number {
    const bySize = this.widths[bold ? 1 : 0];
    let widths = bySize.get(size);
    if (!widths) bySize.set(size, (widths = new Map()));
    let width = widths.get(text);
    if (width === undefined) {
      this.setFont(bold, size);
      width = this.doc.widthOfString(text);
      widths.set(text, width);
    }
    return width;
  }

  lineHeight(bold: boolean, size: number): number {
    const heights = this.lineHeights[bold ? 1 : 0];
    let height = heights.get(size);
    if (height === undefined) {
      this.setFont(bold, size);
      height = this.doc.currentLineHeight(true);
      heights.set(size, height);
    }
    return height;
  }

  /** Wraps a paragraph to a width, greedily, at the break opportunities above. */
  wrap(paragraph: Paragraph, width: number): Line[] {
    const lines: Line[] = [];
    const align = paragraph.align ?? 'left';
    const { size } = paragraph;
    let segments: Segment[] = [];
    let lineWidth = 0;
    let trailing = 0;
    const flush = () => {
      const last = segments[segments.length - 1];
      if (last && trailing > 0) {
        last.text = last.text.trimEnd();
        last.width -= trailing;
        lineWidth -= trailing;
      }
      let height = this.lineHeight(false, size);
      for (const s of segments) if (s.bold) height = Math.max(height, this.lineHeight(true, size));
      lines.push({ segments, width: lineWidth, height, size, align });
      segments = [];
      lineWidth = 0;
      trailing = 0;
    };
    const append = (text: string, run: Run, full: number, visible: number) => {
      const last = segments[segments.length - 1];
      const bold = run.bold ?? false;
      const color = run.color ?? TEXT_COLOUR;
      if (last && last.bold === bold && last.color === color && last.link === run.link) {
        last.text += text;
        last.width += full;
      } else {
        segments.push({ text, bold, color, link: run.link, width: full });
      }
      lineWidth += full;
      trailing = full - visible;
    };

    for (const run of paragraph.runs) {
      const bold = run.bold ?? false;
      const space = this.measure(' ', bold, size);
      const pieces = /[\r\n\t]/.test(run.text) ? run.text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n') : [run.text];
      pieces.forEach((piece, index) => {
        if (index > 0) flush();
        for (const token of piece.match(TOKEN) ?? []) {
          const visibleText = token.trimEnd();
          if (!segments.length && !visibleText) continue;
          const visible = visibleText ? this.measure(visibleText, bold, size) : 0;
          const full = visible + space * (token.length - visibleText.length);
          if (segments.length && lineWidth - trailing + visible > width) flush();
          if (visible > width) {
            // A word wider than the column (a long address) is cut where it must be.
            const chunks = this.cut(visibleText, bold, size, width);
            chunks.forEach((chunk, i) => {
              if (segments.length) flush();
              const chunkWidth = this.measure(chunk, bold, size);
              // The last piece keeps the space after the word, so the next word does not run into it.
              if (i === chunks.length - 1) append(chunk + token.slice(visibleText.length), run, chunkWidth + full - visible, chunkWidth);
              else append(chunk, run, chunkWidth, chunkWidth);
            });
            continue;
          }
          append(token, run, full, visible);
        }
      });
    }
    if (segments.length || !lines.length) flush();
    return lines;
  }

  private cut(word: string, bold: boolean, size: number, width: number): string[] {
    const chunks: string[] = [];
    let chunk = '';
    for (const char of word) {
      if (chunk && this.measure(chunk + char, bold, size) > width) {
        chunks.push(chunk);
        chunk = '';
      }
      chunk += char;
    }
    if (chunk) chunks.push(chunk);
    return chunks;
  }
}

/**
 * Places paragraphs and tables down the pages. The same calls run twice: a
 * first flow with `draw: false` only counts the pages (so footers can say
 * "page 3 of 12"), a second one draws. Pages are not buffered: each one is
 * compressed and written out as soon as the next begins, which keeps memory
 * flat however long the report.
 */
export class PdfFlow {
  readonly left: number;
  readonly width: number;
  private readonly top: number;
  private readonly bottom: number;
  y: number;
  /** Pages begun so far, counting from 1. */
  page = 1;
  private fillColour: string | null = null;
  private strokeColour: string | null = null;
  private openLink: { url: string; x: number; y: number; width: number; height: number } | null = null;

  constructor(
    private readonly typesetter: Typesetter,
    geometry: PageGeometry,
    private readonly options: { draw: boolean; onPageEnd?: (page: number) => void },
  ) {
    this.left = geometry.margins.left;
    this.width = geometry.size[0] - geometry.margins.left - geometry.margins.right;
    this.top = geometry.margins.top;
    this.bottom = geometry.size[1] - geometry.margins.bottom;
    this.y = this.top;
  }

  private get doc(): PDFKit.PDFDocument {
    return this.typesetter.doc;
  }

  /** The height a page offers between its margins. */
  get pageHeight(): number {
    return this.bottom - this.top;
  }

  newPage(): void {
    this.endPage();
    if (this.options.draw) this.doc.addPage();
    this.page += 1;
    this.y = this.top;
    // A new page's content starts from the default graphics state.
    this.fillColour = null;
    this.strokeColour = null;
  }

  /** Runs the footer of the page being written; call once more after the last page. */
  endPage(): void {
    if (!this.options.draw) return;
    this.closeLink();
    this.options.onPageEnd?.(this.page);
    this.closeLink();
  }

  /** Starts a new page unless `height` still fits on this one (or this page is still empty). */
  keep(height: number): void {
    if (this.y > this.top && this.y + height > this.bottom) this.newPage();
  }

  moveDown(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  /** Draws a paragraph across the full width, moving to a new page between lines when needed. */
  paragraph(paragraph: Paragraph): void {
    this.y += paragraph.spaceBefore ?? 0;
    for (const line of this.typesetter.wrap(paragraph, this.width)) {
      this.keep(line.height);
      this.drawLine(line, this.left, this.y, this.width);
      this.y += line.height;
    }
  }

  /** Draws a paragraph at a fixed place, outside the flow: for running footers in the bottom margin. */
  paragraphAt(paragraph: Paragraph, x: number, y: number, width: number): void {
    let at = y;
    for (const line of this.typesetter.wrap(paragraph, width)) {
      this.drawLine(line, x, at, width);
      at += line.height;
    }
  }

  paragraphHeight(paragraph: Paragraph, width = this.width): number {
    return (paragraph.spaceBefore ?? 0) + this.typesetter.wrap(paragraph, width).reduce((h, l) => h + l.height, 0);
  }

  rule(colour: string, lineWidth: number): void {
    if (!this.options.draw) return;
    this.stroke(colour);
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(lineWidth)
      .stroke();
  }

  layoutTable(table: Table): TableLayout {
    const header = table.header.map((row) => this.layoutRow(row, table.widths));
    return {
      widths: table.widths,
      header,
      rows: table.rows.map((row) => this.layoutRow(row, table.widths)),
      headerHeight: header.reduce((h, r) => h + r.height, 0),
      borders: table.borders ?? true,
    };
  }

  /**
   * What must share a page to start the table: the header and the first row,
   * or, when that row is taller than a page and will be split anyway, the
   * header and a few lines of it.
   */
  startHeight(layout: TableLayout): number {
    const first = layout.rows[0];
    if (!first) return layout.headerHeight;
    const whole = first.height <= this.pageHeight - layout.headerHeight;
    return layout.headerHeight + (whole ? first.height : MIN_SPLIT_HEIGHT);
  }

  tableHeight(layout: TableLayout): number {
    return layout.headerHeight + layout.rows.reduce((h, r) => h + r.height, 0);
  }

  /**
   * Draws a table from the current position. A row that does not fit moves
   * whole to the next page, under a repeated header; only a row taller than
   * a whole page is split between pages.
   */
  table(layout: TableLayout, options: { x?: number } = {}): void {
    const x = options.x ?? this.left;
    this.keep(this.startHeight(layout));
    for (const row of layout.header) {
      this.drawRow(row, layout, x, this.y, row.height);
      this.y += row.height;
    }
    for (const row of layout.rows) {
      if (this.y + row.height > this.bottom) {
        const fitsOnAPage = row.height <= this.pageHeight - layout.headerHeight;
        if (fitsOnAPage || this.bottom - this.y < MIN_SPLIT_HEIGHT) this.continueTable(layout, x);
        if (!fitsOnAPage) {
          this.splitRow(row, layout, x);
          continue;
        }
      }
      this.drawRow(row, layout, x, this.y, row.height);
      this.y += row.height;
    }
  }

  /** Draws a short table at a fixed position without page breaks, for tables set side by side; returns its bottom. */
  tableAt(layout: TableLayout, x: number, y: number): number {
    let at = y;
    for (const row of [...layout.header, ...layout.rows]) {
      this.drawRow(row, layout, x, at, row.height);
      at += row.height;
    }
    return at;
  }

  private continueTable(layout: TableLayout, x: number): void {
    this.newPage();
    for (const row of layout.header) {
      this.drawRow(row, layout, x, this.y, row.height);
      this.y += row.height;
    }
  }

  private splitRow(row: RowLayout, layout: TableLayout, x: number): void {
    let rest = row.cells.map((c) => c.lines);
    while (rest.some((lines) => lines.length)) {
      const room = this.bottom - this.y - 2 * PAD_Y;
      const now: PlacedLine[][] = [];
      const later: PlacedLine[][] = [];
      for (const lines of rest) {
        const fitting = lines.filter((l) => l.offset + l.line.height <= room);
        const taken = fitting.length || !lines.length ? fitting : lines.slice(0, 1);
        now.push(taken);
        const remaining = lines.slice(taken.length);
        const shift = remaining.length ? remaining[0].offset : 0;
        later.push(remaining.map((l) => ({ line: l.line, offset: l.offset - shift })));
      }
      const contentHeight = Math.max(
        0,
        ...now.map((lines) => (lines.length ? lines[lines.length - 1].offset + lines[lines.length - 1].line.height : 0)),
      );
      const height = contentHeight + 2 * PAD_Y;
      const part: RowLayout = { height, cells: now.map((lines, i) => ({ lines, height, fill: row.cells[i].fill })) };
      this.drawRow(part, layout, x, this.y, height);
      this.y += height;
      rest = later;
      if (rest.some((lines) => lines.length)) this.continueTable(layout, x);
    }
  }

  private layoutRow(row: Cell[], widths: number[]): RowLayout {
    const cells = row.map((cell, i) => this.layoutCell(cell, widths[i]));
    return { cells, height: Math.max(...cells.map((c) => c.height)) };
  }

  private layoutCell(cell: Cell, width: number): CellLayout {
    const lines: PlacedLine[] = [];
    let offset = 0;
    cell.paragraphs.forEach((paragraph, i) => {
      if (i > 0) offset += PARAGRAPH_GAP;
      offset += paragraph.spaceBefore ?? 0;
      for (const line of this.typesetter.wrap(paragraph, width - 2 * PAD_X)) {
        lines.push({ line, offset });
        offset += line.height;
      }
    });
    return { lines, height: offset + 2 * PAD_Y, fill: cell.fill };
  }

  private drawRow(row: RowLayout, layout: TableLayout, x: number, y: number, height: number): void {
    if (!this.options.draw) return;
    let at = x;
    row.cells.forEach((cell, i) => {
      const width = layout.widths[i];
      if (cell.fill) {
        this.fill(cell.fill);
        this.doc.rect(at, y, width, height).fill();
      }
      for (const placed of cell.lines) this.drawLine(placed.line, at + PAD_X, y + PAD_Y + placed.offset, width - 2 * PAD_X);
      at += width;
    });
    if (layout.borders) {
      this.stroke(RULE_COLOUR);
      this.doc.lineWidth(0.5);
      at = x;
      for (const width of layout.widths) {
        this.doc.rect(at, y, width, height);
        at += width;
      }
      this.doc.stroke();
    }
  }

  /** A filled rectangle outside the flow: the bars of a chart (pdf.renderer.ts draws domain/charts.ts's geometry with it). */
  box(x: number, y: number, width: number, height: number, colour: string): void {
    if (!this.options.draw) return;
    this.fill(colour);
    this.doc.rect(x, y, width, height).fill();
  }

  private drawLine(line: Line, x: number, y: number, width: number): void {
    if (!this.options.draw) return;
    let at = line.align === 'right' ? x + width - line.width : x;
    for (const segment of line.segments) {
      this.typesetter.setFont(segment.bold, line.size);
      this.fill(segment.color);
      this.typesetter.writer.text(segment.text, at, y, ONE_LINE);
      if (segment.link) {
        this.linkArea(segment.link, at, y, segment.width, line.height);
        const underline = y + line.size * 1.02;
        this.stroke(segment.color);
        this.doc.moveTo(at, underline).lineTo(at + segment.width, underline).lineWidth(0.5).stroke();
      }
      at += segment.width;
    }
  }

  /**
   * A link that wraps onto several lines becomes one clickable area rather
   * than one per line: each link is an object in the PDF, and a report with
   * many evidence links spends much of its time and memory on them.
   */
  private linkArea(url: string, x: number, y: number, width: number, height: number): void {
    const open = this.openLink;
    if (open && open.url === url && Math.abs(open.y + open.height - y) < 0.01 && x < open.x + open.width + 1 && open.x < x + width + 1) {
      const right = Math.max(open.x + open.width, x + width);
      open.x = Math.min(open.x, x);
      open.width = right - open.x;
      open.height += height;
      return;
    }
    this.closeLink();
    this.openLink = { url, x, y, width, height };
  }

  private closeLink(): void {
    const open = this.openLink;
    if (open) this.doc.link(open.x, open.y, open.width, open.height, open.url);
    this.openLink = null;
  }

  private fill(colour: string): void {
    if (this.fillColour !== colour) this.doc.fillColor(colour);
    this.fillColour = colour;
  }

  private stroke(colour: string): void {
    if (this.strokeColour !== colour) this.doc.strokeColor(colour);
    this.strokeColour = colour;
  }
}

const OUTPUT_BLOCK = 1024 * 1024;

/**
 * The document's bytes, taken as pdfkit writes them and copied into large
 * blocks. Left unread until the end, pdfkit's stream would hold each of its
 * small writes, and each pins the 8 or 16 KB buffer it was cut from: 62 MB
 * held for the 9 MB benchmark report.
 */
export class PdfOutput {
  private readonly blocks: Buffer[] = [];
  private block = Buffer.allocUnsafe(OUTPUT_BLOCK);
  private used = 0;
  private readonly ended: Promise<void>;

  private constructor(private readonly doc: PDFKit.PDFDocument) {
    this.ended = new Promise<void>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => this.take(chunk));
      doc.on('end', resolve);
      doc.on('error', reject);
    });
  }

  /**
   * Starts reading. Resolves once the stream flows, so that what is written
   * from then on is taken as it is written rather than queued in the stream.
   */
  static async of(doc: PDFKit.PDFDocument): Promise<PdfOutput> {
    const output = new PdfOutput(doc);
    await new Promise((resolve) => setImmediate(resolve));
    return output;
  }

  /** Ends the document and returns all its bytes. */
  async end(): Promise<Buffer> {
    this.doc.end();
    await this.ended;
    return Buffer.concat([...this.blocks, this.block.subarray(0, this.used)]);
  }

  private take(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      if (this.used === this.block.length) {
        this.blocks.push(this.block);
        this.block = Buffer.allocUnsafe(OUTPUT_BLOCK);
        this.used = 0;
      }
      const copied = chunk.copy(this.block, this.used, from);
      this.used += copied;
      from += copied;
    }
  }
}
