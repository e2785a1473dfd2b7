// Friday payout runs under SIGKILL: a console killed at seeded points of its run — before a transfer is sent, after
// Stripe made it but before the local commit, between instructors — and restarted ends with exactly one transfer
// per instructor and Friday in Stripe, and instructor_payable at zero in the ledger for everyone paid.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seeded, startSmallSimulator } from '../integration/sync/harness';
import { runScript, type ChildRun } from './child-process';

const CHILD = fileURLToPath(new URL('./payouts-child.ts', import.meta.url));
const FRIDAY = '2026-11-27';
const SEEDS = Array.from({ length: 20 }, (_, i) => 501 + i);
/** Three steps per transfer (sent, answered, committing), three ready instructors in the small marketplace. */
const KILL_POINTS = 9;

type Run = ChildRun<{ state: string; steps: number; message: string }>;
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** What the workspace says: each ready instructor's payout, its transfer and the instructor's payable balance. */
function ledgerOf(dir: string) {
  const db = new Database(join(dir, 'lplate.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT i.instructor_id AS instructor, q.state, q.error_code AS code, q.stripe_object_id AS transfer,
           a.stripe_account_id AS account,
           (SELECT ifnull(sum(amount_pence), 0) FROM journal_lines WHERE account = 'instructor_payable:' || i.instructor_id) AS payable
         FROM payout_run_items i LEFT JOIN stripe_requests q ON q.id = i.request_id
         JOIN stripe_connect_accounts a ON a.instructor_id = i.instructor_id WHERE i.status = 'ready'`,
      )
      .all() as {
      instructor: string;
      state: string;
      code: string | null;
      transfer: string;
      account: string;
      payable: number;
    }[];
  } finally {
    db.close();
  }
}

async function crashAndResume(seed: number): Promise<{ problems: string[]; paid: number }> {
  const sim = await startSmallSimulator(seed);
  // Funds for the whole run: no automatic payout sweeps the balance while the last charges settle.
  sim.control.setPayoutSchedule('manual');
  sim.control.advance(7 * 86_400);
  const dir = mkdtempSync(join(tmpdir(), 'lplate-payouts-crash-'));
  dirs.push(dir);
  try {
    const killAt = 1 + Math.floor(seeded(seed)() * KILL_POINTS);
    const child = (kill: number | null): Promise<Run> =>
      runScript(CHILD, {
        LPLATE_PAYOUTS_ARGS: JSON.stringify({ dir, port: sim.port, date: FRIDAY, killAt: kill }),
      });
    const problems: string[] = [];
    const killed = await child(killAt);
    // A run with fewer steps than killAt ends before it: then it simply finished.
    if (killed.signal !== 'SIGKILL' && !killed.out)
      problems.push(`first run: ${killed.exitCode} ${killed.stderr.slice(-500)}`);
    const resumed = await child(null);
    if (!resumed.out) problems.push(`resumed: ${resumed.exitCode} ${resumed.stderr.slice(-500)}`);
    const items = ledgerOf(dir);
    if (items.length === 0) problems.push('no instructor was ready');
    for (const item of items) {
      const made = sim.state.transfers.items.filter(
        (t) => t.transferGroup === `payout-${FRIDAY}` && t.destination === item.account,
      );
      // The marketplace's platform balance may not cover everyone: Stripe refuses, nothing is made, it stays owed.
      if (item.state === 'failed' && item.code === 'balance_insufficient') {
        if (made.length !== 0) problems.push(`${item.instructor}: refused, yet ${made.length} transfers`);
        if (item.payable === 0) problems.push(`${item.instructor}: refused, yet nothing owed`);
        continue;
      }
      if (made.length !== 1) problems.push(`${item.instructor}: ${made.length} transfers`);
      if (item.state !== 'succeeded' || item.transfer !== made[0]?.id)
        problems.push(`${item.instructor}: ${item.state}, linked to ${item.transfer}`);
      if (item.payable !== 0) problems.push(`${item.instructor}: instructor_payable ${item.payable}`);
    }
    return {
      problems: problems.map((p) => `seed ${seed} (kill at ${killAt}): ${p}`),
      paid: items.filter((i) => i.state === 'succeeded').length,
    };
  } finally {
    await sim.close();
  }
}

describe('payout runs under SIGKILL', () => {
  it('never pays an instructor twice for a Friday, and pays everyone ready, whatever step the console dies at', async () => {
    const lanes = await Promise.all(
      [0, 1].map(async (lane) => {
        const results = [];
        for (const seed of SEEDS.filter((_, i) => i % 2 === lane)) results.push(await crashAndResume(seed));
        return results;
      }),
    );
    const results = lanes.flat();
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    // Nearly every instructor is paid (a marketplace short of funds may leave one owed).
    expect(results.reduce((sum, r) => sum + r.paid, 0)).toBeGreaterThanOrEqual(2 * SEEDS.length);
    // Two child processes per seed, each syncing a small marketplace: a wide limit for a loaded 2-core machine.
  }, 600_000);
});
