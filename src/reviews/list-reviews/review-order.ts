import { invalid } from '../../kernel/domain-error';
import type { ReviewListItem } from '../reviews.cqrs';

/**
 * The reviews list sorted by any of its columns and filtered by part of a
 * title or reviewer. Reviews are few (tens a year), so both happen in
 * memory, in Swedish collation (å, ä, ö after z), and the API pages the
 * result in memory too (kernel/http/paging.ts).
 */
export const REVIEW_SORT_KEYS = ['title', 'reviewer', 'reviewedOn', 'committee', 'recommendationCount'] as const;
export type ReviewSortKey = (typeof REVIEW_SORT_KEYS)[number];

export interface ReviewSort {
  key: ReviewSortKey;
  descending: boolean;
}

/** Undefined or empty: the list's own order (oldest first). */
export function parseReviewSort(text: string | undefined): ReviewSort | null {
  if (!text) return null;
  const descending = text.startsWith('-');
  const key = (descending ? text.slice(1) : text) as ReviewSortKey;
  if (!REVIEW_SORT_KEYS.includes(key)) {
    throw invalid(`Unknown sort ${text}`, [{ field: 'sort', message: `must be one of ${REVIEW_SORT_KEYS.join(', ')}, with - in front for descending` }]);
  }
  return { key, descending };
}

const SWEDISH = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });
const fold = (s: string | null | undefined) => (s ?? '').toLocaleLowerCase('sv');

/** Sorted (stable: ties keep the list's own order) and filtered; `title` and `reviewer` match a part, in any case. */
export function orderReviews(items: ReviewListItem[], sort: ReviewSort | null, filter: { title?: string; reviewer?: string } = {}): ReviewListItem[] {
  const picked = items.filter((r) => (!filter.title || fold(r.title).includes(fold(filter.title))) && (!filter.reviewer || fold(r.reviewer).includes(fold(filter.reviewer))));
  if (!sort) return picked;
  const compare = (a: ReviewListItem, b: ReviewListItem): number => {
    const x = a[sort.key];
    const y = b[sort.key];
    return typeof x === 'number' && typeof y === 'number' ? x - y : SWEDISH.compare(String(x ?? ''), String(y ?? ''));
  };
  return [...picked].sort((a, b) => (sort.descending ? -compare(a, b) : compare(a, b)));
}

/**
 * The page's list in the order its address asks (a sort it does not know is
 * left out rather than refused), and each column header's link and
 * `aria-sort`: a header sorts by its column, the other way round when it
 * already does.
 */
export function reviewList(items: ReviewListItem[], query: Record<string, string | undefined>) {
  let sort: ReviewSort | null = null;
  try {
    sort = parseReviewSort(query.sort);
  } catch {
    sort = null;
  }
  const sortHeaders = Object.fromEntries(
    REVIEW_SORT_KEYS.map((key) => {
      const active = sort?.key === key;
      const next = active && !sort!.descending ? `-${key}` : key;
      return [key, { href: `/granskningar?sort=${encodeURIComponent(next)}`, ariaSort: active ? (sort!.descending ? 'descending' : 'ascending') : 'none', descendingNext: next.startsWith('-') }];
    }),
  );
  return { reviews: orderReviews(items, sort), sortHeaders };
}
