// Observation ids lead with the second they were observed, so a backfill appends to their index; the same input
// delivered again is a duplicate, also in a workspace synced before the rule (legacy ids, migration 0047), and a
// rebuild keeps the ids a workspace stored, whatever their rule.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src/main/db/open';
import { readJournal } from '../../../src/main/db/migrate';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { ledgerHash } from '../../../src/main/projection/hash';
import { rebuildLedger } from '../../../src/main/sync/rebuild';
import { applyInputs, observationIds } from '../../../src/main/sync/apply';
import { readState } from '../../../src/main/sync/state';
import { PROJECTION } from '../../../src/main/domains';
import { connectAndSync, count, openSyncCore, startSmallSimulator } from './harness';
import { checkedWorkspace } from './checked-workspace';

const ws = checkedWorkspace();

const LEGACY_TAG = readJournal(MIGRATIONS_DIR).find((e) => e.tag.endsWith('_observation_ids_legacy'))!.tag;

interface Stored {
  id: string;
  object_id: string;
  observed_at: number;
  payload: string;
  source: 'list' | 'fetch';
  account: string | null;
  write_seq: number | null;
}

const observations = (sqlite: Sqlite) =>
  sqlite
    .prepare(
      'SELECT id, object_id, observed_at, payload, source, account, write_seq FROM stripe_observations ORDER BY id',
    )
    .all() as Stored[];

/** Delivers a stored observation again, as a poll re-reading an event's embedded object would. */
const deliverAgain = (sqlite: Sqlite, o: Stored, now: number) =>
  sqlite.transaction(() =>
    applyInputs(
      PROJECTION,
      sqlite,
      [
        {
          kind: 'observation',
          object: JSON.parse(o.payload),
          source: o.source,
          observedAt: o.observed_at,
          account: o.account,
          writeSeq: o.write_seq,
        },
      ],
      now,
    ),
  )();

/** Gives every observation the id the older rule gave it, and forgets migration 0047 ran, as before the upgrade. */
function toLegacyIds(sqlite: Sqlite, stored: Stored[]): Map<string, string> {
  const legacy = new Map(
    stored.map((o) => [o.id, observationIds(o.object_id, o.observed_at, o.write_seq, o.payload).legacy]),
  );
  sqlite.transaction(() => {
    const rename = sqlite.prepare('UPDATE stripe_observations SET id = ? WHERE id = ?');
    const point = sqlite.prepare('UPDATE stripe_objects SET observation_id = ? WHERE observation_id = ?');
    for (const [id, old] of legacy) {
      rename.run(old, id);
      point.run(old, id);
    }
    sqlite.prepare('DELETE FROM schema_migrations WHERE tag = ?').run(LEGACY_TAG);
  })();
  return legacy;
}

describe('observation ids', () => {
  it('lead with the observed second, and a second delivery is a duplicate', async () => {
    const sim = (ws.sim = await startSmallSimulator(21));
    ws.open = await openSyncCore(sim.port);
    expect((await connectAndSync(ws.open.core))?.state).toBe('done');
    const sqlite = ws.open.core.services.sqlite;

    const stored = observations(sqlite);
    expect(stored.length).toBeGreaterThan(100);
    for (const o of stored) {
      expect(o.id).toMatch(/^[0-9a-f]{32}$/);
      expect(parseInt(o.id.slice(0, 10), 16)).toBe(o.observed_at);
    }
    // A fresh workspace has no legacy ids to look up.
    expect(readState(sqlite, 'observation_ids_legacy')).toBeNull();

    expect(deliverAgain(sqlite, stored[0]!, ws.open.core.services.clock.now())).toMatchObject({
      applied: 0,
      duplicates: 1,
    });
    expect(count(sqlite, 'SELECT count(*) FROM stripe_observations')).toBe(stored.length);
  });

  it('upgrades a workspace with legacy ids: still duplicates, and a rebuild keeps the ids and the ledger', async () => {
    const sim = (ws.sim = await startSmallSimulator(22));
    const dir = mkdtempSync(join(tmpdir(), 'lplate-observation-ids-'));
    ws.open = await openSyncCore(sim.port, { dir });
    expect((await connectAndSync(ws.open.core))?.state).toBe('done');
    const stored = observations(ws.open.core.services.sqlite);
    const legacy = toLegacyIds(ws.open.core.services.sqlite, stored);
    ws.open.close();
    ws.open = await openSyncCore(sim.port, { dir });
    const sqlite = ws.open.core.services.sqlite;
    const now = ws.open.core.services.clock.now();
    expect(readState(sqlite, 'observation_ids_legacy')).toBe(true);

    // Every stored input delivered again is found under its legacy id: nothing stored twice.
    for (const o of stored.slice(0, 25))
      expect(deliverAgain(sqlite, o, now)).toMatchObject({ applied: 0, duplicates: 1 });
    expect(count(sqlite, 'SELECT count(*) FROM stripe_observations')).toBe(stored.length);

    const before = ledgerHash(PROJECTION, sqlite).hash;
    expect(rebuildLedger(PROJECTION, sqlite, now, null)).toMatchObject({
      before,
      after: before,
      identical: true,
    });
    expect(observations(sqlite).map((o) => o.id)).toEqual([...legacy.values()].sort());
    expect(
      count(
        sqlite,
        `SELECT count(*) FROM stripe_objects o WHERE o.observation_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM stripe_observations b WHERE b.id = o.observation_id)`,
      ),
    ).toBe(0);
  });
});
