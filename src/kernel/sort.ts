import { invalid } from './domain-error';

/**
 * A list's order as its address says it: `sort=title`, `sort=-dueDate`. The
 * lists (recommendations, reviews, users) each name their own keys; parsing,
 * the order's text and the column headers' links are the same for all.
 */
export interface SortBy<K extends string> {
  key: K;
  descending: boolean;
}

/** Undefined or empty: the list's own order. An unknown key is a 400 naming the keys there are. */
export function parseSortBy<K extends string>(keys: readonly K[], text: string | undefined | null): SortBy<K> | null {
  if (!text) return null;
  const descending = text.startsWith('-');
  const key = (descending ? text.slice(1) : text) as K;
  if (!keys.includes(key)) {
    throw invalid(`Unknown sort ${text}`, [{ field: 'sort', message: `must be one of ${keys.join(', ')}, with - in front for descending` }]);
  }
  return { key, descending };
}

/** The same, for a page's address: a sort it does not know is left out rather than refused. */
export function pageSortBy<K extends string>(keys: readonly K[], text: string | undefined | null): SortBy<K> | null {
  try {
    return parseSortBy(keys, text);
  } catch {
    return null;
  }
}

export const sortText = <K extends string>(s: SortBy<K>): string => `${s.descending ? '-' : ''}${s.key}`;

/** What a column header links to and says: sort by its column, the other way round when it already does. */
export interface SortHeader {
  href: string;
  ariaSort: 'ascending' | 'descending' | 'none';
  descendingNext: boolean;
}

/** A header for each key, under the name `column(key)`; `href` makes the link from the sort it would ask for. */
export function sortHeadersFor<K extends string>(
  keys: readonly K[],
  current: SortBy<K> | null,
  href: (sort: string) => string,
  column: (key: K) => string = (key) => key,
): Record<string, SortHeader> {
  return Object.fromEntries(
    keys.map((key) => {
      const active = current?.key === key;
      const next = active && !current!.descending ? `-${key}` : key;
      return [column(key), { href: href(next), ariaSort: active ? (current!.descending ? 'descending' : 'ascending') : 'none', descendingNext: next.startsWith('-') }];
    }),
  );
}
