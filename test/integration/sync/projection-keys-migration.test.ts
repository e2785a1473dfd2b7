// projection_refs by numbered keys: a workspace whose refs were text pairs migrates to the same pairs, numbered, new
// keys get numbers after every old one (so they append), and a change to an object re-projects the roots that read it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { Sqlite } from '../../../src/main/db/open';
import { readJournal } from '../../../src/main/db/migrate';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { ledgerHash } from '../../../src/main/projection/hash';
import { rebuildLedger } from '../../../src/main/sync/rebuild';
import { PROJECTION } from '../../../src/main/domains';
import { connectAndSync, count, openSyncCore, runJob, startSmallSimulator, TEST_KEY } from './harness';
import { checkedWorkspace } from './checked-workspace';

const ws = checkedWorkspace();

const TAG = readJournal(MIGRATIONS_DIR).find((e) => e.tag.endsWith('_projection_keys'))!.tag;

const refs = (sqlite: Sqlite) =>
  sqlite.prepare('SELECT ref, root FROM projection_ref_keys ORDER BY ref, root').all() as {
    ref: string;
    root: string;
  }[];

/** Puts projection_refs back as text pairs, as the console kept them before the migration, and forgets it ran. */
function toTextPairs(sqlite: Sqlite): void {
  const pairs = refs(sqlite);
  sqlite.transaction(() => {
    sqlite.exec(`DROP VIEW projection_ref_keys; DROP TABLE projection_refs; DROP TABLE projection_keys;
      CREATE TABLE projection_refs (ref text NOT NULL, root text NOT NULL);
      CREATE UNIQUE INDEX projection_refs_pk_idx ON projection_refs (ref, root);
      CREATE INDEX projection_refs_root_idx ON projection_refs (root);`);
    const insert = sqlite.prepare('INSERT INTO projection_refs (ref, root) VALUES (?, ?)');
    // Not in key order, as a workspace wrote them.
    for (const p of [...pairs].reverse()) insert.run(p.ref, p.root);
    sqlite.prepare('DELETE FROM schema_migrations WHERE tag = ?').run(TAG);
  })();
}

describe('projection refs by numbered keys', () => {
  it('migrates text pairs to the same pairs, numbers new keys after the old, and re-projects a changed object', async () => {
    const sim = (ws.sim = await startSmallSimulator(16));
    const dir = mkdtempSync(join(tmpdir(), 'lplate-projection-keys-'));
    ws.open = await openSyncCore(sim.port, { dir });
    expect((await connectAndSync(ws.open.core))?.state).toBe('done');
    let sqlite = ws.open.core.services.sqlite;
    const synced = refs(sqlite);
    expect(synced.length).toBeGreaterThan(100);
    const hash = ledgerHash(PROJECTION, sqlite).hash;

    toTextPairs(sqlite);
    ws.open.close();
    ws.open = await openSyncCore(sim.port, { dir });
    sqlite = ws.open.core.services.sqlite;

    expect(refs(sqlite)).toEqual(synced);
    // Each key once, numbered in text order; no ref points at a number no key has.
    const keys = sqlite.prepare('SELECT key FROM projection_keys ORDER BY id').pluck().all() as string[];
    expect(keys).toEqual([...new Set(synced.flatMap((p) => [p.ref, p.root]))].sort());
    expect(
      count(
        sqlite,
        `SELECT count(*) FROM projection_refs r WHERE NOT EXISTS (SELECT 1 FROM projection_keys k WHERE k.id = r.ref_key)
           OR NOT EXISTS (SELECT 1 FROM projection_keys k WHERE k.id = r.root_key)`,
      ),
    ).toBe(0);
    expect(ledgerHash(PROJECTION, sqlite).hash).toBe(hash);

    // A refund of a synced payment re-projects its payment root through the migrated refs; the refund's key comes
    // after every old one.
    const lastOld = count(sqlite, 'SELECT max(id) FROM projection_keys');
    const paid = sqlite
      .prepare(
        `SELECT stripe_payment_intent_id AS pi, total_amount_pence AS total FROM payments
         WHERE status = 'succeeded' AND amount_refunded_pence = 0 ORDER BY created_at LIMIT 1`,
      )
      .get() as { pi: string; total: number };
    const stripe = new Stripe(TEST_KEY, { host: '127.0.0.1', port: sim.port, protocol: 'http' });
    const refund = await stripe.refunds.create({ payment_intent: paid.pi });
    sim.control.advance(60);
    expect((await runJob(ws.open.core, 'sync'))?.state).toBe('done');
    expect(
      sqlite
        .prepare('SELECT amount_refunded_pence FROM payments WHERE stripe_payment_intent_id = ?')
        .pluck()
        .get(paid.pi),
    ).toBe(paid.total);
    const refundKey = sqlite
      .prepare('SELECT id FROM projection_keys WHERE key = ?')
      .pluck()
      .get(refund.id) as number;
    expect(refundKey).toBeGreaterThan(lastOld);
    expect(refs(sqlite).filter((p) => p.ref === refund.id)).toContainEqual({
      ref: refund.id,
      root: `payment:${paid.pi}`,
    });

    // A rebuild clears the keys with the refs and numbers them again, to the same ledger.
    const before = ledgerHash(PROJECTION, sqlite).hash;
    const rebuilt = rebuildLedger(PROJECTION, sqlite, ws.open.core.services.clock.now(), null);
    expect(rebuilt).toMatchObject({ before, after: before, identical: true });
  });
});
