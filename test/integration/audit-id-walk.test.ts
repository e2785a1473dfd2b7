// An id prefix that many entries hold is paged by walking the Audit log in seq order (src/main/audit-log/id-page.ts):
// its pages must be exactly the pages of every matching entry sorted, from either end, whether the walk fills the page
// or gives up (the matches bunch up at the other end) and the matches are sorted instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/main/audit/chain';
import { SyncBatchAudit } from '../../src/main/audit/sync-batch';
import { openTestCore, withOperators, type TestCore } from '../fixtures/core';

let t: TestCore;
/** The seqs holding an id that starts with each prefix, in seq order. */
const holding: Record<'pi_w5' | 'pi_o7', number[]> = { pi_w5: [], pi_o7: [] };
/** The seq written for each entry (its index). */
const seqOf: number[] = [];
const ENTRIES = 12_600;

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
  const sqlite = t.core.services.sqlite;
  sqlite.transaction(() => {
    for (let i = 0; i < ENTRIES; i++) {
      // Five entries in six hold a `pi_w5` id (one in six of those as their entity id, one in fifty through a sync
      // batch's change): more than the count's cap of 10,000 for a first page. The oldest 10,500 hold a `pi_o7` id, the newest none.
      const spread = i % 6 !== 5;
      const old = i < 10_500;
      if (spread && i % 50 === 0) {
        const batch = new SyncBatchAudit();
        batch.input(`evt_${i}`, 'payment_intent');
        batch.change('payment', `pi_w5b${i}`, 'sync_update', { a: 1 }, { a: 2 }, `payment:${i}`);
        batch.change('payment', uuid(i), 'sync_update', { a: 1 }, { a: 2 }, `payment:${i}`);
        batch.write(sqlite, t.clock.now());
      } else {
        appendAudit(sqlite, {
          entityType: 'payment',
          entityId: spread && i % 6 === 0 ? `pi_w5e${i}` : uuid(i),
          action: 'sync_update',
          oldValues: old ? { stripe_payment_intent_id: `pi_o7_${i}` } : null,
          newValues: { stripe_payment_intent_id: spread && i % 6 !== 0 ? `pi_w5v${i}` : `pi_n9_${i}` },
          userId: null,
          actor: 'sync',
          createdAt: t.clock.now(),
        });
      }
      const seq = sqlite.prepare('SELECT max(seq) FROM audit_logs').pluck().get() as number;
      seqOf.push(seq);
      if (spread) holding.pi_w5.push(seq);
      if (old && !(spread && i % 50 === 0)) holding.pi_o7.push(seq);
    }
  })();
}, 60_000);
afterAll(() => t.close());

/** The statements the core prepared while `work` ran (the walk is one of its own). */
async function prepared<T>(work: () => Promise<T>): Promise<{ value: T; sql: string[] }> {
  const sqlite = t.core.services.sqlite;
  const prepare = sqlite.prepare.bind(sqlite);
  const sql: string[] = [];
  sqlite.prepare = ((source: string) => (sql.push(source), prepare(source))) as typeof sqlite.prepare;
  try {
    return { value: await work(), sql };
  } finally {
    sqlite.prepare = prepare;
  }
}

const walked = (sql: string[]) => sql.some((s) => /FROM audit_logs a WHERE a\.seq BETWEEN/.test(s));

describe('a short id prefix on the Audit log', () => {
  it('pages a prefix held across the log by walking it, as the sorted matches would page', async () => {
    const matches = holding.pi_w5;
    expect(matches.length).toBe(10_500);
    for (const direction of ['desc', 'asc'] as const) {
      const sorted = direction === 'desc' ? [...matches].reverse() : matches;
      for (const page of [1, 2, 7]) {
        const { value, sql } = await prepared(() =>
          t.ok('admin', 'audit.list', {
            q: 'pi_w5',
            page,
            pageSize: 50,
            sort: { column: 'seq', direction },
          }),
        );
        // Deep pages read further into the log: past a point sorting the matches is cheaper again.
        if (page === 1) expect(walked(sql)).toBe(true);
        expect(value.rows.map((r) => r.seq)).toEqual(sorted.slice((page - 1) * 50, page * 50));
        expect(value).toMatchObject({ total: 10_000, totalCapped: true, page, pageSize: 50 });
      }
    }
  });

  it('sorts the matches instead when the walk finds them bunched at the other end', async () => {
    const matches = holding.pi_o7;
    expect(matches.length).toBeGreaterThan(10_000);
    // From the newest entry no `pi_o7` is met for 1,500 entries: the walk gives up and the matches are sorted.
    const newest = await prepared(() => t.ok('admin', 'audit.list', { q: 'pi_o7', pageSize: 50 }));
    expect(walked(newest.sql)).toBe(true);
    expect(newest.value.rows.map((r) => r.seq)).toEqual([...matches].reverse().slice(0, 50));
    const oldest = await t.ok('admin', 'audit.list', {
      q: 'pi_o7',
      pageSize: 50,
      sort: { column: 'seq', direction: 'asc' },
    });
    expect(oldest.rows.map((r) => r.seq)).toEqual(matches.slice(0, 50));
    expect(oldest).toMatchObject({ total: 10_000, totalCapped: true });
  });

  it('sorts the matches of a rare prefix without walking, and finds nothing for an absent one', async () => {
    const rare = await prepared(() => t.ok('admin', 'audit.list', { q: 'pi_w5b10', pageSize: 50 }));
    expect(walked(rare.sql)).toBe(false);
    // The batches whose change names pi_w5b100, pi_w5b1000, pi_w5b1050, pi_w5b10000 …
    const batches = seqOf.filter((_, i) => i % 50 === 0 && i % 6 !== 5 && String(i).startsWith('10'));
    expect(batches.length).toBeGreaterThan(10);
    expect(rare.value.rows.map((r) => r.seq)).toEqual(batches.reverse());
    const none = await t.ok('admin', 'audit.list', { q: 'pi_nobody1', pageSize: 50 });
    expect(none).toMatchObject({ rows: [], total: 0 });
  });
});
