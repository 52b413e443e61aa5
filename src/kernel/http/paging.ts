import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { invalid } from '../domain-error';
import { listAsFile } from '../spreadsheet';
import { WholeNumberText } from './validators';

export const DEFAULT_LIMIT = 100;

/** `format`, `limit` and `after` on a list (docs/API.md, "Pagination and formats"). */
export class PageRequest {
  /** The same rows as a file for a spreadsheet (see kernel/spreadsheet.ts). */
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], description: 'csv (;-separated, UTF-8 with a BOM) or xlsx: the same rows as a file' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';

  @ApiPropertyOptional({ default: DEFAULT_LIMIT, maximum: 1000 }) @IsOptional() @WholeNumberText() @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'the X-Next-After of the previous page' }) @IsOptional() @IsString() @MaxLength(500) after?: string;
}

/**
 * `limit` and `after` on a list whose items are numbered in order (an action's updates, a recommendation's
 * history): `after` is the number of the last item seen, which the previous page sent as `X-Next-After`.
 */
export class NumberedPageRequest {
  @ApiPropertyOptional({ description: 'the X-Next-After of the previous page (the number of the last item seen)' })
  @IsOptional()
  @WholeNumberText()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  after?: number;

  @ApiPropertyOptional({ default: DEFAULT_LIMIT, maximum: 1000 }) @IsOptional() @WholeNumberText() @IsInt() @Min(1) @Max(1000) limit?: number;
}

/*
 * For lists read whole and ordered in memory (reviews, reminders, reports: hundreds
 * at most). The cursor is the order's name and the page's last id, so a cursor
 * from one sort is refused under another instead of skipping rows silently.
 */
/** A place in a list's order as an opaque cursor: its values as JSON, in base64url. */
export const cursorOfPlace = (place: unknown[]): string => Buffer.from(JSON.stringify(place), 'utf8').toString('base64url');

/** The values a cursor of cursorOfPlace holds, or null for text that is not one (the caller checks their shape). */
export function placeOfCursor(after: string): unknown {
  let place: unknown;
  try {
    place = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    return null; // not JSON: the same answer as any other bad cursor
  }
  // No value a cursor names holds NUL, and PostgreSQL refuses it in any text it is given (a 500 there when bound).
  const values = Array.isArray(place) ? place : [place];
  return values.some((v) => typeof v === 'string' && v.includes('\0')) ? null : place;
}

const cursorOf = (order: string, id: string) => cursorOfPlace([order, id]);

function idAfter(after: string, order: string): string | null {
  const place = placeOfCursor(after);
  return Array.isArray(place) && place.length === 2 && place[0] === order && typeof place[1] === 'string' ? place[1] : null;
}

export function pageOf<T extends { id: string }>(items: T[], page: { limit?: number; after?: string }, order = '') {
  const limit = page.limit ?? DEFAULT_LIMIT;
  let from = 0;
  if (page.after !== undefined) {
    const id = idAfter(page.after, order);
    const index = id === null ? -1 : items.findIndex((item) => item.id === id);
    if (index < 0) throw invalid(`after "${page.after.slice(0, 50)}" is not a cursor from X-Next-After with this order`, [{ field: 'after', message: 'must be the X-Next-After of the previous page, with the same sort and filter' }]);
    from = index + 1;
  }
  const rows = items.slice(from, from + limit);
  const more = from + limit < items.length;
  return { items: rows, total: items.length, nextAfter: more ? cursorOf(order, rows[rows.length - 1].id) : null };
}

/** The headers of a page of a list: X-Total-Count, and X-Next-After while more follow. Returns the page's items. */
export function pageHeaders<T>(res: Response, page: { items: T[]; total: number; nextAfter: string | null }): T[] {
  res.setHeader('X-Total-Count', String(page.total));
  if (page.nextAfter !== null) res.setHeader('X-Next-After', page.nextAfter);
  return page.items;
}

/** A page with X-Total-Count and X-Next-After, or as a file: every row unless limit or after is given. */
export function respondPage<T extends { id: string }>(res: Response, q: PageRequest, name: string, items: T[], order = '') {
  const file = q.format === 'csv' || q.format === 'xlsx' ? q.format : null;
  if (file && q.limit === undefined && q.after === undefined) {
    res.setHeader('X-Total-Count', String(items.length));
    return listAsFile(file, name, items);
  }
  const page = pageOf(items, q, order);
  return file ? listAsFile(file, name, pageHeaders(res, page)) : pageHeaders(res, page);
}
