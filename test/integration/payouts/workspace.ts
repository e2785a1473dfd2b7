// The workspace each payouts test file works in: a small simulated marketplace synced into a console, its lesson
// completions imported by finance, operators of every role signed in — and the reads the files share.
import { expect } from 'vitest';
import { contractCaller } from '../sync/harness';
import { chromiumPdf } from '../../../src/main/documents/chromium-pdf';
import type { ScenarioOptions } from '../../../src/main/simulator/index';
import { syncedWorkspace, type Operator } from '../sync/workspace';

export const OPERATORS: Operator[] = [
  { username: 'fin', name: 'Fin Ance', role: 'finance' },
  { username: 'man', name: 'Mandy Ager', role: 'manager' },
  { username: 'sup', name: 'Sue Port', role: 'support' },
];

/** A Friday long after the scenario: every earning is payable by then. */
export const FRIDAY = '2026-11-27';

export function payoutsWorkspace(
  seed: number,
  scenario: ScenarioOptions = {},
  core: Parameters<typeof syncedWorkspace>[0]['core'] = {},
) {
  const w = syncedWorkspace({
    seed,
    operators: OPERATORS,
    scenario,
    core: { seed, pdf: chromiumPdf(), ...core },
    then: async (c, sim) => {
      await contractCaller(c.core)('fin', 'completions.import', {
        fileName: 'completions.csv',
        csv: sim.scenario!.completionsCsv(),
      });
    },
  });
  /** Finance prepares and executes a Friday's run, its writes end done and are synced: the run as a manager sees it. */
  async function runFriday(date: string) {
    const { run } = await w.call('fin', 'payouts.prepare', { date });
    const executed = await w.call('fin', 'payouts.execute', {
      runId: run.id,
      totalPence: run.totalPence,
      count: run.ready,
    });
    if (executed.run.jobId) {
      const job = await w.ended(executed.run.jobId);
      expect(job.state, job.message).toBe('done');
    }
    await w.sync();
    return w.call('man', 'payouts.run', { runId: run.id });
  }

  /**
   * Finance asks for every unused hour of a payment and `used` hours used in lessons, a manager approves: the quote's
   * option asked for and how the request's writes ended (not yet synced).
   */
  async function refundUsed(paymentId: string, used: number) {
    const quote = await w.call('fin', 'refunds.quote', { paymentId });
    const option = quote.options.find((o) => o.usedHours === used)!;
    const { requestId } = await w.call('fin', 'refunds.request', {
      paymentId,
      hours: option.hours,
      reason: 'requested_by_customer',
      note: 'Lesson not as booked',
    });
    const decided = await w.call('man', 'refunds.decide', { requestId, decision: 'approve', note: 'ok' });
    const job = await w.ended(decided.jobId, 'man');
    return { requestId, option, quote, job };
  }

  return Object.assign(w, {
    runFriday,
    refundUsed,
    /** Transfers in the simulator for a Friday's group, per destination account. */
    transfersOf: (date: string) => {
      const byAccount = new Map<string, number>();
      for (const t of w.sim.state.transfers.items)
        if (t.transferGroup === `payout-${date}`)
          byAccount.set(t.destination, (byAccount.get(t.destination) ?? 0) + 1);
      return byAccount;
    },
    /** The ledger's instructor_payable balance of an instructor (a credit is negative). */
    payable: (instructorId: string) =>
      w.c.core.services.sqlite
        .prepare('SELECT ifnull(sum(amount_pence), 0) FROM journal_lines WHERE account = ?')
        .pluck()
        .get(`instructor_payable:${instructorId}`) as number,
  });
}
