import { StemmerSv } from '@nlpjs/lang-sv';

/**
 * The Snowball Swedish stemmer (snowballstem.org/algorithms/swedish), the
 * algorithm behind PostgreSQL's `swedish` text-search configuration: SQLite's
 * FTS5 stems no Swedish, so the search index stores words stemmed here, and
 * both databases then match the same word forms (`språkkurserna` and
 * `språkkurs` share the stem `språkkur…`). nlp.js's implementation, checked
 * word for word against PostgreSQL's `ts_lexize('swedish_stem', …)` in the spec
 * (and against the 966 words of the Stockholm report: the same stems as the
 * hand-written version it replaced).
 */
const stemmer = new StemmerSv();

/**
 * Stems of words already seen. Texts repeat their words (in the seed's 500
 * words 41% are repeats, and a log's vocabulary grows far slower than its
 * notes), and stemming was most of what the search index cost a write and a
 * rebuild. Bounded, so a flood of distinct words cannot grow it without end:
 * the oldest word is forgotten first. Not kept in least-recently-used order
 * (kernel/lru-cache.ts), which cost more on every hit (a tenth of a rebuild)
 * than stemming the few words it would have kept.
 */
const STEMS_KEPT = 20_000;
const stems = new Map<string, string>();

const stemOfLowerCase = (word: string): string => {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer.stem(word);
    if (stems.size >= STEMS_KEPT) stems.delete(stems.keys().next().value!);
    stems.set(word, stem);
  }
  return stem;
};

/** The stem of one word, in lower case. */
export const swedishStem = (word: string): string => stemOfLowerCase(word.toLowerCase());

/** Words as the index sees them: letters and digits, lower case. */
export const WORD = /[\p{L}\p{N}]+/gu;

export const wordsOf = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

/** A text as stems separated by spaces: what the SQLite index holds. */
export const stemText = (text: string): string => wordsOf(text).map(stemOfLowerCase).join(' ');

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
