// The ledger's invariants proven again only where something changed: after a clean check, a run reads only the
// accounts and hours changed since, and finds exactly what the whole check finds — a tampered journal line, payment,
// payout or earning, or a Dashboard transfer taken out of the suspense list — and keeps no proof until it is clean.
import { describe, expect, it } from 'vitest';
import { PROJECTION } from '../../../src/main/domains';
import { dashboardTransfers } from '../../../src/main/credits/invariants';
import { provenInvariants, unprovenScope } from '../../../src/main/recon/invariant-proof';
import { JULY, reconWorkspace } from './workspace';

const ws = reconWorkspace(12);
const db = () => ws.c.core.services.sqlite;
const scope = () => unprovenScope(db(), dashboardTransfers(db()));
const proof = () => db().prepare('SELECT mark_seq AS markSeq, dashboard FROM ledger_proof').get();

/** Changes the books with `change`, checks that the proven check finds what the whole one does, then undoes it. */
function expectFoundAsWhole(change: string, undo: string, params: unknown[], codes: string[]) {
  expect(provenInvariants(PROJECTION, db())).toEqual([]);
  const kept = proof();
  db()
    .prepare(change)
    .run(...params);
  const accounts = scope()!.accounts!;
  expect(accounts.size).toBeGreaterThan(0);
  expect(accounts.size).toBeLessThanOrEqual(3);
  const whole = PROJECTION.invariants(db());
  expect(whole.map((v) => v.code).sort()).toEqual(codes);
  expect(provenInvariants(PROJECTION, db())).toEqual(whole);
  // Nothing is kept from a check that found something: the next one reads the same again.
  expect(proof()).toEqual(kept);
  expect(scope()!.accounts).toEqual(accounts);
  expect(provenInvariants(PROJECTION, db())).toEqual(whole);
  db()
    .prepare(undo)
    .run(...params);
  expect(provenInvariants(PROJECTION, db())).toEqual([]);
  expect(scope()!.accounts!.size).toBe(0);
}

describe('ledger invariants proven since the last clean check', () => {
  it('checks everything once, then only what changed since', async () => {
    expect(proof()).toBeUndefined();
    expect(scope()).toBeNull();
    const report = await ws.reconcile('fin', JULY);
    expect(report.discrepancies.filter((d) => d.kind === 'ledger_invariant')).toEqual([]);
    expect(proof()).toBeDefined();
    expect(scope()!.accounts!.size).toBe(0);
    // A sync that brings nothing new changes nothing to prove.
    await ws.sync();
    expect(scope()!.accounts!.size).toBe(0);
  });

  it('finds a learner_prepaid line tampered with, unbalanced and not matching its hours', () => {
    const line = db()
      .prepare(
        "SELECT rowid FROM journal_lines WHERE account LIKE 'learner_prepaid:%' ORDER BY rowid LIMIT 1",
      )
      .pluck()
      .get();
    expectFoundAsWhole(
      'UPDATE journal_lines SET amount_pence = amount_pence + 7 WHERE rowid = ?',
      'UPDATE journal_lines SET amount_pence = amount_pence - 7 WHERE rowid = ?',
      [line],
      ['prepaid_mismatch', 'unbalanced_transaction'],
    );
  });

  it('finds a paid payment whose hours were changed', () => {
    const payment = db()
      .prepare(
        "SELECT id FROM payments WHERE status = 'succeeded' AND learner_id IS NOT NULL ORDER BY created_at LIMIT 1",
      )
      .pluck()
      .get();
    expectFoundAsWhole(
      'UPDATE payments SET hours = hours + 1 WHERE id = ?',
      'UPDATE payments SET hours = hours - 1 WHERE id = ?',
      [payment],
      ['prepaid_mismatch'],
    );
  });

  it('finds a paid payout row and an earning whose amounts were changed', () => {
    const payout = db().prepare("SELECT id FROM payouts WHERE status = 'paid' LIMIT 1").pluck().get();
    expectFoundAsWhole(
      'UPDATE payouts SET amount_pence = amount_pence + 5 WHERE id = ?',
      'UPDATE payouts SET amount_pence = amount_pence - 5 WHERE id = ?',
      [payout],
      ['payable_mismatch'],
    );
    const earning = db().prepare("SELECT id FROM earnings WHERE status <> 'cancelled' LIMIT 1").pluck().get();
    expectFoundAsWhole(
      'UPDATE earnings SET amount_pence = amount_pence + 5 WHERE id = ?',
      'UPDATE earnings SET amount_pence = amount_pence - 5 WHERE id = ?',
      [earning],
      ['payable_mismatch'],
    );
  });

  it('finds a Dashboard transfer taken out of the unattributed list, which no trigger follows', () => {
    const [transfer] = ws.anomaly('transfer_without_payout_record');
    const row = db()
      .prepare('SELECT * FROM unattributed_objects WHERE object_id = ?')
      .get(transfer) as Record<string, unknown>;
    expect(row).toBeDefined();
    expect(provenInvariants(PROJECTION, db())).toEqual([]);
    db().prepare('DELETE FROM unattributed_objects WHERE object_id = ?').run(transfer);
    const whole = PROJECTION.invariants(db());
    expect(whole.map((v) => v.code)).toEqual(['payable_mismatch']);
    expect(provenInvariants(PROJECTION, db())).toEqual(whole);
    const columns = Object.keys(row);
    db()
      .prepare(
        `INSERT INTO unattributed_objects (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...Object.values(row));
    expect(provenInvariants(PROJECTION, db())).toEqual([]);
  });

  it('reads the whole ledger again after a rebuild', async () => {
    await ws.call('admin', 'ledger.rebuild', {});
    expect(scope()!.accounts).toBeNull();
    expect(provenInvariants(PROJECTION, db())).toEqual([]);
    expect(scope()!.accounts!.size).toBe(0);
  });
});
