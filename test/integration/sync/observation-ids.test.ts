// Observation ids lead with the second they were observed, so a backfill appends to their index; the same input
// delivered again is still a duplicate, and a rebuild keeps the ids a workspace already stored, whatever their rule.
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src/main/db/open';
import { ledgerHash } from '../../../src/main/projection/hash';
import { rebuildLedger } from '../../../src/main/sync/rebuild';
import { applyInputs } from '../../../src/main/sync/apply';
import { PROJECTION } from '../../../src/main/domains';
import { connectAndSync, count, openSyncCore, startSmallSimulator } from './harness';
import { checkedWorkspace } from './checked-workspace';

const ws = checkedWorkspace();

interface Stored {
  id: string;
  observed_at: number;
  payload: string;
  source: 'list' | 'fetch';
  account: string | null;
}

const observations = (sqlite: Sqlite) =>
  sqlite
    .prepare('SELECT id, observed_at, payload, source, account FROM stripe_observations ORDER BY id')
    .all() as Stored[];

describe('observation ids', () => {
  it('lead with the observed second, dedupe a second delivery, and survive a rebuild under an older rule', async () => {
    const sim = (ws.sim = await startSmallSimulator(21));
    ws.open = await openSyncCore(sim.port);
    expect((await connectAndSync(ws.open.core))?.state).toBe('done');
    const sqlite = ws.open.core.services.sqlite;
    const now = ws.open.core.services.clock.now();

    const stored = observations(sqlite);
    expect(stored.length).toBeGreaterThan(100);
    for (const o of stored) {
      expect(o.id).toMatch(/^[0-9a-f]{32}$/);
      expect(parseInt(o.id.slice(0, 10), 16)).toBe(o.observed_at);
    }

    // The same object, second and JSON again: stored once, counted as a duplicate.
    const again = stored[0]!;
    const report = sqlite.transaction(() =>
      applyInputs(
        PROJECTION,
        sqlite,
        [
          {
            kind: 'observation',
            object: JSON.parse(again.payload),
            source: again.source,
            observedAt: again.observed_at,
            account: again.account,
          },
        ],
        now,
      ),
    )();
    expect(report).toMatchObject({ applied: 0, duplicates: 1 });
    expect(count(sqlite, 'SELECT count(*) FROM stripe_observations')).toBe(stored.length);

    // A workspace synced before this rule has ids of another shape: a rebuild keeps them and the ledger.
    const older = new Map(stored.map((o, i) => [o.id, `older${String(i).padStart(27, '0')}`]));
    sqlite.transaction(() => {
      const rename = sqlite.prepare('UPDATE stripe_observations SET id = ? WHERE id = ?');
      const point = sqlite.prepare('UPDATE stripe_objects SET observation_id = ? WHERE observation_id = ?');
      for (const [id, old] of older) {
        rename.run(old, id);
        point.run(old, id);
      }
    })();
    const before = ledgerHash(PROJECTION, sqlite).hash;
    const rebuilt = rebuildLedger(PROJECTION, sqlite, now, null);
    expect(rebuilt).toMatchObject({ before, after: before, identical: true });
    expect(observations(sqlite).map((o) => o.id)).toEqual([...older.values()].sort());
    expect(
      count(
        sqlite,
        `SELECT count(*) FROM stripe_objects o WHERE o.observation_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM stripe_observations b WHERE b.id = o.observation_id)`,
      ),
    ).toBe(0);
  });
});
