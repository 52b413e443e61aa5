import { swedishStem, WORD } from '../../kernel/swedish-stem';

/** A piece of a snippet: text as written, and whether it is a word the search matched. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** How many words a snippet shows, and how many of them come before its first match. */
const WORDS_SHOWN = 24;
const WORDS_BEFORE = 8;

/** A word matches when its stem begins with a query word's stem, as the index's prefix search does. */
export const matches = (word: string, queryStems: string[]): boolean => {
  const stem = swedishStem(word);
  return queryStems.some((q) => stem.startsWith(q));
};

/**
 * The paragraph holding the first match, or the first: a snippet stays within
 * one, so a recommendation's Swedish text does not run on into its English one
 * (the search keeps both in one body, a line apart).
 */
function paragraphOf(text: string, queryStems: string[]): string {
  const paragraphs = text.split(/\n/).filter((p) => p.trim() !== '');
  return paragraphs.find((p) => [...p.matchAll(WORD)].some((m) => matches(m[0], queryStems))) ?? paragraphs[0] ?? '';
}

/**
 * The part of a text around its first match, as plain pieces: the API joins
 * them, the page marks the hits (escaping every piece first). "…" where the
 * text was cut.
 */
export function snippetOf(whole: string, queryStems: string[]): SnippetPart[] {
  const text = paragraphOf(whole, queryStems);
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: matches(m[0], queryStems) }));
  if (words.length === 0) return [];
  const first = Math.max(0, words.findIndex((w) => w.hit));
  const from = Math.max(0, first - WORDS_BEFORE);
  const to = Math.min(words.length, from + WORDS_SHOWN);
  const parts: SnippetPart[] = from > 0 ? [{ text: '… ', hit: false }] : [];
  let at = words[from].start;
  for (const w of words.slice(from, to)) {
    if (w.start > at) parts.push({ text: text.slice(at, w.start), hit: false });
    parts.push({ text: text.slice(w.start, w.end), hit: w.hit });
    at = w.end;
  }
  if (to < words.length) parts.push({ text: ' …', hit: false });
  else if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  // Neighbouring plain pieces as one, so the page writes fewer elements.
  return parts.reduce<SnippetPart[]>((acc, p) => {
    const last = acc[acc.length - 1];
    if (last && !last.hit && !p.hit) last.text += p.text;
    else acc.push({ ...p });
    return acc;
  }, []);
}

export const snippetText = (parts: SnippetPart[]): string => parts.map((p) => p.text).join('').replace(/\s+/g, ' ').trim();
