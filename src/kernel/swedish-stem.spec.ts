import { stemText, swedishStem } from './swedish-stem';

/** What PostgreSQL 15's `ts_lexize('swedish_stem', word)` gives: the two databases must stem alike. */
const POSTGRES_STEMS =
  'språkkurserna=språkkurs språkkurs=språkkur språkkursen=språkkurs direkta=direk effekterna=effek åtgärderna=åtgärd barnet=barnet ' +
  'kvinnornas=kvinn möjligheterna=möj medborgarnas=medborg arbetsmarknadsförvaltningen=arbetsmarknadsförvaltning uppföljning=uppföljning ' +
  'rekommendationer=rekommendation dialog=dialog synlig=syn strategi=strategi fullt=fullt löst=löst hetens=het verksamhetsplan=verksamhetsplan ' +
  'nämnden=nämnd anställda=anställd';

describe('the Swedish stemmer', () => {
  it.each(POSTGRES_STEMS.split(' ').map((pair) => pair.split('=')))('stems %s to %s, as PostgreSQL does', (word, stem) => {
    expect(swedishStem(word)).toBe(stem);
  });

  it('makes the query word a prefix of the longer forms’ stems, which is how search matches them', () => {
    expect(swedishStem('språkkurserna').startsWith(swedishStem('språkkurs'))).toBe(true);
  });

  it('stems a text word by word, in lower case, without punctuation', () => {
    expect(stemText('Språkkurserna, för ALLA!')).toBe('språkkurs för all');
  });
});
