// Rebuilds every projected table (the registry's) from the stored raw events and observations plus the console's
// own records, which it never touches, and shows whether the result is byte-identical.
import { rmSync } from 'node:fs';
import { ownerOnly, type Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import { applyInputs, type StripeInput } from './apply';
import { projectRoots } from '../projection/project';
import { withProjectionOptions } from '../projection/context';
import type { ObservationSource } from './versions';
import type { Projection } from '../projection/registry';
import { ledgerHash } from '../projection/hash';
import type { RebuildReport } from '../../shared/contract/ledger';

export type { RebuildReport };

const CHUNK = 2000;

/** A stored input as the replay reads it back; each scratch table holds the columns of its kind of input. */
interface RawRow {
  id: string;
  payload: string;
  received_at: number;
  created?: number;
  source?: Exclude<ObservationSource, 'event'>;
  observed_at?: number;
  account?: string | null;
  write_seq?: number | null;
}

/**
 * The scratch tables the stored inputs are set aside in, each keyed in replay order, and where they go back to. A
 * column the replay comes to need goes in RawRow and in its table's CREATE TABLE and INSERT … SELECT in rebuildLedger.
 */
const SCRATCH = {
  events: { order: 'created', target: 'stripe_events' },
  observations: { order: 'observed_at', target: 'stripe_observations' },
} as const;

/**
 * Runs `work` with a scratch database attached as `scratch`: a file beside the workspace's, deleted afterwards. Not
 * temporary storage, which is memory (db/open.ts), while the stored inputs can be gigabytes; and not the workspace,
 * which would keep the copy's pages as free space for good. It holds learners' data, so it is the owner's only.
 */
function withScratch<T>(sqlite: Sqlite, work: () => T): T {
  const file = `${sqlite.name}.rebuild`;
  rmSync(file, { force: true }); // left by a rebuild that was killed
  ownerOnly(file);
  sqlite.prepare('ATTACH DATABASE ? AS scratch').run(file);
  try {
    sqlite.pragma('scratch.journal_mode = OFF');
    sqlite.pragma('scratch.synchronous = OFF');
    return work();
  } finally {
    sqlite.exec('DETACH DATABASE scratch');
    rmSync(file, { force: true });
  }
}

/**
 * Feeds a scratch table of raw inputs through applyInputs in chunks, in its key's order (never holding them all in
 * memory), and gives each input back the time it was first received.
 */
function replay(
  projection: Projection,
  sqlite: Sqlite,
  table: keyof typeof SCRATCH,
  toInput: (r: RawRow) => StripeInput,
  now: number,
): number {
  const { order, target } = SCRATCH[table];
  const page = sqlite.prepare(
    `SELECT * FROM scratch.${table} WHERE (${order}, id) > (?, ?) ORDER BY ${order}, id LIMIT ${CHUNK}`,
  );
  const received = sqlite.prepare(`UPDATE ${target} SET received_at = ? WHERE id = ?`);
  let after: [number, string] = [Number.MIN_SAFE_INTEGER, ''];
  let count = 0;
  for (;;) {
    const rows = page.all(...after) as RawRow[];
    if (rows.length === 0) return count;
    applyInputs(projection, sqlite, rows.map(toInput), now);
    for (const r of rows) received.run(r.received_at, r.id);
    const last = rows[rows.length - 1]!;
    after = [last[order]!, last.id];
    count += rows.length;
  }
}

export function rebuildLedger(
  projection: Projection,
  sqlite: Sqlite,
  now: number,
  operatorId: string | null,
): RebuildReport {
  // Its scratch file cannot be attached inside a transaction, and a savepoint would hold every page it changes in memory.
  if (sqlite.inTransaction)
    throw new Error('A rebuild runs in a transaction of its own, not inside another.');
  const started = process.hrtime.bigint();
  const before = ledgerHash(projection, sqlite).hash;
  let inputs = 0;
  let after = '';
  withScratch(sqlite, () =>
    sqlite
      .transaction(() => {
        sqlite.pragma('defer_foreign_keys = ON');
        const rebuilt = projection.aroundRebuild(sqlite);
        // Keyed in replay order, so the copy sorts nothing (temporary storage is memory).
        sqlite.exec(`
        CREATE TABLE scratch.events (created INTEGER, id TEXT, payload TEXT, received_at INTEGER,
          PRIMARY KEY (created, id)) WITHOUT ROWID;
        INSERT INTO scratch.events SELECT created, id, payload, received_at FROM stripe_events;
        CREATE TABLE scratch.observations (observed_at INTEGER, id TEXT, payload TEXT, received_at INTEGER,
          source TEXT, account TEXT, write_seq INTEGER, PRIMARY KEY (observed_at, id)) WITHOUT ROWID;
        INSERT INTO scratch.observations
          SELECT observed_at, id, payload, received_at, source, account, write_seq FROM stripe_observations;
        DELETE FROM stripe_events;
        DELETE FROM stripe_observations;
      `);
        projection.clear(sqlite);
        sqlite
          .prepare(
            "UPDATE sync_errors SET resolved_at = ? WHERE scope = 'projection' AND resolved_at IS NULL",
          )
          .run(now);
        withProjectionOptions(sqlite, { audit: false }, () => {
          inputs += replay(
            projection,
            sqlite,
            'events',
            (r) => ({ kind: 'event', event: JSON.parse(r.payload) }),
            now,
          );
          inputs += replay(
            projection,
            sqlite,
            'observations',
            (r) => ({
              kind: 'observation',
              object: JSON.parse(r.payload),
              source: r.source!,
              observedAt: r.observed_at!,
              account: r.account ?? null,
              writeSeq: r.write_seq ?? null,
              storedId: r.id,
            }),
            now,
          );
          projectRoots(projection, sqlite, projection.rebuildRoots(sqlite), now);
        });
        after = ledgerHash(projection, sqlite).hash;
        rebuilt(after !== before);
        appendAudit(sqlite, {
          entityType: 'ledger',
          entityId: 'ledger',
          action: 'rebuild',
          oldValues: { hash: before },
          newValues: { hash: after, inputs },
          userId: operatorId,
          actor: operatorId ? 'operator' : 'system',
          createdAt: now,
        });
      })
      .immediate(),
  );
  return {
    before,
    after,
    identical: before === after,
    inputs,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
