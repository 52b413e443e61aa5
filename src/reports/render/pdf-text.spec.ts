import { PdfOutput, createDocument } from './pdf-flow';
import { PdfTextWriter } from './pdf-text';

const GEOMETRY = { size: [595.28, 841.89] as [number, number], margins: { top: 48, bottom: 60, left: 48, right: 48 } };
const AT = new Date('2012-04-30T23:59:59Z');
const ONE_LINE = { lineBreak: false };

/** Kerned pairs, Swedish letters, dashes and bullets, repeats, and accents the font composes (é) or places with an offset (q́, x̣: drawn by pdfkit). */
const SAMPLES: Array<[string, boolean, number]> = [
  ['Åtgärd 1 för R12: kartläggning och dialog med skolor', false, 8],
  ['AVATAR Tyr Vä To – ● 2012-09-30 (ursprungligen 2012-04-15)', true, 11],
  ['Åtgärd 1 för R12: kartläggning och dialog med skolor', false, 8],
  ['handlaggare.arbetsmarknad@demo.local', false, 7],
  ['Cafe\u0301, q\u0301 och x\u0323', false, 9],
  ['AVATAR Tyr Vä To – ● 2012-09-30 (ursprungligen 2012-04-15)', true, 11],
];

async function document(draw: (doc: PDFKit.PDFDocument, text: string, x: number, y: number) => void): Promise<Buffer> {
  const doc = createDocument({ info: { CreationDate: AT, ModDate: AT } }, GEOMETRY);
  const output = await PdfOutput.of(doc);
  SAMPLES.forEach(([text, bold, size], i) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size).fillColor(i % 2 ? '#4a5561' : '#1b1f23');
    draw(doc, text, 48.3 + i * 1.7, 60 + i * 13.1);
    if (i === 2) doc.addPage();
  });
  return output.end();
}

describe('writing a line of text into the PDF', () => {
  it('gives the same bytes as pdfkit text(), fonts and their subsets included', async () => {
    const byPdfkit = await document((doc, text, x, y) => doc.text(text, x, y, ONE_LINE));
    let writer: PdfTextWriter | null = null;
    const byWriter = await document((doc, text, x, y) => (writer ??= new PdfTextWriter(doc)).text(text, x, y, ONE_LINE));
    expect(byWriter.equals(byPdfkit)).toBe(true);
  });
});
