// Reads a query's rows a page at a time in a stable (time, id) order, so an export can await its file between
// pages without holding a statement open on the shared connection (better-sqlite3 refuses other calls meanwhile).
import type { Sqlite } from '../db/open';

const PAGE = 1000;

/**
 * Rows of `sql` (a SELECT taking the keyset condition `after` last in its WHERE, after every other parameter), each page
 * read whole. `orderAt`/`orderId` are the SQL expressions of the order; the rows must carry them as `_at` and `_id`.
 */
export function* pagedRows<R extends { _at: number; _id: string }>(
  sqlite: Sqlite,
  sql: (after: string) => string,
  params: unknown[],
  order: { at: string; id: string },
): Generator<R> {
  let last: { at: number; id: string } | null = null;
  for (;;) {
    // `at >= ?` first, so SQLite seeks the order's index from the last row instead of walking from the start.
    const after: string = last ? `(${order.at} >= ? AND (${order.at} > ? OR ${order.id} > ?))` : '1';
    const rows = sqlite
      .prepare(`${sql(after)} ORDER BY ${order.at}, ${order.id} LIMIT ${PAGE}`)
      .all(...params, ...(last ? [last.at, last.at, last.id] : [])) as R[];
    yield* rows;
    if (rows.length < PAGE) return;
    const end = rows.at(-1)!;
    last = { at: end._at, id: end._id };
  }
}
