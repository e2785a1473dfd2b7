// The journal's instructor index holds transfers and reversals only (migration 0051): each other transaction would be
// a random insert nobody reads. These tests check what the index holds and that the instructors' reads still use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator/index';
import type { Sqlite } from '../../../src/main/db/open';
import { applyInBatches, freshWorkspace, listScenarioInputs } from '../../fixtures/scenario-inputs';

const NOW = Date.parse('2026-11-25T09:00:00Z');

let sim: RunningSimulator;
let ws: ReturnType<typeof freshWorkspace>;
let sqlite: Sqlite;

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 5,
    scenario: { instructors: 5, learners: 30, weeks: 6, paymentsPerWeek: 25 },
  });
  ws = freshWorkspace();
  sqlite = ws.sqlite;
  applyInBatches(sqlite, await listScenarioInputs(sim), NOW);
});

afterAll(async () => {
  ws.close();
  await sim.close();
});

const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
const plan = (sql: string, ...params: unknown[]) =>
  (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);

describe('the journal’s instructor index', () => {
  it('holds one entry per transfer and reversal, and none for the journal’s other transactions', () => {
    const entries = count(
      "SELECT sum(ncell) FROM dbstat WHERE name = 'journal_tx_instructor_idx' AND pagetype = 'leaf'",
    );
    const settlements = count(
      "SELECT count(*) FROM journal_transactions WHERE kind IN ('transfer', 'reversal')",
    );
    expect(settlements).toBeGreaterThan(0);
    expect(entries).toBe(settlements);
    expect(count('SELECT count(*) FROM journal_transactions')).toBeGreaterThan(3 * settlements);
  });

  it('is how the owed list over every instructor finds their transfers (src/main/payouts/owed.ts)', () => {
    const sent = `SELECT t.instructor_id, sum(l.amount_pence) FROM journal_transactions t
      JOIN journal_lines l ON l.transaction_id = t.id
      WHERE t.kind IN ('transfer', 'reversal') AND t.instructor_id IS NOT NULL
        AND l.account = 'instructor_payable:' || t.instructor_id
      GROUP BY t.instructor_id`;
    expect(plan(sent)[0]).toMatch(/^SEARCH t USING INDEX journal_tx_instructor_idx /);
  });

  it('leaves an instructor’s own settlements to the payable account’s lines (src/main/credits/payable.ts)', () => {
    const settlements = `SELECT max(t.source_id), sum(l.amount_pence) FROM journal_transactions t
      JOIN journal_lines l ON l.transaction_id = t.id AND l.account = 'instructor_payable:' || t.instructor_id
      WHERE t.instructor_id = ? AND t.kind IN ('transfer', 'reversal') GROUP BY t.origin`;
    expect(plan(settlements, 'i').join(' | ')).not.toMatch(/SCAN (t|l)\b/);
  });

  it('lets the transfers made outside the console be read from the transfers’ index, not every transaction', () => {
    const outside = `SELECT t.instructor_id FROM journal_transactions t
      JOIN journal_lines l ON l.transaction_id = t.id AND l.account = 'instructor_payable:' || t.instructor_id
      WHERE t.kind IN ('transfer', 'reversal') AND t.kind = 'transfer' AND t.instructor_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.stripe_transfer_id = t.source_id)
      ORDER BY t.occurred_at, t.id`;
    expect(plan(outside)[0]).toBe('SCAN t USING INDEX journal_tx_transfers_idx');
  });
});
