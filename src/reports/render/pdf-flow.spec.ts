import { Typesetter, createDocument, type Paragraph } from './pdf-flow';

const typesetter = new Typesetter(createDocument({}, { size: [595.28, 841.89], margins: { top: 48, bottom: 60, left: 48, right: 48 } }));
const lines = (text: string, width: number, size = 8): string[] =>
  typesetter.wrap({ runs: [{ text }], size } satisfies Paragraph, width).map((l) => l.segments.map((s) => s.text).join(''));

describe('wrapping text for the PDF', () => {
  it('keeps a line that fits whole', () => {
    expect(lines('Pågående, försenad', 200)).toEqual(['Pågående, försenad']);
  });

  it('breaks between words and drops the space at the break', () => {
    const wrapped = lines('Svar har kommit från nio av fjorton stadsdelsområden.', 80);
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.join(' ')).toBe('Svar har kommit från nio av fjorton stadsdelsområden.');
    for (const line of wrapped) expect(line).toBe(line.trim());
  });

  it('may break after a hyphen before a letter, never inside a date', () => {
    expect(lines('sfi-avdelningen', 50)).toEqual(['sfi-', 'avdelningen']);
    const dates = lines('2012-09-30 (ursprungligen 2012-04-15)', 45);
    expect(dates).toContain('2012-09-30');
    expect(dates.join(' ')).toContain('2012-04-15');
  });

  it('cuts a word wider than the column rather than letting it spill over, and keeps the space after it', () => {
    const wrapped = lines('handlaggare.arbetsmarknad@demo.local skrev', 50);
    expect(wrapped.length).toBeGreaterThan(2);
    expect(wrapped.join('')).toBe('handlaggare.arbetsmarknad@demo.local skrev');
    expect(wrapped[wrapped.length - 1]).toMatch(/skrev$/);
    for (const line of wrapped) expect(typesetter.measure(line, false, 8)).toBeLessThanOrEqual(50);
  });

  it('starts a new line at each line break the writer typed', () => {
    expect(lines('Första raden\nAndra raden\r\nTredje', 300)).toEqual(['Första raden', 'Andra raden', 'Tredje']);
  });

  it('keeps runs of different styles on one line when they fit', () => {
    const [line] = typesetter.wrap({ size: 8, runs: [{ text: 'Motivering: ', bold: true }, { text: 'Ingår i planen.' }] }, 300);
    expect(line.segments.map((s) => [s.text, s.bold])).toEqual([
      ['Motivering: ', true],
      ['Ingår i planen.', false],
    ]);
  });
});
