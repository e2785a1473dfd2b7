// Property over random anomaly-free marketplaces (the scenario's `anomalies: false`): reconciling their whole
// history and any one of their weeks finds no discrepancy, both liability roll-forwards close, and the figures read
// from totals are what the rows add up to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import type { ReconPeriod } from '../../../src/shared/contract/recon';
import {
  connectAndSync,
  contractCaller,
  openSyncCore,
  signedInOperators,
  startSmallSimulator,
} from '../sync/harness';
import { spanOf } from '../../../src/main/recon/period';
import { expectFiguresAsRows } from './figures-from-rows';
import { importScenarioCompletions, reconcile } from './workspace';

/** Mondays on or after the scenarios' first day (1 July 2026, a Wednesday). */
const FIRST_MONDAY = '2026-07-06';

interface Marketplace {
  seed: number;
  weeks: number;
  instructors: number;
  paymentsPerWeek: number;
  refundBps: number;
  disputeBps: number;
  codeBps: number;
  creditPackBps: number;
  week: number;
}

const marketplaces = fc.record({
  seed: fc.integer({ min: 1, max: 100_000 }),
  weeks: fc.integer({ min: 2, max: 4 }),
  instructors: fc.integer({ min: 2, max: 5 }),
  paymentsPerWeek: fc.integer({ min: 5, max: 20 }),
  refundBps: fc.integer({ min: 0, max: 3000 }),
  disputeBps: fc.integer({ min: 0, max: 1000 }),
  codeBps: fc.integer({ min: 0, max: 5000 }),
  creditPackBps: fc.integer({ min: 0, max: 6000 }),
  week: fc.nat(),
});

async function reconcilesClean(m: Marketplace): Promise<void> {
  const sim = await startSmallSimulator(m.seed, {
    anomalies: false,
    weeks: m.weeks,
    instructors: m.instructors,
    learners: m.instructors * 6,
    paymentsPerWeek: m.paymentsPerWeek,
    refundBps: m.refundBps,
    disputeBps: m.disputeBps,
    codeBps: m.codeBps,
    creditPackBps: m.creditPackBps,
    paidFridays: m.weeks - 1,
  });
  const c = await openSyncCore(sim.port, { seed: m.seed });
  try {
    expect(sim.scenario!.anomalies).toEqual([]);
    expect((await connectAndSync(c.core))?.state).toBe('done');
    await signedInOperators(c.core, [{ username: 'fin', name: 'Fin Ance', role: 'finance' }]);
    importScenarioCompletions(c, sim);
    const call = contractCaller(c.core);
    const monday = addDays(FIRST_MONDAY, 7 * (m.week % (m.weeks - 1)));
    const periods: ReconPeriod[] = [
      { kind: 'custom', from: sim.scenario!.startDate, to: addDays(sim.scenario!.startDate, m.weeks * 7) },
      { kind: 'week', from: monday, to: addDays(monday, 6) },
    ];
    for (const period of periods) {
      const r = await reconcile(call, 'fin', period);
      const where = `${JSON.stringify(m)} ${period.from}…${period.to}`;
      expect(r.discrepancies, where).toEqual([]);
      expect(r.status, where).toBe('reconciled');
      // The figures read from the payments' and earnings' totals are what their rows add up to.
      expectFiguresAsRows(c.core.services.sqlite, spanOf(period), r.figures, where);
      for (const rf of r.figures.rollForwards) {
        expect(rf.differencePence, `${where} ${rf.account}`).toBe(0);
        expect(rf.openingPence + rf.inPence - rf.outPence, `${where} ${rf.account}`).toBe(rf.closingPence);
      }
    }
  } finally {
    c.close();
    await sim.close();
  }
}

describe('reconciliation over random anomaly-free marketplaces', () => {
  it('finds no discrepancy over the whole history or a week, and both roll-forwards close', async () => {
    await fc.assert(fc.asyncProperty(marketplaces, reconcilesClean), { numRuns: 12, seed: 20261202 });
  }, 300_000);
});
