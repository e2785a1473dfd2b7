// The ledger's invariants for a reconciliation, proven again only where something changed since the last clean check:
// the liability accounts triggers noted (ledger_unproven), the transactions of hours marked since (recon_change_marks)
// and the instructors whose Dashboard transfers moved. Everything else held then and has not changed, so the result is
// the whole ledger's, at a cost that grows with what changed, not with all history.
import type { Violation } from '../../shared/contract/ledger';
import { dashboardTransfers } from '../credits/invariants';
import type { Sqlite } from '../db/open';
import { instructorPayable } from '../ledger/accounts';
import type { InvariantScope, Projection } from '../projection/registry';
import { currentMarkSeq } from './locks';

/**
 * Past these shares, reading what changed through the indexes costs more than one pass over all of it (measured at
 * 1/10 of the `large` preset: docs/reconciliation.md, Performance): half of the liability accounts, or a sixth of the
 * journal's hours (each transaction of a marked hour is looked up alone, about five times a scan's cost).
 */
const SCOPED_ACCOUNTS = 1 / 2;
const SCOPED_HOURS = 1 / 6;

interface Proof {
  markSeq: number;
  dashboard: string;
}

/** What a check must read now; null with no clean check yet (the migration, or a ledger never checked). */
export function unprovenScope(sqlite: Sqlite, dashboard: Map<string, number>): InvariantScope | null {
  const proof = sqlite
    .prepare('SELECT mark_seq AS markSeq, dashboard FROM ledger_proof WHERE id = 1')
    .get() as Proof | undefined;
  if (!proof) return null;
  const one = (sql: string, ...params: unknown[]) =>
    sqlite
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  const markedHours = one('SELECT count(*) FROM recon_change_marks WHERE seq > ?', proof.markSeq);
  const journalHours = one(
    `SELECT ifnull(((SELECT MAX(occurred_at) FROM journal_transactions) -
                    (SELECT MIN(occurred_at) FROM journal_transactions)) / 3600000 + 1, 0)`,
  );
  const sinceMarkSeq = markedHours > journalHours * SCOPED_HOURS ? null : proof.markSeq;
  const unproven = sqlite.prepare('SELECT account FROM ledger_unproven').pluck().all() as string[];
  const liabilities = one('SELECT count(*) FROM learner_credits') + one('SELECT count(*) FROM instructors');
  if (unproven.length > liabilities * SCOPED_ACCOUNTS) return { accounts: null, sinceMarkSeq };
  const accounts = new Set(unproven);
  const before = new Map(Object.entries(JSON.parse(proof.dashboard) as Record<string, number>));
  for (const id of new Set([...before.keys(), ...dashboard.keys()]))
    if (before.get(id) !== dashboard.get(id)) accounts.add(instructorPayable(id));
  return { accounts, sinceMarkSeq };
}

/**
 * The invariants' violations, as the whole check finds them. A clean result is kept as the new proof: the noted
 * accounts are cleared and the marks' seq and Dashboard transfers of now are kept. A check that finds anything keeps
 * nothing, so the next one reads the same again.
 */
export function provenInvariants(projection: Projection, sqlite: Sqlite, now = Date.now()): Violation[] {
  const dashboard = dashboardTransfers(sqlite);
  const markSeq = currentMarkSeq(sqlite);
  const violations = projection.invariants(sqlite, unprovenScope(sqlite, dashboard) ?? undefined);
  if (violations.length === 0)
    sqlite.transaction(() => {
      sqlite.exec('DELETE FROM ledger_unproven');
      sqlite
        .prepare(
          `INSERT INTO ledger_proof (id, mark_seq, dashboard, proven_at) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET mark_seq = excluded.mark_seq, dashboard = excluded.dashboard,
             proven_at = excluded.proven_at`,
        )
        .run(markSeq, JSON.stringify(Object.fromEntries(dashboard)), now);
    })();
  return violations;
}
