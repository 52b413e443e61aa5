/**
 * Writes one line of text into the current page exactly as pdfkit's
 * `doc.text(text, x, y, { lineBreak: false })` would, operator for operator,
 * but with each distinct string's glyph encoding computed once.
 *
 * Why: the benchmark report draws some 300,000 line segments. For each one
 * pdfkit re-shapes the string with fontkit twice (once to encode it, once to
 * advance its cursor), builds the options, and writes eight content-stream
 * operators as eight small buffers; together that was half the PDF's time and
 * most of its garbage. Here a repeated string costs a lookup, and the eight
 * operators go to the page as one write (pdfkit ends every write with a
 * newline, so the bytes are the same).
 *
 * Only the plain case is handled: left-aligned, no spacing options, the
 * default baseline, no links or decorations (the flow draws those itself).
 * A string whose glyphs carry offsets (combining marks placed by the font)
 * is left to pdfkit. pdf-text.spec.ts checks the bytes against pdfkit's own.
 */

/** The parts of pdfkit's document and embedded font this relies on; they are not in its public types. */
interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}
interface EmbeddedFont {
  id: string;
  ascender: number;
  encode(text: string): [string[], GlyphPosition[]];
  ref(): unknown;
}
interface PdfkitInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
}

/** pdfkit's own number format (PDFObject.number): at most six decimals. */
const number = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Distinct strings remembered per font before the cache starts over: enough for a report's repeated texts, bounded for any input. */
const CACHE_LIMIT = 20_000;

export class PdfTextWriter {
  /** The TJ operator of each string, per font; null when pdfkit must draw it. */
  private readonly encoded = new Map<string, Map<string, string | null>>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Draws `text` in the current font, size and fill colour with its top-left corner at (x, y). */
  text(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): void {
    if (text.length === 0) return;
    const internals = this.doc as unknown as PdfkitInternals;
    const font = internals._font;
    const show = this.show(font, text);
    if (show === null) {
      this.doc.text(text, x, y, options);
      return;
    }
    const size = internals._fontSize;
    const page = internals.page;
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    const baseline = page.height - y - (font.ascender / 1000) * size;
    this.doc.addContent(
      `q\n1 0 0 -1 0 ${number(page.height)} cm\nBT\n1 0 0 1 ${number(x)} ${number(baseline)} Tm\n/${font.id} ${number(size)} Tf\n${show}\nET\nQ`,
    );
  }

  private show(font: EmbeddedFont, text: string): string | null {
    let strings = this.encoded.get(font.id);
    if (!strings) this.encoded.set(font.id, (strings = new Map()));
    let show = strings.get(text);
    if (show === undefined) {
      if (strings.size >= CACHE_LIMIT) strings.clear();
      show = encode(font, text);
      strings.set(text, show);
    }
    return show;
  }
}

/** The TJ operator pdfkit writes for `text`: glyph runs, each followed by its kerning adjustment. */
function encode(font: EmbeddedFont, text: string): string | null {
  // Encoding also adds the glyphs to the font's subset, in the order pdfkit would.
  const [glyphs, positions] = font.encode(text);
  const parts: string[] = [];
  let last = 0;
  const run = (end: number) => {
    if (last < end) {
      const advance = positions[end - 1].xAdvance - positions[end - 1].advanceWidth;
      parts.push(`<${glyphs.slice(last, end).join('')}> ${number(-advance)}`);
    }
    last = end;
  };
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    if (position.xOffset || position.yOffset) return null;
    if (position.xAdvance - position.advanceWidth !== 0) run(i + 1);
  }
  run(positions.length);
  return `[${parts.join(' ')}] TJ`;
}
