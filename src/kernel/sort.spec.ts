import { DomainError } from './domain-error';
import { pageSortBy, parseSortBy, sortHeadersFor, sortText } from './sort';

const KEYS = ['title', 'dueDate'] as const;

describe('a list order from the address', () => {
  it('reads a key, with - in front for descending, and writes it back the same', () => {
    expect(parseSortBy(KEYS, '-dueDate')).toEqual({ key: 'dueDate', descending: true });
    expect(sortText(parseSortBy(KEYS, 'title')!)).toBe('title');
    expect(parseSortBy(KEYS, undefined)).toBeNull();
  });

  it('refuses an unknown key naming the keys there are, and a page leaves it out instead', () => {
    expect(() => parseSortBy(KEYS, 'colour')).toThrow(DomainError);
    expect(() => parseSortBy(KEYS, 'colour')).toThrow('Unknown sort colour');
    expect(pageSortBy(KEYS, 'colour')).toBeNull();
  });

  it('gives each header the link that sorts by it, the other way round when it already does', () => {
    const headers = sortHeadersFor(KEYS, { key: 'title', descending: false }, (next) => `/lista?sort=${next}`);
    expect(headers.title).toEqual({ href: '/lista?sort=-title', ariaSort: 'ascending', descendingNext: true });
    expect(headers.dueDate).toEqual({ href: '/lista?sort=dueDate', ariaSort: 'none', descendingNext: false });
  });
});
