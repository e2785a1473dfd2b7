// The background refresh of the kept Stripe read (src/main/recon/kept-warm.ts) also proves the ledger's invariants
// again where something changed (invariant-proof.ts), so a month-end run proves only what changed after the refresh.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/main/clock';
import { REFRESH_EVERY_MS } from '../../../src/main/recon/kept-warm';
import { payLesson } from '../../fixtures/lesson-payment';
import { syncedWorkspace } from '../sync/workspace';
import { importScenarioCompletions, JULY, runJob } from './workspace';

/** 10 August 2026: July is last month. */
const clock: Clock & { at: number } = { at: Date.parse('2026-08-10T09:00:00Z'), now: () => clock.at };
const ws = syncedWorkspace({
  seed: 31,
  operators: [{ username: 'fin', name: 'Fin Ance', role: 'finance' }],
  core: { clock },
  then: async (c, sim) => importScenarioCompletions(c, sim),
});
const db = () => ws.c.core.services.sqlite;
const noted = () => db().prepare('SELECT count(*) FROM ledger_unproven').pluck().get();
const proofs = () => db().prepare('SELECT count(*) FROM ledger_proof').pluck().get();

async function refreshed() {
  clock.at += REFRESH_EVERY_MS;
  const jobId = ws.c.core.keptRead.tick();
  expect(jobId).not.toBeNull();
  return ws.ended(jobId);
}

describe('the background refresh and the ledger’s invariants', () => {
  it('proves them at each refresh where something changed, so a run proves only what changed after it', async () => {
    // Never checked yet: the first refresh proves the whole ledger.
    expect(proofs()).toBe(0);
    expect((await refreshed()).state).toBe('done');
    expect(proofs()).toBe(1);
    expect(noted()).toBe(0);
    // A lesson paid and synced touches its learner's prepaid and its instructor's payable accounts.
    const s = ws.sim.scenario!;
    await payLesson(ws.stripe(), s.learners[4]!, s.instructors[1]!);
    await ws.sync();
    expect(noted()).toBeGreaterThan(0);
    expect((await refreshed()).state).toBe('done');
    expect(noted()).toBe(0);
    // A run of July finds the ledger as the proof has it, with nothing left to prove.
    const run = await runJob(ws.call, 'fin', JULY);
    const { discrepancies } = await ws.call('fin', 'recon.get', { reportId: run.resultId! });
    expect(discrepancies.filter((d) => d.kind === 'ledger_invariant')).toEqual([]);
    expect(noted()).toBe(0);
  });

  it('keeps no proof of a ledger that breaks an invariant: the run finds what is wrong', async () => {
    // A learner's prepaid moved by hand, as a bad write would: the refresh checks it and keeps nothing.
    const line = db()
      .prepare(
        "SELECT transaction_id, line_no FROM journal_lines WHERE account LIKE 'learner_prepaid:%' LIMIT 1",
      )
      .get() as { transaction_id: string; line_no: number };
    db()
      .prepare(
        'UPDATE journal_lines SET amount_pence = amount_pence + 1 WHERE transaction_id = ? AND line_no = ?',
      )
      .run(line.transaction_id, line.line_no);
    expect(noted()).toBeGreaterThan(0);
    expect((await refreshed()).state).toBe('done');
    expect(noted()).toBeGreaterThan(0);
    const run = await runJob(ws.call, 'fin', JULY);
    const { discrepancies } = await ws.call('fin', 'recon.get', { reportId: run.resultId! });
    expect(discrepancies.some((d) => d.kind === 'ledger_invariant')).toBe(true);
  });
});
