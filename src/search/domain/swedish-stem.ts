/**
 * The Snowball Swedish stemmer (snowballstem.org/algorithms/swedish), the
 * algorithm behind PostgreSQL's `swedish` text-search configuration: SQLite's
 * FTS5 stems no Swedish, so the search index stores words stemmed here, and
 * both databases then match the same word forms (`språkkurserna` and
 * `språkkurs` share the stem `språkkur…`). No maintained npm package was
 * installed for it; the algorithm is three short steps, checked word for word
 * against PostgreSQL's `ts_lexize('swedish_stem', …)` in the spec.
 */

const VOWELS = new Set('aeiouyäåö');
const S_ENDINGS = new Set('bcdfghjklmnoprtvy');

/** Step 1's suffixes, longest first so the first that fits is the longest. */
const MAIN_SUFFIXES = [
  'heterna', 'hetens', 'anden', 'andes', 'andet', 'arens', 'arnas', 'ernas', 'heten', 'heter', 'ornas',
  'ande', 'arna', 'arne', 'aren', 'aste', 'erna', 'erns', 'orna', 'ades',
  'ade', 'are', 'ern', 'ens', 'het', 'ast',
  'ad', 'en', 'ar', 'er', 'or', 'as', 'es', 'at',
  'a', 'e',
].sort((a, b) => b.length - a.length);

const CONSONANT_PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

/** Where R1 starts: after the first non-vowel that follows a vowel, and at least at 3. */
function r1Start(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (!VOWELS.has(word[i]) && VOWELS.has(word[i - 1])) return Math.max(i + 1, 3);
  }
  return word.length;
}

/** The stem of one lower-case word. */
export function swedishStem(input: string): string {
  let word = input.toLowerCase();
  const p1 = r1Start(word);
  if (p1 >= word.length) return word;
  // Step 1: the longest main suffix within R1.
  const r1 = () => word.slice(p1);
  const main = MAIN_SUFFIXES.find((s) => r1().endsWith(s));
  const endsInS = r1().endsWith('s');
  if (main && (!endsInS || main.length > 1)) {
    word = word.slice(0, -main.length);
  } else if (endsInS && word.length >= 2 && S_ENDINGS.has(word[word.length - 2])) {
    word = word.slice(0, -1);
  }
  // Step 2: a consonant pair at the end of R1 loses its last letter.
  if (CONSONANT_PAIRS.some((d) => r1().endsWith(d))) word = word.slice(0, -1);
  // Step 3.
  const rest = r1();
  if (rest.endsWith('fullt')) word = word.slice(0, -1);
  else if (rest.endsWith('löst')) word = word.slice(0, -1);
  else {
    const end = ['lig', 'els', 'ig'].find((s) => rest.endsWith(s));
    if (end) word = word.slice(0, -end.length);
  }
  return word;
}

/** Words as the index sees them: letters and digits, lower case. */
export const WORD = /[\p{L}\p{N}]+/gu;

export const wordsOf = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

/** A text as stems separated by spaces: what the SQLite index holds. */
export const stemText = (text: string): string => wordsOf(text).map(swedishStem).join(' ');

/**
 * The Snowball Swedish stop words, the list PostgreSQL's `swedish`
 * configuration leaves out of a query (tsearch_data/swedish.stop): left out
 * of every query here too, so both databases find the same.
 */
export const SWEDISH_STOP_WORDS = new Set(
  ('och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du henne då sin nu har inte hans honom skulle ' +
    'hennes där min man ej vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket ' +
    'sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess ' +
    'inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas').split(' '),
);

/** The words of a query that are looked for: not stop words, each once. */
export const queryWordsOf = (text: string): string[] => [...new Set(wordsOf(text))].filter((w) => !SWEDISH_STOP_WORDS.has(w));
