// The payout schedule in a real process, SIGKILLed around the moment it prepares a Friday's run — inside the firing
// before it commits, between the firing and the auto-execution, inside the execution's commit, and at each step of
// the first transfer — then started again: exactly one prepared run for that Friday, one firing in the audit log,
// and never two transfers to an instructor for it (a run killed before it was executed stays prepared for finance;
// one executed always has its job).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmallSimulator } from '../integration/sync/harness';
import { runScript, type ChildRun } from './child-process';

const CHILD = fileURLToPath(new URL('./schedule-child.ts', import.meta.url));
const FRIDAY = '2026-11-27';
/** Half an hour after the policy's Friday 10:00 (GMT in November). */
const FIRES_AT = Date.parse('2026-11-27T10:30:00Z');

interface Kill {
  name: string;
  killOn?: string;
  killAt?: number;
  /** Killed before the execution committed: the run stays prepared, nothing sent. */
  executed: boolean;
}

const KILLS: Kill[] = [
  { name: 'inside the firing, before it commits', killOn: 'INSERT INTO payout_runs', executed: true },
  { name: 'between the firing and the auto-execution', killOn: 'SET executed_by', executed: false },
  // Its writes and its job are one commit: killed before the job is stamped, nothing of the execution stays.
  { name: 'as the execution stamps its job', killOn: 'SET job_id', executed: false },
  { name: 'before the first transfer is sent', killAt: 1, executed: true },
  { name: 'after Stripe made the first transfer', killAt: 2, executed: true },
  { name: 'while committing the first transfer', killAt: 3, executed: true },
];

type Run = ChildRun<{ state: string; steps: number }>;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function workspaceOf(dir: string) {
  const db = new Database(join(dir, 'lplate.sqlite'), { readonly: true });
  try {
    const runs = db
      .prepare(
        'SELECT id, source, executed_at AS executedAt, job_id AS jobId FROM payout_runs WHERE payout_date = ?',
      )
      .all(FRIDAY) as { id: string; source: string; executedAt: number | null; jobId: string | null }[];
    const firings = db
      .prepare(
        "SELECT count(*) FROM audit_logs WHERE entity_type = 'payout_schedule' AND action = 'fired' AND entity_id = ?",
      )
      .pluck()
      .get(FRIDAY) as number;
    const items = db
      .prepare(
        `SELECT i.instructor_id AS instructor, a.stripe_account_id AS account, q.state, q.error_code AS code
         FROM payout_run_items i JOIN payout_runs r ON r.id = i.run_id
         JOIN stripe_connect_accounts a ON a.instructor_id = i.instructor_id
         LEFT JOIN stripe_requests q ON q.id = i.request_id WHERE r.payout_date = ? AND i.status = 'ready'`,
      )
      .all(FRIDAY) as { instructor: string; account: string; state: string | null; code: string | null }[];
    return { runs, firings, items };
  } finally {
    db.close();
  }
}

async function killAndRestart(kill: Kill, seed: number): Promise<string[]> {
  const sim = await startSmallSimulator(seed);
  sim.control.setPayoutSchedule('manual'); // funds for the whole run stay in the platform balance
  sim.control.advance(7 * 86_400);
  const dir = mkdtempSync(join(tmpdir(), 'lplate-schedule-restart-'));
  dirs.push(dir);
  const problems: string[] = [];
  try {
    const child = (phase: 'setup' | 'fire', k: Partial<Kill> = {}): Promise<Run> =>
      runScript(CHILD, {
        LPLATE_SCHEDULE_ARGS: JSON.stringify({
          dir,
          port: sim.port,
          phase,
          date: FRIDAY,
          now: FIRES_AT,
          killOn: k.killOn ?? null,
          killAt: k.killAt ?? null,
        }),
      });
    const setup = await child('setup');
    if (!setup.out) return [`setup: ${setup.exitCode} ${setup.stderr.slice(-800)}`];
    const killed = await child('fire', kill);
    if (killed.signal !== 'SIGKILL')
      problems.push(`not killed: ${killed.exitCode} ${killed.stderr.slice(-500)}`);
    const restarted = await child('fire');
    if (!restarted.out) problems.push(`restarted: ${restarted.exitCode} ${restarted.stderr.slice(-800)}`);
    const w = workspaceOf(dir);
    if (w.runs.length !== 1) problems.push(`${w.runs.length} runs for ${FRIDAY}`);
    if (w.runs[0]?.source !== 'schedule') problems.push(`run source ${w.runs[0]?.source}`);
    if (w.firings !== 1) problems.push(`${w.firings} firings audited`);
    if (w.items.length === 0) problems.push('nobody was ready');
    const executed = w.runs[0]?.executedAt != null;
    if (executed !== kill.executed)
      problems.push(`executed: ${executed} (state ${restarted.out?.state ?? killed.out?.state})`);
    // An executed run always has the job that follows its transfers (stamped with its writes, in one commit).
    if (executed && !w.runs[0]?.jobId) problems.push('executed without a job');
    for (const item of w.items) {
      const made = sim.state.transfers.items.filter(
        (t) => t.transferGroup === `payout-${FRIDAY}` && t.destination === item.account,
      ).length;
      const refused = item.state === 'failed' && item.code === 'balance_insufficient';
      const expected = !kill.executed || refused ? 0 : 1;
      if (made !== expected) problems.push(`${item.instructor}: ${made} transfers (${item.state})`);
      if (kill.executed && !refused && item.state !== 'succeeded')
        problems.push(`${item.instructor}: ${item.state}`);
    }
  } finally {
    await sim.close();
  }
  return problems.map((p) => `${kill.name}: ${p}`);
}

describe('the payout schedule killed around a Friday’s firing', () => {
  it('prepares exactly one run for the Friday and never sends a transfer twice after a restart', async () => {
    const lanes = await Promise.all(
      [0, 1].map(async (lane) => {
        const problems: string[] = [];
        for (const [i, kill] of KILLS.entries())
          if (i % 2 === lane) problems.push(...(await killAndRestart(kill, 601 + i)));
        return problems;
      }),
    );
    expect(lanes.flat()).toEqual([]);
    // Three child processes per kill point, each opening a synced small marketplace: wide for a loaded machine.
  }, 900_000);
});
