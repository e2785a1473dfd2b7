// Small SQL helpers the read-side queries share: WHERE builders, LIKE escaping, London date bounds, Dashboard links.
import { addDays, londonMidnight } from '../../shared/dates';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from './open';

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
export const likeAny = (text: string) => `%${escapeLike(text)}%`;

/** The first text after every text that starts with `prefix` (its last character, ASCII here, moved up by one). */
export const after = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** Collects `AND`-joined conditions with their positional parameters. */
export class Where {
  private parts: string[] = [];
  readonly params: unknown[] = [];
  add(clause: string, ...values: unknown[]): this {
    this.parts.push(clause);
    this.params.push(...values);
    return this;
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/**
 * Counting visits every matching row, so a filtered count stops at the first multiple of this that covers the
 * current page (10,000 for the first 200 pages of 50) and reports "more than that".
 */
export const COUNT_STEP = 10_000;

/** How many rows `SELECT 1 {fromWhere}` gives, counting no further than `most`. */
export function countAtMost(sqlite: Sqlite, fromWhere: string, params: unknown[], most: number): number {
  return sqlite
    .prepare(`SELECT count(*) FROM (SELECT 1 ${fromWhere} LIMIT ?)`)
    .pluck()
    .get(...params, most) as number;
}

/** The count step that covers a page's last row: how far a broad search counts (or adds up) before it says "at least". */
export function countStepOf(page: { page: number; pageSize: number }): number {
  return COUNT_STEP * Math.ceil((page.page * page.pageSize) / COUNT_STEP);
}

/** How many rows `SELECT 1 {fromWhere}` gives, counted up to the step that covers the page; `totalCapped` past it. */
export function countUpTo(
  sqlite: Sqlite,
  fromWhere: string,
  params: unknown[],
  page: { page: number; pageSize: number },
): { total: number; totalCapped?: true } {
  const cap = countStepOf(page);
  const counted = countAtMost(sqlite, fromWhere, params, cap + 1);
  return counted > cap ? { total: cap, totalCapped: true } : { total: counted };
}

/** [start, end) instants of a London date range, either end optional. */
export function londonBounds(from?: string, to?: string): { start?: number; end?: number } {
  return {
    ...(from ? { start: londonMidnight(from) } : {}),
    ...(to ? { end: londonMidnight(addDays(to, 1)) } : {}),
  };
}

/** A Stripe Dashboard URL (`/test` unless the workspace is live): `payments/pi_…`, `disputes/dp_…`, `connect/accounts/acct_…`. */
export function dashboardUrl(
  mode: WorkspaceInfo['mode'],
  section:
    | 'payments'
    | 'disputes'
    | 'payouts'
    | 'connect/accounts'
    | 'connect/transfers'
    | 'promotion_codes'
    | 'coupons',
  id: string,
): string {
  return `https://dashboard.stripe.com${mode === 'live' ? '' : '/test'}/${section}/${encodeURIComponent(id)}`;
}

/** Upper bound of a prefix range: accounts `prefix…` are `>= prefix AND < prefixEnd(prefix)` (uses the index). */
export const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * One page of `SELECT columns FROM … WHERE …` (`from` holds both) in the given order, with the count of every
 * matching row: the shape of a small list that needs no capped count.
 */
export function selectPage<T>(
  sqlite: Sqlite,
  query: { columns: string; from: string; params: unknown[]; orderBy: string },
  page: { page: number; pageSize: number },
): { rows: T[]; total: number; page: number; pageSize: number } {
  const total = sqlite
    .prepare(`SELECT count(*) ${query.from}`)
    .pluck()
    .get(...query.params) as number;
  const rows = sqlite
    .prepare(`SELECT ${query.columns} ${query.from} ORDER BY ${query.orderBy} LIMIT ? OFFSET ?`)
    .all(...query.params, page.pageSize, (page.page - 1) * page.pageSize) as T[];
  return { rows, total, page: page.page, pageSize: page.pageSize };
}
