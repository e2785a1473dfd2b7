// What sync applies is audited per committed batch (DOMAIN.md §10): one chained entry naming the inputs, its changes
// stored per entity under it. For any entity the Audit log must still find every batch that changed it (by its id or a
// pasted Stripe id), with old and new values and the inputs they came from; the chain must cover the changes; and a
// workspace whose chain already holds per-entity sync entries keeps them, readable and verifying, next to new batches.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchIdsQuery } from '../../src/shared/batch-id-words';
import { appendAudit } from '../../src/main/audit/chain';
import { batchChanges } from '../../src/main/audit/batch-changes';
import { auditTrail, listAudit, type AuditQuery } from '../../src/main/audit/queries';
import { auditScope } from '../../src/main/audit/scope';
import { verifyAuditChain } from '../../src/main/audit/verify';
import { readJournal, splitStatements } from '../../src/main/db/migrate';
import { openWorkspaceDatabase, type Sqlite } from '../../src/main/db/open';
import { PROJECTION } from '../../src/main/domains';
import type { Projection } from '../../src/main/projection/registry';
import { valueIds } from '../../src/shared/ids';
import { applyInputs, type StripeInput } from '../../src/main/sync/apply';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import type { RunningSimulator } from '../../src/main/simulator/index';
import {
  connectAndSync,
  count,
  openSyncCore,
  runJob,
  startSmallSimulator,
  TEST_KEY,
  type SyncCore,
} from './sync/harness';

let sim: RunningSimulator;
let c: SyncCore;
let sqlite: Sqlite;
/** A payment synced at the first backfill and refunded in part afterwards, so a later batch changed it too. */
let payment: { id: string; pi: string };

const list = (q: Partial<AuditQuery>, scope: readonly string[] | null = null) =>
  listAudit(sqlite, { page: 1, pageSize: 500, sort: { column: 'seq', direction: 'asc' }, ...q }, scope);
const changes = (seq: number, q?: string, scope: readonly string[] | null = null) =>
  batchChanges(sqlite, { seq, q, page: 1, pageSize: 200 }, scope);

beforeAll(async () => {
  sim = await startSmallSimulator(41);
  c = await openSyncCore(sim.port);
  sqlite = c.core.services.sqlite;
  expect((await connectAndSync(c.core))?.state).toBe('done');
  payment = sqlite
    .prepare(
      `SELECT id, stripe_payment_intent_id AS pi FROM payments WHERE status = 'succeeded' AND amount_refunded_pence = 0
       ORDER BY id LIMIT 1`,
    )
    .get() as { id: string; pi: string };
  const stripe = new Stripe(TEST_KEY, { host: '127.0.0.1', port: sim.port, protocol: 'http' });
  await stripe.refunds.create({ payment_intent: payment.pi, amount: 100 });
  sim.control.advance(60);
  expect((await runJob(c.core, 'sync'))?.state).toBe('done');
}, 60_000);
afterAll(async () => {
  c.close();
  await sim.close();
});

