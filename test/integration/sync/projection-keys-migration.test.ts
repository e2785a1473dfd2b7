// projection_refs by numbered keys: a workspace whose refs were text pairs migrates (0045, then 0052's object roots) to
// the same pairs, numbered, with a row for every key but an object root; new keys get numbers after every old one (so
// they append), and a change to an object re-projects the roots that read it.
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
import { keysReadBy, knownKeyNumber, rootsReading } from '../../../src/main/db/projection-keys';
import { KEY_STRIDE, objectKeyCode } from '../../../src/main/db/schema/sync';
import { connectAndSync, count, openSyncCore, runJob, startSmallSimulator, TEST_KEY } from './harness';
import { checkedWorkspace } from './checked-workspace';

const ws = checkedWorkspace();

const TAGS = readJournal(MIGRATIONS_DIR)
  .filter((e) => e.tag.endsWith('_projection_keys') || e.tag.endsWith('_object_root_keys'))
  .map((e) => e.tag);

const objectOf = (root: string) => root.slice(root.indexOf(':') + 1);

type Pair = { ref: string; root: string };

const refs = (sqlite: Sqlite) =>
  sqlite.prepare('SELECT ref, root FROM projection_ref_keys ORDER BY ref, root').all() as Pair[];

/** In the view's order (ref, then root, by their bytes). */
const inOrder = (pairs: Pair[]) =>
  [...pairs].sort((a, b) => (a.ref === b.ref ? (a.root < b.root ? -1 : 1) : a.ref < b.ref ? -1 : 1));

/**
 * Puts projection_refs back as text pairs (with `extra`), as the console kept them before the migrations, and forgets
 * they ran.
 */
function toTextPairs(sqlite: Sqlite, extra: Pair): void {
  const pairs = [...refs(sqlite), extra];
  sqlite.transaction(() => {
    sqlite.exec(`DROP VIEW projection_ref_keys; DROP TABLE projection_refs; DROP TABLE projection_keys;
      CREATE TABLE projection_refs (ref text NOT NULL, root text NOT NULL);
      CREATE UNIQUE INDEX projection_refs_pk_idx ON projection_refs (ref, root);
      CREATE INDEX projection_refs_root_idx ON projection_refs (root);`);
    const insert = sqlite.prepare('INSERT INTO projection_refs (ref, root) VALUES (?, ?)');
    // Not in key order, as a workspace wrote them.
    for (const p of [...pairs].reverse()) insert.run(p.ref, p.root);
    for (const tag of TAGS) sqlite.prepare('DELETE FROM schema_migrations WHERE tag = ?').run(tag);
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

    // A key named after an object whose own key was never named: the migration gives the object a row.
    const unseen = { ref: 'payment-row:pi_unseen', root: 'fee:txn_unseen' };
    toTextPairs(sqlite, unseen);
    ws.open.close();
    ws.open = await openSyncCore(sim.port, { dir });
    sqlite = ws.open.core.services.sqlite;

    expect(TAGS).toHaveLength(2);
    const expected = inOrder([...synced, unseen]);
    expect(refs(sqlite)).toEqual(expected);
    // Each key once but those named after an object, numbered off its row; no ref points at a row no key has.
    const named = [...new Set(expected.flatMap((p) => [p.ref, p.root]))];
    const objectKeys = named.filter((k) => objectKeyCode(k.slice(0, k.indexOf(':'))) > 0);
    expect(objectKeys.length).toBeGreaterThan(50);
    const keys = sqlite.prepare('SELECT key FROM projection_keys ORDER BY key').pluck().all() as string[];
    expect(keys).toEqual(
      [...new Set([...named.filter((k) => !objectKeys.includes(k)), ...objectKeys.map(objectOf)])].sort(),
    );
    expect(
      count(
        sqlite,
        `SELECT count(*) FROM projection_refs r WHERE NOT EXISTS (SELECT 1 FROM projection_keys k WHERE k.id = r.ref_key / ${KEY_STRIDE})
           OR NOT EXISTS (SELECT 1 FROM projection_keys k WHERE k.id = r.root_key / ${KEY_STRIDE})`,
      ),
    ).toBe(0);
    expect(ledgerHash(PROJECTION, sqlite).hash).toBe(hash);
    // Keys named after objects read back by number: a payment's own root, and the fee root that reads the payment's row root.
    const fee = synced.find((p) => p.root.startsWith('fee:') && p.ref.startsWith('payment-row:'))!;
    const pi = objectOf(fee.ref);
    expect(rootsReading(sqlite, pi)).toContain(`payment:${pi}`);
    expect(rootsReading(sqlite, fee.ref)).toEqual([fee.root]);
    expect(keysReadBy(sqlite, fee.root)).toContain(fee.ref);
    expect(knownKeyNumber(sqlite, `payment:${pi}`)! % KEY_STRIDE).toBe(objectKeyCode('payment'));
    expect(knownKeyNumber(sqlite, 'payment:pi_never_seen')).toBeUndefined();

    // A refund of a synced payment re-projects its payment root through the migrated refs; the refund's key comes
    // after every old one.
    const lastOld = count(sqlite, 'SELECT max(id) FROM projection_keys') * KEY_STRIDE + KEY_STRIDE - 1;
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
    const refundKey = knownKeyNumber(sqlite, refund.id)!;
    expect(refundKey).toBeGreaterThan(lastOld);
    expect(refundKey % KEY_STRIDE).toBe(0);
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
