// Rebuilds the projection and the journal from the stored raw events and observations plus the console's own
// records (lesson completions, operators, refund requests), and shows whether the result is byte-identical.
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import { applyInputs, type StripeInput } from '../sync/apply';
import { projectRoots } from '../sync/project';
import { withProjectionOptions } from '../sync/projectors/context';
import type { ObservationSource } from '../sync/versions';
import { codeRowId } from '../sync/projectors/promotion-code';
import { ledgerHash } from './hash';
import type { RebuildReport } from '../../shared/contract/ledger';

export type { RebuildReport };

const CHUNK = 2000;
const NOT_OPERATOR = '(SELECT user_id FROM operators)';

/** Deletes every row the projection writes; console-recorded rows stay. Foreign keys are checked at commit. */
function clearProjection(sqlite: Sqlite): void {
  sqlite.exec(`
    DELETE FROM journal_lines;
    DELETE FROM journal_transactions;
    DELETE FROM earnings;
    DELETE FROM learner_credits;
    DELETE FROM refunds WHERE requested_by IS NULL;
    DELETE FROM payouts WHERE stripe_transfer_id IS NOT NULL;
    DELETE FROM payments;
    DELETE FROM stripe_connect_accounts;
    DELETE FROM instructors;
    DELETE FROM profiles WHERE user_id NOT IN ${NOT_OPERATOR};
    DELETE FROM users WHERE id NOT IN ${NOT_OPERATOR};
    DELETE FROM projection_refs;
    DELETE FROM unattributed_objects;
    DELETE FROM stripe_objects;
  `);
  for (const table of ['discount_codes', 'referral_codes']) {
    const rows = sqlite.prepare(`SELECT id, code FROM ${table}`).all() as { id: string; code: string }[];
    const del = sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`);
    for (const r of rows) if (r.id === codeRowId(r.code)) del.run(r.id);
  }
}

interface RawRow {
  rowid: number;
  payload: string;
  source?: Exclude<ObservationSource, 'event'>;
  observed_at?: number;
  account?: string | null;
}

/** Feeds a temp table of raw inputs through applyInputs in chunks (never holding them all in memory). */
function replay(sqlite: Sqlite, table: string, toInput: (r: RawRow) => StripeInput, now: number): number {
  const page = sqlite.prepare(
    `SELECT rowid, * FROM temp.${table} WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`,
  );
  let last = 0;
  let count = 0;
  for (;;) {
    const rows = page.all(last) as RawRow[];
    if (rows.length === 0) return count;
    applyInputs(sqlite, rows.map(toInput), now);
    last = rows[rows.length - 1]!.rowid;
    count += rows.length;
  }
}

export function rebuildLedger(sqlite: Sqlite, now: number, operatorId: string | null): RebuildReport {
  const started = process.hrtime.bigint();
  const before = ledgerHash(sqlite).hash;
  let inputs = 0;
  let after = '';
  sqlite
    .transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      sqlite.exec(`
        CREATE TEMP TABLE rebuild_events AS SELECT * FROM stripe_events ORDER BY created, id;
        CREATE TEMP TABLE rebuild_observations AS SELECT * FROM stripe_observations ORDER BY observed_at, id;
        DELETE FROM stripe_events;
        DELETE FROM stripe_observations;
      `);
      clearProjection(sqlite);
      sqlite
        .prepare("UPDATE sync_errors SET resolved_at = ? WHERE scope = 'projection' AND resolved_at IS NULL")
        .run(now);
      withProjectionOptions(sqlite, { audit: false }, () => {
        inputs += replay(
          sqlite,
          'rebuild_events',
          (r) => ({ kind: 'event', event: JSON.parse(r.payload) }),
          now,
        );
        inputs += replay(
          sqlite,
          'rebuild_observations',
          (r) => ({
            kind: 'observation',
            object: JSON.parse(r.payload),
            source: r.source!,
            observedAt: r.observed_at!,
            account: r.account ?? null,
          }),
          now,
        );
        const pairs = sqlite
          .prepare('SELECT DISTINCT learner_id, instructor_id FROM lesson_completions')
          .raw()
          .all() as [string, string][];
        projectRoots(
          sqlite,
          pairs.map(([l, i]) => `pair:${l}:${i}`),
          now,
        );
      });
      sqlite.exec(`
        UPDATE stripe_events SET received_at = (SELECT r.received_at FROM temp.rebuild_events r WHERE r.id = stripe_events.id);
        UPDATE stripe_observations SET received_at = (SELECT r.received_at FROM temp.rebuild_observations r WHERE r.id = stripe_observations.id);
        DROP TABLE temp.rebuild_events;
        DROP TABLE temp.rebuild_observations;
      `);
      after = ledgerHash(sqlite).hash;
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