describe('a sync batch in the audit log', () => {
  it('is one chained entry per committed batch: no entry per entity any more', () => {
    expect(
      count(
        sqlite,
        "SELECT count(*) FROM audit_logs WHERE action IN ('sync_create', 'sync_update', 'sync_delete')",
      ),
    ).toBe(0);
    const batches = list({ entityType: 'sync_batch' }).rows;
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) {
      expect(b).toMatchObject({ actor: 'sync', action: 'sync_batch', userId: null });
      const said = b.newValues as { inputs: { id: string; object: string }[]; changes: number };
      expect(said.changes).toBe(
        count(sqlite, 'SELECT count(*) FROM audit_sync_changes WHERE seq = ?', b.seq),
      );
      // It names the inputs it applied, each a stored event or observation.
      expect(said.inputs.length).toBeGreaterThan(0);
      for (const input of said.inputs.slice(0, 20))
        expect(
          count(sqlite, 'SELECT count(*) FROM stripe_events WHERE id = ?', input.id) +
            count(sqlite, 'SELECT count(*) FROM stripe_observations WHERE id = ?', input.id),
        ).toBe(1);
    }
    expect(verifyAuditChain(sqlite)).toMatchObject({ intact: true, firstBroken: null });
  });

  it("shows every change to an entity in its trail, with old and new values, under the batches' sequence numbers", () => {
    const trail = auditTrail(sqlite, payment.id);
    expect(trail.map((e) => e.action)).toEqual(['sync_create', 'sync_update']);
    const [created, refunded] = trail as [(typeof trail)[0], (typeof trail)[0]];
    expect(created).toMatchObject({ actor: 'sync', entityType: 'payment', oldValues: null });
    expect(created.newValues).toMatchObject({ id: payment.id, stripe_payment_intent_id: payment.pi });
    expect(refunded.oldValues).toMatchObject({ amount_refunded_pence: 0 });
    expect(refunded.newValues).toMatchObject({ amount_refunded_pence: 100 });
    const batchSeqs = list({ entityType: 'sync_batch' }).rows.map((b) => b.seq);
    expect(batchSeqs).toEqual(expect.arrayContaining([created.seq, refunded.seq]));
    expect(created.seq).toBeLessThan(refunded.seq);
  });

  it('is found by the id of an entity it changed, whole or begun, and by a Stripe id it applied', () => {
    const trailSeqs = auditTrail(sqlite, payment.id).map((e) => e.seq);
    expect(list({ q: payment.id }).rows.map((e) => e.seq)).toEqual(trailSeqs);
    expect(list({ q: payment.id.slice(0, 13) }).rows.map((e) => e.seq)).toEqual(
      expect.arrayContaining(trailSeqs),
    );
    // A Stripe id finds the batches that applied it: the PaymentIntent the first, its refund the second.
    const [created, refunded] = trailSeqs as [number, number];
    const refund = sqlite
      .prepare(
        "SELECT id FROM stripe_object_states WHERE object_type = 'refund' AND json_extract(payload, '$.payment_intent') = ?",
      )
      .pluck()
      .get(payment.pi) as string;
    expect(list({ q: payment.pi }).rows.map((e) => e.seq)).toContain(created);
    expect(list({ q: refund }).rows.map((e) => e.seq)).toContain(refunded);
  });

  it('gives, per change, the old and new values and the inputs it came from', () => {
    const refunded = auditTrail(sqlite, payment.id)[1]!;
    const page = changes(refunded.seq, payment.id);
    expect(page.total).toBe(1);
    const change = page.changes[0]!;
    expect(change).toMatchObject({
      entityType: 'payment',
      entityId: payment.id,
      action: 'sync_update',
      oldValues: refunded.oldValues,
      newValues: refunded.newValues,
      root: `payment:${payment.pi}`,
    });
    // The refund's and the charge's events: inputs of this batch about objects the payment's root reads.
    const objects = change.sources.map((s) => s.object);
    expect(objects.some((o) => o.startsWith('re_'))).toBe(true);
    for (const source of change.sources)
      expect(
        count(
          sqlite,
          'SELECT count(*) FROM stripe_events WHERE id = ? AND object_id = ?',
          source.id,
          source.object,
        ),
      ).toBe(1);
    expect(change.sources.length).toBeLessThan(page.inputs.length + 1);
  });

  it('filters by entity type through the changes, and shows support only the changes its role may read', () => {
    const withUsers = list({ entityType: 'user' }).rows;
    expect(withUsers.length).toBeGreaterThan(0);
    expect(withUsers.every((e) => e.action === 'sync_batch')).toBe(true);
    const support = auditScope('support');
    expect(list({ entityType: 'user' }, support).total).toBe(0);
    const first = list({ entityType: 'payment' }, support).rows[0]!;
    const all = changes(first.seq);
    const seen = changes(first.seq, undefined, support);
    expect(all.changes.some((ch) => ch.entityType === 'user')).toBe(true);
    expect(seen.total).toBeGreaterThan(0);
    expect(seen.changes.every((ch) => support!.includes(ch.entityType as 'payment'))).toBe(true);
    // Filtered on the batches' own type, a batch's drawer lists all its changes (as its export does).
    const own = batchChanges(
      sqlite,
      { seq: first.seq, entityType: 'sync_batch', page: 1, pageSize: 200 },
      null,
    );
    expect(own.total).toBe(all.total);
  });
});

