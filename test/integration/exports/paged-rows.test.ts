// An export reads its rows a page at a time from the last row's (time, id) (src/main/exports/pages.ts): every row once,
// in order, however many rows share a time across a page's edge, and only the rows the query's own filter keeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { pagedRows } from '../../../src/main/exports/pages';

const dir = mkdtempSync(join(tmpdir(), 'lplate-paged-'));
const db = new Database(join(dir, 'rows.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading an export’s rows a page at a time', () => {
  it('gives every row once in (time, id) order, with ties across page edges and a filter of its own', () => {
    db.exec(
      'CREATE TABLE r (at INTEGER NOT NULL, id TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL); CREATE INDEX r_at ON r (at)',
    );
    const insert = db.prepare('INSERT INTO r (at, id, kind) VALUES (?, ?, ?)');
    db.transaction(() => {
      // Seven rows a time, ids out of insertion order, so ties straddle the 1,000-row pages.
      for (let i = 0; i < 3_537; i++)
        insert.run(
          Math.floor(i / 7),
          `id-${String((i * 7919) % 10_007).padStart(5, '0')}`,
          i % 3 ? 'a' : 'b',
        );
    })();
    const expected = db
      .prepare("SELECT at AS _at, id AS _id FROM r WHERE at >= ? AND kind = 'a' ORDER BY at, id")
      .all(10) as { _at: number; _id: string }[];
    const got = [
      ...pagedRows<{ _at: number; _id: string }>(
        db,
        (after) => `SELECT at AS _at, id AS _id FROM r WHERE at >= ? AND kind = 'a' AND ${after}`,
        [10],
        { at: 'at', id: 'id' },
      ),
    ];
    expect(expected.length).toBeGreaterThan(2_000);
    expect(got).toEqual(expected);
  });
});
