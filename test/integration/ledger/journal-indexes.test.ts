// The journal's instructor index holds transfers and reversals only (migration 0051): each other transaction would be
// a random insert nobody reads. These tests check what the index holds and that the instructors' reads still use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator/index';
import type { Sqlite } from '../../../src/main/db/open';
import { applyInBatches, freshWorkspace, listScenarioInputs } from '../../fixtures/scenario-inputs';
import { OWED_STATEMENTS } from '../../../src/main/payouts/owed';

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
/** The query plan's lines; parameters are named (@date, @only), as the owed list's statements use. */
const plan = (sql: string) =>
  (
    sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ date: '2026-11-27', only: 'i' }) as { detail: string }[]
  ).map((r) => r.detail);

describe('the journal’s instructor index', () => {
  it('holds one entry per transfer and reversal, and none for the journal’s other transactions', () => {
    // An index B-tree keeps entries on its interior pages too: every page's cells are counted.
    const entries = count("SELECT sum(ncell) FROM dbstat WHERE name = 'journal_tx_instructor_idx'");
    const settlements = count(
      "SELECT count(*) FROM journal_transactions WHERE kind IN ('transfer', 'reversal')",
    );
    expect(settlements).toBeGreaterThan(0);
    expect(entries).toBe(settlements);
    expect(count('SELECT count(*) FROM journal_transactions')).toBeGreaterThan(3 * settlements);
  });

  it('is how the owed list over every instructor finds what was sent to them', () => {
    expect(plan(OWED_STATEMENTS.owed.all).join(' | ')).toMatch(
      /SEARCH t USING INDEX journal_tx_instructor_idx /,
    );
  });

  it('lets the transfers made outside the console be read from the transfers’ index, not every transaction', () => {
    expect(plan(OWED_STATEMENTS.outsideTransfers.all)[0]).toBe('SCAN t USING INDEX journal_tx_transfers_idx');
  });

  it('leaves one instructor’s settlements to the payable account’s lines', () => {
    // The payable projection's read (src/main/credits/payable.ts), as it is written there.
    const payable = `SELECT max(t.source_id), sum(l.amount_pence) FROM journal_transactions t
      JOIN journal_lines l ON l.transaction_id = t.id AND l.account = 'instructor_payable:' || t.instructor_id
      WHERE t.instructor_id = @only AND t.kind IN ('transfer', 'reversal') GROUP BY t.origin`;
    for (const sql of [payable, OWED_STATEMENTS.owed.one, OWED_STATEMENTS.outsideTransfers.one]) {
      const steps = plan(sql).join(' | ');
      expect(steps).toMatch(/SEARCH l USING INDEX journal_lines_account_idx \(account=\?\)/);
      expect(steps).not.toMatch(/SCAN (t|l)\b/);
    }
  });
});
