// A search for an id on the Audit log reads the id index (audit_ids), not every entry: it must find each entry that
// holds the id or an id it begins (as entity id, inside values, old or new, in free text), nothing for an absent id,
// the entries written before the index existed (the migration's fill), and leave ordinary word searches as they were.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, type AuditRecord } from '../../src/main/audit/chain';
import { readJournal, splitStatements } from '../../src/main/db/migrate';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { openTestCore, withOperators, type TestCore } from '../fixtures/core';

let t: TestCore;
let financeId: string;
const seqs: Record<string, number> = {};
const PAYMENT = '3f2b6c1e-8a4d-4f6b-9c2e-1d7a5b3c9e01';

const ENTRIES: Record<string, Omit<AuditRecord, 'userId' | 'actor' | 'createdAt'>> = {
  payment: {
    entityType: 'payment',
    entityId: PAYMENT,
    action: 'sync_create',
    newValues: { status: 'succeeded', stripe_payment_intent_id: 'pi_3NxAbc12', latest_charge: 'ch_3NxZZ9kq' },
  },
  paymentUpdate: {
    entityType: 'payment',
    entityId: PAYMENT,
    action: 'sync_update',
    oldValues: { latest_charge: 'ch_3NxZZ9kq', status: 'processing' },
    newValues: { latest_charge: 'ch_3NxYY8zz', status: 'succeeded' },
  },
  refund: {
    entityType: 'refund',
    entityId: 're_3Nq77abc',
    action: 'created',
    newValues: {
      note: 'Refund of ch_3NxZZ9kq,\nasked for by the learner (see "tr_1Pz0aa").',
      payment_id: PAYMENT,
    },
  },
  attribution: {
    entityType: 'attribution',
    entityId: 'ch_3NxZZ9kq',
    action: 'attribute',
    newValues: { decision: 'ignore' },
  },
  transferOld: {
    entityType: 'payout',
    entityId: '7c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
    action: 'sync_update',
    oldValues: { destination: 'acct_1Pq9Zx', hours: [2, 'acct_1Pq9Zx'] },
    newValues: { destination: 'acct_1Rr0Aa' },
  },
  selfNamed: {
    entityType: 'payout',
    entityId: 'po_7Self01',
    action: 'sync_create',
    newValues: { id: 'po_7Self01', destination: 'acct_7Self02' },
  },
  buried: {
    entityType: 'payment',
    entityId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    action: 'sync_update',
    newValues: { note: 'copied from xch_3NxZZ9kq and mych_3NxZZ9kq' },
  },
};

async function search(q: string, extra: { entityType?: string } = {}) {
  const page = await t.ok('admin', 'audit.list', { q, pageSize: 100, ...extra });
  return { seqs: page.rows.map((r) => r.seq).sort((a, b) => a - b), total: page.total };
}

const named = (...names: string[]) => names.map((n) => seqs[n]!).sort((a, b) => a - b);

beforeAll(async () => {
  t = await openTestCore();
  financeId = (await withOperators(t)).finance;
  const sqlite = t.core.services.sqlite;
  sqlite.transaction(() => {
    for (const [name, entry] of Object.entries(ENTRIES))
      seqs[name] = appendAudit(sqlite, {
        ...entry,
        userId: null,
        actor: 'sync',
        createdAt: t.clock.now(),
      }).seq;
    // Filler: a thousand other payments with ids of the same shapes, so a miss is a miss in a crowd.
    for (let i = 0; i < 1_000; i++)
      appendAudit(sqlite, {
        entityType: 'payment',
        entityId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        action: 'sync_create',
        newValues: {
          status: 'succeeded',
          stripe_payment_intent_id: `pi_fill${i}`,
          latest_charge: `ch_fill${i}`,
        },
        userId: i % 10 === 0 ? financeId : null,
        actor: i % 10 === 0 ? 'operator' : 'sync',
        createdAt: t.clock.now(),
      });
  })();
}, 60_000);
afterAll(() => t.close());

