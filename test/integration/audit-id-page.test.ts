// An id search alone on the Audit log reads a page and a capped count from the id ranges instead of gathering every
// match: with more matches than the count's cap, each page and total must be what the general listing gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/main/audit/chain';
import { listAudit, type AuditQuery } from '../../src/main/audit/queries';
import { COUNT_STEP } from '../../src/main/db/sql';
import { openTestCore, withOperators, type TestCore } from '../fixtures/core';

let t: TestCore;
const ENTRIES = COUNT_STEP + 3_000;

beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
  const sqlite = t.core.services.sqlite;
  sqlite.transaction(() => {
    for (let i = 0; i < ENTRIES; i++)
      appendAudit(sqlite, {
        entityType: i % 3 === 0 ? 'refund' : 'payment',
        // Some entries are found by their entity id, some by an id in their values, some by both or by two ids.
        entityId: i % 7 === 0 ? `pi_9x${i}y` : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        action: i % 2 ? 'sync_update' : 'sync_create',
        newValues: {
          ...(i % 5 === 0 ? { latest_charge: `ch_other_${i}` } : { stripe_payment_intent_id: `pi_9x${i}` }),
          ...(i % 11 === 0 ? { previous: `pi_9x${i + 1}` } : {}),
        },
        userId: null,
        actor: 'sync',
        createdAt: t.clock.now() + i,
      });
  })();
}, 120_000);
afterAll(() => t.close());

describe('an id search alone on a large log', () => {
  it('gives the pages and totals of the general listing, counting each entry once, up to the cap', async () => {
    const sqlite = t.core.services.sqlite;
    let capped = 0;
    for (const q of ['pi_9', 'pi_9x1', 'pi_9x12', 'pi_9x123', 'pi_9x14y', 'pi_8x1']) {
      for (const direction of ['desc', 'asc'] as const) {
        for (const page of [1, 3, 201, 221]) {
          const query: AuditQuery = { q, page, pageSize: 50, sort: { column: 'seq', direction } };
          const expected = listAudit(sqlite, query, null);
          const got = await t.ok('admin', 'audit.list', query);
          const label = JSON.stringify(query);
          expect(got, label).toEqual(expected);
          if (got.totalCapped) capped++;
        }
      }
    }
    // The cap was reached (pages 1 and 3 of the broad prefix), and counted on past it (page 201).
    expect(capped).toBeGreaterThanOrEqual(4);
    const broad = await t.ok('admin', 'audit.list', { q: 'pi_9', page: 201, pageSize: 50 });
    expect(broad.totalCapped).toBeUndefined();
    expect(broad.total).toBeGreaterThan(COUNT_STEP);
  }, 300_000);

  it('leaves an id search under another filter, another order or a narrower role to the general listing', async () => {
    const sqlite = t.core.services.sqlite;
    const queries: AuditQuery[] = [
      {
        q: 'pi_9x1',
        page: 2,
        pageSize: 50,
        sort: { column: 'seq', direction: 'desc' },
        entityType: 'refund',
      },
      { q: 'pi_9x1', page: 1, pageSize: 50, sort: { column: 'action', direction: 'asc' } },
    ];
    for (const query of queries)
      expect(await t.ok('admin', 'audit.list', query), JSON.stringify(query)).toEqual(
        listAudit(sqlite, query, null),
      );
    const support = {
      q: 'pi_9x1',
      page: 1,
      pageSize: 50,
      sort: { column: 'seq', direction: 'desc' },
    } as const;
    const page = await t.ok('support', 'audit.list', support);
    expect(page).toEqual(listAudit(sqlite, support, ['payment', 'refund', 'lesson_completion']));
    expect(page.rows.length).toBe(50);
  });
});