describe('a pasted Stripe id', () => {
  /** A batch's changes as stored, for what its drawer should list. */
  const stored = (seq: number) =>
    sqlite
      .prepare('SELECT n, entity_type, entity_id, root FROM audit_sync_changes WHERE seq = ? ORDER BY n')
      .all(seq) as { n: number; entity_type: string; entity_id: string; root: string }[];
  /** The changes whose root has a part (kind or key) that begins with `id`, as the drawer should select them. */
  const underRoot = (seq: number, id: string) =>
    stored(seq).filter((c) => c.root.split(':').some((part) => part.startsWith(id)));
  it("finds every batch that wrote under the payment's root, the refund's batch too, which did not apply it", () => {
    const [created, refunded] = batches();
    const inputs = (seq: number) =>
      JSON.stringify(sqlite.prepare('SELECT new_values FROM audit_logs WHERE seq = ?').pluck().get(seq));
    expect(inputs(refunded)).not.toContain(payment.pi);
    const found = list({ q: payment.pi }).rows.map((e) => e.seq);
    expect(found).toEqual(expect.arrayContaining([created, refunded]));
    // Each entry found names the id in its values, or is a batch that wrote under its root.
    for (const seq of found)
      expect(inputs(seq).includes(payment.pi) || underRoot(seq, payment.pi).length > 0).toBe(true);
    // Ids are matched as typed.
    expect(list({ q: payment.pi.toUpperCase() }).rows.map((e) => e.seq)).not.toContain(refunded);
  });

  it("lists in a batch's drawer the changes written under the payment's root, and no other payment's", () => {
    const [created, refunded] = batches();
    const root = `payment:${payment.pi}`;
    // The creation's batch created other payments too; under this root, the learner's user row and the payment.
    expect(stored(created).some((c) => c.entity_type === 'payment' && c.root !== root)).toBe(true);
    for (const seq of [created, refunded]) {
      const page = changes(seq, payment.pi);
      const mine = stored(seq).filter((c) => c.root === root);
      expect(page.changes.map((c) => [c.n, c.root])).toEqual(mine.map((c) => [c.n, root]));
      expect(page.total).toBe(mine.length);
      expect(page.changes.map((c) => c.entityId)).toContain(payment.id);
    }
    expect(changes(created, payment.pi).changes.map((c) => c.entityType)).toEqual(['user', 'payment']);
    expect(changes(refunded, payment.pi).changes.map((c) => c.entityType)).toEqual(['payment', 'refund']);
    expect(changes(created, payment.pi.toUpperCase()).total).toBe(0);
  });

  it('works with the start of the id, as the page does: every root of an id it begins', () => {
    const [created, refunded] = batches();
    // The id up to its first digit after the underscore: the shortest start the page takes for an id.
    const prefix = payment.pi.slice(0, payment.pi.search(/(?<=_.*)[0-9]/) + 1);
    expect(prefix.length).toBeLessThan(payment.pi.length);
    expect(list({ q: prefix }).rows.map((e) => e.seq)).toEqual(expect.arrayContaining([created, refunded]));
    for (const seq of [created, refunded]) {
      const page = changes(seq, prefix);
      expect(page.changes.map((c) => c.n)).toEqual(underRoot(seq, prefix).map((c) => c.n));
      expect(page.changes.map((c) => c.entityId)).toContain(payment.id);
    }
  });

  it("keeps support to the changes its role may read: the payment's, not the learner's user row", () => {
    const [created, refunded] = batches();
    const support = auditScope('support');
    expect(list({ q: payment.pi }, support).rows.map((e) => e.seq)).toEqual(
      expect.arrayContaining([created, refunded]),
    );
    expect(changes(created, payment.pi, support).changes.map((c) => c.entityId)).toEqual([payment.id]);
    expect(changes(refunded, payment.pi, support).changes.map((c) => c.entityType)).toEqual([
      'payment',
      'refund',
    ]);
  });
});

