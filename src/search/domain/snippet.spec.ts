import { snippetOf, snippetText } from './snippet';
import { swedishStem } from '../../kernel/swedish-stem';

describe('a search snippet', () => {
  it('marks the word forms a query word finds', () => {
    const parts = snippetOf('Alla deltagare har gått språkkurserna i vår.', [swedishStem('språkkurs')]);
    expect(parts).toEqual([
      { text: 'Alla deltagare har gått ', hit: false },
      { text: 'språkkurserna', hit: true },
      { text: ' i vår.', hit: false },
    ]);
  });

  it('shows the words around the first match of a long text, and says where it was cut', () => {
    const text = `${'ord '.repeat(40)}mentorskap ${'slut '.repeat(40)}`;
    const parts = snippetOf(text, [swedishStem('mentorskap')]);
    expect(parts[0].text.startsWith('…')).toBe(true);
    expect(parts.find((p) => p.hit)?.text).toBe('mentorskap');
    expect(snippetText(parts).endsWith('…')).toBe(true);
    expect(snippetText(parts).split(' ').length).toBeLessThan(30);
  });

  it('stays within the paragraph of the first match: a Swedish text does not run on into its English one', () => {
    const text = 'Uppsökande verksamhet och språkkurser för nyanlända.\nOutreach and language courses for newcomers.';
    expect(snippetText(snippetOf(text, [swedishStem('språkkurs')]))).toBe('Uppsökande verksamhet och språkkurser för nyanlända.');
    expect(snippetText(snippetOf(text, [swedishStem('outreach')]))).toBe('Outreach and language courses for newcomers.');
  });
});
