import { pageSortBy, parseSortBy, sortHeadersFor, type SortBy } from '../../kernel/sort';
import type { ReviewListItem } from '../reviews.cqrs';

/**
 * The reviews list sorted by any of its columns and filtered by part of a
 * title or reviewer. Reviews are few (tens a year), so both happen in
 * memory, in Swedish collation (å, ä, ö after z), and the API pages the
 * result in memory too (kernel/http/paging.ts).
 */
export const REVIEW_SORT_KEYS = ['title', 'reviewer', 'reviewedOn', 'committee', 'recommendationCount'] as const;
export type ReviewSortKey = (typeof REVIEW_SORT_KEYS)[number];

export type ReviewSort = SortBy<ReviewSortKey>;

/** Undefined or empty: the list's own order (oldest first). */
export const parseReviewSort = (text: string | undefined): ReviewSort | null => parseSortBy(REVIEW_SORT_KEYS, text);

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
  const sort = pageSortBy(REVIEW_SORT_KEYS, query.sort);
  const sortHeaders = sortHeadersFor(REVIEW_SORT_KEYS, sort, (next) => `/granskningar?sort=${encodeURIComponent(next)}`);
  return { reviews: orderReviews(items, sort), sortHeaders };
}
