// Each Stripe object's state references the stored input that holds its JSON instead of copying it: a workspace
// synced while states were copies migrates to references to the same bytes, a copy no input holds survives as a
// synthetic observation, and the ledger hashes and rebuilds as before.
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

const TAG = readJournal(MIGRATIONS_DIR).find((e) => e.tag.endsWith('_raw_once'))!.tag;
const HANDMADE = { id: 'acct_handmade', object: 'account', requirements: { currently_due: ['tos'] } };

interface State {
  id: string;
  object_type: string;
  account: string | null;
  created: number;
  version: string;
  payload: string;
  observed_at: number;
}
const HANDMADE_STATE: State = {
  id: HANDMADE.id,
  object_type: 'account',
  account: null,
  created: 1751328000,
  version: '1',
  payload: JSON.stringify(HANDMADE),
  observed_at: 1751328000,
};
const states = (sqlite: Sqlite) =>
  sqlite
    .prepare(
      'SELECT id, object_type, account, created, version, payload, observed_at FROM stripe_object_states ORDER BY id',
    )
    .all() as State[];

/**
 * Puts `stripe_objects` back the way the console kept it before the migration: each state's JSON copied in
 * `payload`, written as that code wrote it (`JSON.stringify` of the object, for an event its `data.object`), plus
 * one state no stored input holds (rows like the screen fixtures wrote by hand), and forgets the migration ran.
 */
function toCopies(sqlite: Sqlite): void {
  const rows = sqlite
    .prepare(
      `SELECT o.id, o.object_type, o.account, o.created, o.version, o.observed_at,
         CASE WHEN o.event_id IS NULL THEN b.payload END AS observation, e.payload AS event
       FROM stripe_objects o LEFT JOIN stripe_observations b ON b.id = o.observation_id
         LEFT JOIN stripe_events e ON e.id = o.event_id`,
    )
    .all() as (Omit<State, 'payload'> & { observation: string | null; event: string | null })[];
  sqlite.transaction(() => {
    sqlite.exec(`DROP VIEW stripe_object_states; DROP TABLE stripe_objects;
      CREATE TABLE stripe_objects (id text PRIMARY KEY NOT NULL, object_type text NOT NULL, account text,
        created integer NOT NULL, version text NOT NULL, payload text NOT NULL, observed_at integer NOT NULL);
      CREATE INDEX stripe_objects_type_created_idx ON stripe_objects (object_type, created);`);
    const insert = sqlite.prepare(
      'INSERT INTO stripe_objects (id, object_type, account, created, version, payload, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of rows) {
      const payload =
        r.observation ?? JSON.stringify((JSON.parse(r.event!) as { data: { object: unknown } }).data.object);
      insert.run(r.id, r.object_type, r.account, r.created, r.version, payload, r.observed_at);
    }
    const h = HANDMADE_STATE;
    insert.run(h.id, h.object_type, h.account, h.created, h.version, h.payload, h.observed_at);
    sqlite.prepare('DELETE FROM schema_migrations WHERE tag = ?').run(TAG);
  })();
}

describe('a state references its stored input', () => {
  it('migrates a workspace synced with copies to references to the same bytes, and rebuilds it identically', async () => {
    const sim = (ws.sim = await startSmallSimulator(15));
    const dir = mkdtempSync(join(tmpdir(), 'lplate-raw-once-'));
    ws.open = await openSyncCore(sim.port, { dir });
    expect((await connectAndSync(ws.open.core))?.state).toBe('done');
    // Events after the backfill, so that some states come from events and some from listed objects.
    const stripe = new Stripe(TEST_KEY, { host: '127.0.0.1', port: sim.port, protocol: 'http' });
    const pi = await stripe.paymentIntents.create({
      amount: 5150,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      metadata: { lplate_payment_type: 'lesson' },
    });
    await stripe.refunds.create({ payment_intent: pi.id, amount: 900 });
    sim.control.advance(60);
    expect((await runJob(ws.open.core, 'sync'))?.state).toBe('done');

    let sqlite = ws.open.core.services.sqlite;
    const fromEvents = count(sqlite, 'SELECT count(*) FROM stripe_objects WHERE event_id IS NOT NULL');
    const fromObservations = count(
      sqlite,
      'SELECT count(*) FROM stripe_objects WHERE observation_id IS NOT NULL',
    );
    expect(fromEvents).toBeGreaterThan(0);
    expect(fromObservations).toBeGreaterThan(0);
    const synced = states(sqlite);
    const hash = ledgerHash(PROJECTION, sqlite).hash;
    const observations = count(sqlite, 'SELECT count(*) FROM stripe_observations');

    toCopies(sqlite);
    ws.open.close();
    ws.open = await openSyncCore(sim.port, { dir });
    sqlite = ws.open.core.services.sqlite;

    // Every synced state now references an input holding exactly the bytes it copied: events where it came from
    // an event, nothing synthetic; only the hand-written state became an observation of its own.
    expect(states(sqlite)).toEqual([...synced, HANDMADE_STATE].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(count(sqlite, 'SELECT count(*) FROM stripe_objects WHERE event_id IS NOT NULL')).toBe(fromEvents);
    expect(count(sqlite, 'SELECT count(*) FROM stripe_observations')).toBe(observations + 1);
    expect(
      sqlite.prepare('SELECT observation_id FROM stripe_objects WHERE id = ?').pluck().get(HANDMADE.id),
    ).toBe(`stripe_objects:${HANDMADE.id}`);

    // Without the hand-written state the ledger is the synced one, and a rebuild from the inputs makes it again.
    sqlite.exec(
      `DELETE FROM stripe_objects WHERE id = '${HANDMADE.id}';
       DELETE FROM stripe_observations WHERE id = 'stripe_objects:${HANDMADE.id}';`,
    );
    expect(ledgerHash(PROJECTION, sqlite).hash).toBe(hash);
    const rebuilt = rebuildLedger(PROJECTION, sqlite, ws.open.core.services.clock.now(), null);
    expect(rebuilt).toMatchObject({ before: hash, after: hash, identical: true });

    // And sync goes on from there.
    await stripe.refunds.create({ payment_intent: pi.id, amount: 400 });
    sim.control.advance(60);
    expect((await runJob(ws.open.core, 'sync'))?.state).toBe('done');
    expect(
      JSON.parse(
        sqlite.prepare('SELECT payload FROM stripe_object_states WHERE id = ?').pluck().get(pi.id) as string,
      ),
    ).toMatchObject({ id: pi.id, amount_received: 5150 });
  });
});
