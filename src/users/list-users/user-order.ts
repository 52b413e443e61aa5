import { invalid } from '../../kernel/domain-error';
import { pageSortBy, parseSortBy, sortHeadersFor, sortText, type SortBy } from '../../kernel/sort';
import type { UserView } from '../users.cqrs';

/**
 * The users list in another order than by address, or filtered by part of
 * a name or address: the users of a city are thousands at most, so they are
 * read whole, filtered, sorted in Swedish collation (å, ä, ö after z) and
 * paged in memory. Ties go by address, which is unique, so the order is
 * total and the cursor (the last row's value and address) says exactly where
 * the next page starts.
 */
export const USER_SORT_KEYS = ['email', 'name', 'role', 'unit', 'language', 'active', 'lastSignInAt'] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];

export type UserSort = SortBy<UserSortKey>;

export const parseUserSort = (text: string | undefined | null): UserSort | null => parseSortBy(USER_SORT_KEYS, text);

const SWEDISH = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });
const fold = (s: string | null | undefined) => (s ?? '').toLocaleLowerCase('sv');

/** A user's value for a sort, as text: never signed in and no unit sort after every value. */
const valueOf = (u: UserView, key: UserSortKey): string => {
  const v = u[key];
  if (v === null || v === undefined) return '\uffff';
  return typeof v === 'boolean' ? (v ? '0' : '1') : String(v);
};

type Place = [string, string];

const compare = (sort: UserSort, a: Place, b: Place): number => {
  const c = SWEDISH.compare(a[0], b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  return sort.descending ? -c : c;
};

const cursorOf = (sort: UserSort, place: Place) => `${sortText(sort)}~${Buffer.from(JSON.stringify(place)).toString('base64url')}`;

function placeOf(sort: UserSort, after: string): Place {
  const bad = () => invalid(`after "${after.slice(0, 50)}" is not a cursor from X-Next-After with this sort`, [{ field: 'after', message: 'must be the X-Next-After of the previous page, with the same sort' }]);
  const [prefix, encoded] = after.split('~');
  if (encoded === undefined || prefix !== sortText(sort)) throw bad();
  try {
    const place: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (Array.isArray(place) && place.length === 2 && place.every((p) => typeof p === 'string')) return place as Place;
  } catch {
    // not JSON: the same answer as any other bad cursor
  }
  throw bad();
}

/** Filtered by part of a name or address (`q`, any case), sorted (by address unless told), a page after the cursor. */
export function userPage(users: UserView[], options: { sort: UserSort | null; q?: string }, page: { limit: number; after: string | null }) {
  const sort = options.sort ?? { key: 'email', descending: false };
  const picked = users
    .filter((u) => !options.q || fold(u.name).includes(fold(options.q)) || fold(u.email).includes(fold(options.q)))
    .map((u) => ({ u, place: [valueOf(u, sort.key), u.email] as Place }))
    .sort((a, b) => compare(sort, a.place, b.place));
  const from = page.after === null ? null : placeOf(sort, page.after);
  const rest = from ? picked.filter((p) => compare(sort, p.place, from) > 0) : picked;
  const items = rest.slice(0, page.limit);
  const more = rest.length > page.limit;
  return { items: items.map((p) => p.u), total: picked.length, nextAfter: more ? cursorOf(sort, items[items.length - 1].place) : null };
}

/** The page's order and filter as its address gives them: a sort it does not know is left out rather than refused. */
export function userListView(query: Record<string, string | undefined>): { sort?: string; q?: string } {
  const sort = pageSortBy(USER_SORT_KEYS, query.sort) ? query.sort : undefined;
  const q = typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 200) : undefined;
  return { sort, q };
}

/** Each column header's link (keeping the filter) and `aria-sort`: by address when nothing is said. */
export function userSortHeaders(view: { sort?: string; q?: string }) {
  const current = parseUserSort(view.sort) ?? { key: 'email', descending: false };
  return sortHeadersFor(USER_SORT_KEYS, current, (next) => `/anvandare?${new URLSearchParams({ ...(view.q ? { q: view.q } : {}), sort: next }).toString()}`);
}