describe('the batch id index', () => {
  /** Every sync batch entry's ids, read from the entry and its changes as stored, without the index. */
  const namedIds = () => {
    const changesOf = sqlite.prepare('SELECT entity_id, root FROM audit_sync_changes WHERE seq = ?');
    return (
      sqlite
        .prepare("SELECT seq, new_values FROM audit_logs WHERE entity_type = 'sync_batch' ORDER BY seq")
        .all() as { seq: number; new_values: string }[]
    ).map(({ seq, new_values }) => {
      const rows = changesOf.all(seq) as { entity_id: string; root: string }[];
      const ids = [
        ...valueIds(new_values),
        ...rows.map((r) => r.entity_id),
        ...valueIds(...rows.map((r) => r.root)),
      ];
      return { seq, ids: new Set(ids) };
    });
  };
  const matched = (query: string) =>
    sqlite
      .prepare('SELECT rowid FROM audit_batch_ids WHERE audit_batch_ids MATCH ? ORDER BY rowid')
      .pluck()
      .all(query);
  /** The index's words and the batches holding each, as FTS5 stores them. */
  const words = () => {
    sqlite.exec(
      "CREATE VIRTUAL TABLE IF NOT EXISTS temp.batch_words USING fts5vocab(main, 'audit_batch_ids', 'instance')",
    );
    return sqlite.prepare('SELECT term, doc FROM temp.batch_words ORDER BY term, doc').all();
  };

  it('finds exactly the batches a scan of their ids finds, whole or begun, capitals as typed', () => {
    const batches = namedIds();
    const all = [...new Set(batches.flatMap((b) => [...b.ids]))].sort();
    expect(all.length).toBeGreaterThan(150);
    // Every third id whole and begun at five lengths (the index keeps 4, 5 and 6 of a spelling apart), its capitals
    // swapped, and one character past its end.
    const swap = (id: string) =>
      id.replace(/[a-z]/gi, (ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()));
    const searches = all
      .filter((_, i) => i % 3 === 0)
      .flatMap((id) => [
        id,
        id.slice(0, 4),
        id.slice(0, 5),
        id.slice(0, 6),
        id.slice(0, 9),
        id.slice(0, -1),
        swap(id.slice(0, 9)),
        `${id}x`,
      ]);
    let nonEmpty = 0;
    for (const q of new Set(searches)) {
      const expected = batches.filter((b) => [...b.ids].some((id) => id.startsWith(q))).map((b) => b.seq);
      expect(matched(batchIdsQuery(q, true)), q).toEqual(expected);
      if (expected.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(50);
    const whole = all[3]!;
    expect(matched(batchIdsQuery(whole, false))).toEqual(
      batches.filter((b) => b.ids.has(whole)).map((b) => b.seq),
    );
  });

  it('is filled by the migration for batches written before it, as the writer fills it, and their id rows go', () => {
    const written = words();
    const idRows = () => sqlite.prepare('SELECT value_id, seq FROM audit_ids ORDER BY value_id, seq').all();
    const before = idRows();
    const paymentBatches = batches();
    expect(paymentBatches).toHaveLength(2);
    expect(written.length).toBeGreaterThan(200);
    const statements = (suffix: string) => {
      const tag = readJournal(MIGRATIONS_DIR).find((e) => e.tag.endsWith(suffix))!.tag;
      return splitStatements(readFileSync(join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8'));
    };
    // As a workspace stood before: the batches' ids in audit_ids (the two earlier migrations' fills), none indexed.
    sqlite.exec("INSERT INTO audit_batch_ids (audit_batch_ids) VALUES ('delete-all')");
    for (const suffix of ['_audit_ids', '_audit_ids_of_roots'])
      sqlite.exec(
        statements(suffix)
          .find((s) => s.includes('INSERT'))!
          .replace('INSERT INTO', 'INSERT OR IGNORE INTO'),
      );
    expect(idRows().length).toBeGreaterThan(before.length);
    expect(list({ q: payment.pi }).rows.map((e) => e.seq)).toEqual(expect.arrayContaining(paymentBatches));
    expect(batches()).toEqual([]);
    for (const s of statements('_audit_batch_ids').filter((s) => /^(INSERT|DELETE)/m.test(s))) sqlite.exec(s);
    expect(words()).toEqual(written);
    expect(idRows()).toEqual(before);
    expect(list({ q: payment.pi }).rows.map((e) => e.seq)).toEqual(expect.arrayContaining(paymentBatches));
    expect(batches()).toEqual(paymentBatches);
  });
});

const batches = () => auditTrail(sqlite, payment.id).map((e) => e.seq) as [number, number];

describe("the chain's verification covers a batch's changes", () => {
  /** Runs `tamper` with the append-only triggers out of the way, then puts the table back as it was. */
  function tampered(tamper: () => void, undo: () => void): ReturnType<typeof verifyAuditChain> {
    const triggers = sqlite
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_sync_changes'",
      )
      .all() as { name: string; sql: string }[];
    for (const t of triggers) sqlite.exec(`DROP TRIGGER ${t.name}`);
    try {
      tamper();
      return verifyAuditChain(sqlite);
    } finally {
      undo();
      for (const t of triggers) sqlite.exec(t.sql);
      expect(verifyAuditChain(sqlite).intact).toBe(true);
    }
  }

  it('names the batch entry whose change was edited, removed or added', () => {
    const refunded = auditTrail(sqlite, payment.id)[1]!;
    const batchId = refunded.id.split('/')[0];
    const n = Number(refunded.id.split('/')[1]);
    const row = sqlite
      .prepare('SELECT * FROM audit_sync_changes WHERE seq = ? AND n = ?')
      .get(refunded.seq, n) as Record<string, unknown>;
    const edited = tampered(
      () =>
        sqlite
          .prepare('UPDATE audit_sync_changes SET new_values = ? WHERE seq = ? AND n = ?')
          .run(String(row.new_values).replace('100', '1'), refunded.seq, n),
      () =>
        sqlite
          .prepare('UPDATE audit_sync_changes SET new_values = ? WHERE seq = ? AND n = ?')
          .run(row.new_values, refunded.seq, n),
    );
    expect(edited).toMatchObject({
      intact: false,
      firstBroken: { seq: refunded.seq, id: batchId, reason: expect.stringContaining('edited') },
    });

    const insert = sqlite.prepare(
      'INSERT INTO audit_sync_changes (seq, n, entity_type, entity_id, action, old_values, new_values, root) VALUES (@seq, @n, @entity_type, @entity_id, @action, @old_values, @new_values, @root)',
    );
    const removed = tampered(
      () => sqlite.prepare('DELETE FROM audit_sync_changes WHERE seq = ? AND n = ?').run(refunded.seq, n),
      () => insert.run(row),
    );
    expect(removed).toMatchObject({
      intact: false,
      firstBroken: { seq: refunded.seq, reason: expect.stringContaining('removed') },
    });

    // A change stored under an operator's or the system's entry, which carries no digest: found all the same.
    const marker = sqlite
      .prepare("SELECT seq FROM audit_logs WHERE action = 'keyed'")
      .pluck()
      .get() as number;
    const stray = tampered(
      () => insert.run({ ...row, seq: marker, n: 0 }),
      () => sqlite.prepare('DELETE FROM audit_sync_changes WHERE seq = ?').run(marker),
    );
    expect(stray).toMatchObject({
      intact: false,
      firstBroken: { seq: marker, reason: expect.stringContaining('stored under no sync batch entry') },
    });
  });

  it('refuses UPDATE, DELETE and INSERT OR REPLACE on a change at the database level', () => {
    expect(() => sqlite.exec("UPDATE audit_sync_changes SET root = 'x'")).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM audit_sync_changes')).toThrow(/append-only/);
    expect(() =>
      sqlite.exec(
        "INSERT OR REPLACE INTO audit_sync_changes (seq, n, entity_type, entity_id, action, root) SELECT seq, n, entity_type, 'x', action, root FROM audit_sync_changes LIMIT 1",
      ),
    ).toThrow(/append-only/);
  });
});

describe('a workspace whose chain already holds per-entity sync entries', () => {
  it('keeps them as they are, verifying and found, and audits new batches at the batch grain', async () => {
    // The workspace as the console left it before this change: the migrations before the batch audit's.
    const before = mkdtempSync(join(tmpdir(), 'lplate-migrations-'));
    cpSync(MIGRATIONS_DIR, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const batchAudit = journal.entries.findIndex((e) => e.tag.endsWith('_sync_batch_audit'));
    journal.entries = journal.entries.slice(0, batchAudit);
    writeFileSync(journalPath, JSON.stringify(journal));
    const dir = mkdtempSync(join(tmpdir(), 'lplate-old-'));
    const old = openWorkspaceDatabase(dir, before).sqlite;
    expect(count(old, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_sync_changes'")).toBe(0);
    const entity = '0b1e5c3a-7f2d-4c9e-8a61-2f4d6b8c0e13';
    const oldSeq = old.transaction(
      () =>
        appendAudit(old, {
          entityType: 'payment',
          entityId: entity,
          action: 'sync_create',
          newValues: { id: entity, stripe_payment_intent_id: 'pi_3OldWorkspace01', amount_pence: 4400 },
          userId: null,
          actor: 'sync',
          createdAt: Date.parse('2026-10-01T09:00:00Z'),
        }).seq,
    )();
    old.close();

    const upgraded = await openSyncCore(sim.port, { dir });
    try {
      const db = upgraded.core.services.sqlite;
      expect((await connectAndSync(upgraded.core))?.state).toBe('done');
      expect(verifyAuditChain(db)).toMatchObject({ intact: true });
      const oldRow = db.prepare('SELECT action, actor, entity_id FROM audit_logs WHERE seq = ?').get(oldSeq);
      expect(oldRow).toEqual({ action: 'sync_create', actor: 'sync', entity_id: entity });
      expect(auditTrail(db, entity).map((e) => [e.seq, e.action])).toEqual([[oldSeq, 'sync_create']]);
      const query = { page: 1, pageSize: 50, sort: { column: 'seq', direction: 'asc' } } as const;
      expect(listAudit(db, { ...query, q: 'pi_3OldWorkspace01' }, null).rows.map((e) => e.seq)).toEqual([
        oldSeq,
      ]);
      expect(listAudit(db, { ...query, entityType: 'payment' }, null).rows.map((e) => e.action)).toEqual(
        expect.arrayContaining(['sync_create', 'sync_batch']),
      );
      expect(count(db, "SELECT count(*) FROM audit_logs WHERE action = 'sync_batch'")).toBeGreaterThan(0);
      expect(
        count(db, "SELECT count(*) FROM audit_logs WHERE action IN ('sync_create', 'sync_update')"),
      ).toBe(1);
    } finally {
      upgraded.close();
    }
  }, 60_000);
});

describe('a projection root that fails inside a batch', () => {
  it('leaves none of its changes in the batch entry: they roll back with its savepoint', () => {
    const failing = `payment:${payment.pi}`;
    const projection: Projection = {
      ...PROJECTION,
      phases: PROJECTION.phases.map((phase) => ({
        kind: phase.kind,
        run: (ctx, root) => {
          phase.run(ctx, root);
          if (root === failing) throw new Error('a projector bug');
        },
      })),
    };
    // What the workspace above stored, listed objects and events, applied again in one batch to a fresh workspace.
    const observations = sqlite
      .prepare(
        'SELECT payload, source, observed_at, account FROM stripe_observations ORDER BY observed_at, id',
      )
      .all() as { payload: string; source: 'list'; observed_at: number; account: string | null }[];
    const events = sqlite
      .prepare('SELECT payload FROM stripe_events ORDER BY created, id')
      .pluck()
      .all() as string[];
    const inputs: StripeInput[] = [
      ...observations.map((o): StripeInput => ({
        kind: 'observation',
        object: JSON.parse(o.payload),
        source: o.source,
        observedAt: o.observed_at,
        account: o.account,
      })),
      ...events.map((payload): StripeInput => ({ kind: 'event', event: JSON.parse(payload) })),
    ];
    const fresh = openWorkspaceDatabase(
      mkdtempSync(join(tmpdir(), 'lplate-failing-')),
      MIGRATIONS_DIR,
    ).sqlite;
    try {
      fresh.transaction(() => applyInputs(projection, fresh, inputs, Date.parse('2026-11-25T09:00:00Z')))();
      expect(
        count(
          fresh,
          "SELECT count(*) FROM sync_errors WHERE code = 'projection_failed' AND object_id = ?",
          payment.pi,
        ),
      ).toBe(1);
      expect(count(fresh, 'SELECT count(*) FROM audit_sync_changes WHERE root = ?', failing)).toBe(0);
      expect(count(fresh, 'SELECT count(*) FROM audit_sync_changes WHERE entity_id = ?', payment.id)).toBe(0);
      expect(count(fresh, 'SELECT count(*) FROM audit_sync_changes')).toBeGreaterThan(0);
      expect(verifyAuditChain(fresh)).toMatchObject({ intact: true });
    } finally {
      fresh.close();
    }
  });
});
