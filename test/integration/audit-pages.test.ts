// The Audit log reads a page's seqs from the filters' index before reading its rows: a day, an action and a day, an
// entity type, an operator or a search must list what the plain query lists, even when entries' times are not in
// seq order (a clock set back) and pasted ids nearly match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../src/shared/contract';
import { appendAudit } from '../../src/main/audit/chain';
import { whereClause } from '../../src/main/audit/queries';
import { openTestCore, withOperators, type TestCore } from '../fixtures/core';
import type { Role } from '../../src/shared/contract/define';

let t: TestCore;
let ids: Record<Role, string>;
const DAY = 86_400_000;
/** 2 July 2026, 00:00 in London (BST). */
const JULY_2 = Date.parse('2026-07-01T23:00:00Z');

beforeAll(async () => {
  t = await openTestCore();
  ids = await withOperators(t);
  const sqlite = t.core.services.sqlite;
  sqlite.transaction(() => {
    for (let i = 0; i < 3_000; i++) {
      // Mostly forwards over three days, with a clock set back by six hours every 400 entries.
      const createdAt = JULY_2 - DAY / 2 + i * 90_000 - (i % 400 > 390 ? 6 * 3_600_000 : 0);
      appendAudit(sqlite, {
        entityType: i % 5 === 0 ? 'refund' : 'payment',
        entityId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        action: (['sync_create', 'sync_update', 'created'] as const)[i % 3]!,
        oldValues: i % 3 === 1 ? { status: 'processing' } : null,
        newValues: {
          status: 'succeeded',
          stripe_payment_intent_id: `pi_near_${i}`,
          ...(i % 50 === 0 ? { note: `duplicate of PI_NEAR_${i + 1} (see xpi_near_${i + 2})` } : {}),
        },
        userId: i % 7 === 0 ? ids.finance : null,
        actor: i % 7 === 0 ? 'operator' : 'sync',
        createdAt,
      });
    }
  })();
}, 120_000);
afterAll(() => t.close());

type Filters = Omit<InputOf<'audit.list'>, 'page' | 'pageSize' | 'sort'>;

/** The query before: every matching entry sorted whole. */
function reference(filters: Filters, column: 'seq' | 'entity_type' | 'action', direction: 'asc' | 'desc') {
  const where = whereClause(t.core.services.sqlite, filters, null);
  const tie = column === 'seq' ? '' : `, a.seq ${direction}`;
  return t.core.services.sqlite
    .prepare(
      `SELECT a.seq FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id ${where.sql}
       ORDER BY a.${column} ${direction}${tie}`,
    )
    .pluck()
    .all(...where.params) as number[];
}

describe('audit pages at scale, against the plain query', () => {
  it('lists the same entries in the same order, with the same counts', async () => {
    const filters: Filters[] = [
      {},
      { from: '2026-07-02', to: '2026-07-02' },
      { action: 'created', from: '2026-07-02', to: '2026-07-02' },
      { action: 'sync_update', from: '2026-07-01', to: '2026-07-02' },
      { entityType: 'refund', from: '2026-07-03' },
      { operatorId: ids.finance, to: '2026-07-02' },
      { q: 'pi_near_1234' },
      { q: 'PI_NEAR_51' },
      { q: 'near_2' },
      { q: 'pi_near_301', action: 'sync_update' },
      { q: '00000000-0000-4000-8000-000000002999' },
      { q: 'Finance', from: '2026-07-02' },
    ];
    for (const f of filters)
      for (const column of ['seq', 'entity_type', 'action'] as const)
        for (const direction of ['asc', 'desc'] as const) {
          const expected = reference(f, column, direction);
          const label = JSON.stringify({ f, column, direction });
          for (const page of [1, 2, Math.max(1, Math.ceil(expected.length / 50))]) {
            const got = await t.ok('admin', 'audit.list', {
              ...f,
              sort: { column, direction },
              page,
              pageSize: 50,
            });
            expect(
              got.rows.map((r) => r.seq),
              `${label} page ${page}`,
            ).toEqual(expected.slice((page - 1) * 50, page * 50));
            expect(got.total, label).toBe(expected.length);
          }
        }
  }, 300_000);
});