describe('an id search on the Audit log', () => {
  it('finds every entry holding the id: as entity id, in new and old values, in free text', async () => {
    expect(await search('ch_3NxZZ9kq')).toEqual({
      seqs: named('payment', 'paymentUpdate', 'refund', 'attribution'),
      total: 4,
    });
    expect((await search('acct_1Pq9Zx')).seqs).toEqual(named('transferOld'));
    expect((await search('tr_1Pz0aa')).seqs).toEqual(named('refund'));
    expect((await search('re_3Nq77abc')).seqs).toEqual(named('refund'));
    expect((await search(PAYMENT)).seqs).toEqual(named('payment', 'paymentUpdate', 'refund'));
    expect(await search('po_7Self01')).toEqual({ seqs: named('selfNamed'), total: 1 });
  });

  it('finds the ids a partly pasted id begins', async () => {
    expect((await search('ch_3Nx')).seqs).toEqual(named('payment', 'paymentUpdate', 'refund', 'attribution'));
    expect((await search('ch_3NxY')).seqs).toEqual(named('paymentUpdate'));
    expect((await search(PAYMENT.slice(0, 13))).seqs).toEqual(named('payment', 'paymentUpdate', 'refund'));
    expect((await search('pi_fill99')).total).toBe(11); // pi_fill99 and pi_fill990–999
  });

  it('finds nothing for an absent id, an id written in other capitals, or one buried inside a longer word', async () => {
    expect(await search('ch_3NxQQ1')).toEqual({ seqs: [], total: 0 });
    expect((await search('CH_3NXZZ9KQ')).total).toBe(0);
    // xch_… and mych_… hold the id inside a longer word: only the id itself, as a word, is found.
    expect((await search('ch_3NxZZ9kq')).seqs).not.toContain(seqs.buried);
  });

  it('combines with the filters', async () => {
    expect((await search('ch_3NxZZ9kq', { entityType: 'refund' })).seqs).toEqual(named('refund'));
  });

  it('leaves word searches as they were: a substring of the entry, its type, action or operator', async () => {
    const sqlite = t.core.services.sqlite;
    // The search before the id index: a substring of any of these columns, `%` and `_` taken literally.
    const like = (q: string) =>
      sqlite
        .prepare(
          `SELECT a.seq FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id
           WHERE ${['a.entity_id', 'a.entity_type', 'a.action', 'a.old_values', 'a.new_values', 'u.name']
             .map((c) => `${c} LIKE @q ESCAPE '\\'`)
             .join(' OR ')}
           ORDER BY a.seq`,
        )
        .pluck()
        .all({ q: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }) as number[];
    for (const q of ['succeeded', 'Finance', 'sync_update', 'learner', 'acct', 'pi_', '3NxZZ9', '3f2b6c1e']) {
      const expected = like(q);
      const page = await t.ok('admin', 'audit.list', {
        q,
        pageSize: 500,
        sort: { column: 'seq', direction: 'asc' },
      });
      expect(
        page.rows.map((r) => r.seq),
        q,
      ).toEqual(expected.slice(0, 500));
      expect(page.total, q).toBe(expected.length);
      expect(expected.length, q).toBeGreaterThan(0);
    }
  });
});

describe('the id index', () => {
  it('is filled by the migration from entries written before it, as the writer fills it', async () => {
    const sqlite = t.core.services.sqlite;
    const all = () => sqlite.prepare('SELECT value_id, seq FROM audit_ids ORDER BY value_id, seq').all();
    const written = all();
    expect(written.length).toBeGreaterThan(2_000);
    const tag = readJournal(MIGRATIONS_DIR).find((e) => e.tag.endsWith('_audit_ids'))!.tag;
    const fill = splitStatements(readFileSync(join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8')).find((s) =>
      s.includes('INSERT INTO `audit_ids`'),
    )!;
    sqlite.exec('DELETE FROM audit_ids');
    // Without the index only the entity id, which audit_entity_id_idx holds, is found.
    expect((await search('ch_3NxZZ9kq')).seqs).toEqual(named('attribution'));
    sqlite.exec(fill);
    expect(all()).toEqual(written);
    expect((await search('ch_3NxZZ9kq')).seqs).toEqual(
      named('payment', 'paymentUpdate', 'refund', 'attribution'),
    );
  });

  it("holds no row for an entry's own entity id, even where its values repeat it: audit_entity_id_idx finds it", () => {
    const ids = t.core.services.sqlite.prepare('SELECT value_id FROM audit_ids WHERE seq = ?').pluck();
    expect(ids.all(seqs.selfNamed)).toEqual(['acct_7Self02']);
  });

  it('is outside the hash chain: the chain verifies, and a ledger rebuild leaves entries and index in step', async () => {
    expect((await t.ok('admin', 'audit.verify', {})).intact).toBe(true);
    await t.ok('admin', 'ledger.rebuild', {});
    expect((await t.ok('admin', 'audit.verify', {})).intact).toBe(true);
    expect((await search('ch_3NxZZ9kq')).total).toBe(4);
  });
});
