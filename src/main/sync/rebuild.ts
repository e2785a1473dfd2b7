// Rebuilds every projected table (the registry's) from the stored raw events and observations plus the console's
// own records, which it never touches, and shows whether the result is byte-identical.
import type { Sqlite } from '../db/open';
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

interface RawRow {
  rowid: number;
  id: string;
  payload: string;
  source?: Exclude<ObservationSource, 'event'>;
  observed_at?: number;
  account?: string | null;
  write_seq?: number | null;
}

/** Feeds a scratch table of raw inputs through applyInputs in chunks (never holding them all in memory). */
function replay(
  projection: Projection,
  sqlite: Sqlite,
  table: string,
  toInput: (r: RawRow) => StripeInput,
  now: number,
): number {
  const page = sqlite.prepare(`SELECT rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`);
  let last = 0;
  let count = 0;
  for (;;) {
    const rows = page.all(last) as RawRow[];
    if (rows.length === 0) return count;
    applyInputs(projection, sqlite, rows.map(toInput), now);
    last = rows[rows.length - 1]!.rowid;
    count += rows.length;
  }
}

export function rebuildLedger(
  projection: Projection,
  sqlite: Sqlite,
  now: number,
  operatorId: string | null,
): RebuildReport {
  const started = process.hrtime.bigint();
  const before = ledgerHash(projection, sqlite).hash;
  let inputs = 0;
  let after = '';
  sqlite
    .transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      const rebuilt = projection.aroundRebuild(sqlite);
      // The inputs are set aside in scratch tables of the workspace itself, copied in replay order through an index so
      // that nothing sorts whole rows: temporary storage is memory (db/open.ts), and the log can be gigabytes.
      sqlite.exec(`
        CREATE TABLE rebuild_events AS
          SELECT * FROM stripe_events INDEXED BY stripe_events_created_idx ORDER BY created, id;
        CREATE INDEX rebuild_observations_order ON stripe_observations (observed_at, id);
        CREATE TABLE rebuild_observations AS
          SELECT * FROM stripe_observations INDEXED BY rebuild_observations_order ORDER BY observed_at, id;
        DROP INDEX rebuild_observations_order;
        DELETE FROM stripe_events;
        DELETE FROM stripe_observations;
      `);
      projection.clear(sqlite);
      sqlite
        .prepare("UPDATE sync_errors SET resolved_at = ? WHERE scope = 'projection' AND resolved_at IS NULL")
        .run(now);
      withProjectionOptions(sqlite, { audit: false }, () => {
        inputs += replay(
          projection,
          sqlite,
          'rebuild_events',
          (r) => ({ kind: 'event', event: JSON.parse(r.payload) }),
          now,
        );
        inputs += replay(
          projection,
          sqlite,
          'rebuild_observations',
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
      sqlite.exec(`
        UPDATE stripe_events SET received_at = r.received_at FROM rebuild_events r WHERE r.id = stripe_events.id;
        UPDATE stripe_observations SET received_at = r.received_at FROM rebuild_observations r WHERE r.id = stripe_observations.id;
        DROP TABLE rebuild_events;
        DROP TABLE rebuild_observations;
      `);
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
    .immediate();
  return {
    before,
    after,
    identical: before === after,
    inputs,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
