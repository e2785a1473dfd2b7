import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, PASSWORD, withOperators, type TestCore } from '../../fixtures/core';
import { writeState } from '../../../src/main/sync/state';
import { buildMarketplace, numbersIn } from './scenario';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore(); // the clock reads Wed 25 Nov 2026 09:00 London
  await withOperators(t);
});
afterEach(() => t.close());

/** Moves the clock and signs in again (the idle lock would otherwise end the session). */
async function moveClock(ms: number) {
  t.clock.advance(ms);
  await t.ok('finance', 'auth.signIn', { username: 'finance', password: PASSWORD });
}

describe('overview.summary', () => {
  it('says there is no data yet on an empty workspace instead of showing zeros as figures', async () => {
    const summary = await t.ok('support', 'overview.summary', { period: 'week' });
    expect(summary.hasData).toBe(false);
    expect(summary.stripeReported).toBeNull();
  });

  it('sums this week so far (from Monday) against last week by the same time, with a daily series', async () => {
    buildMarketplace(t);
    const s = await t.ok('support', 'overview.summary', { period: 'week' });
    expect(s.hasData).toBe(true);
    expect(s.range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(s.previousRange).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    const k = s.kpis;
    // Captured payments only: the pending one is not volume. Last week is compared up to Wed 09:00, before
    // the (later refunded) payment of Fri 20 Nov.
    expect([k.grossVolume.valuePence, k.grossVolume.previousPence]).toEqual([13_540, 0]);
    expect(k.grossVolume.series).toEqual([
      { day: '2026-11-23', pence: 0 },
      { day: '2026-11-24', pence: 10_000 },
      { day: '2026-11-25', pence: 3_540 },
    ]);
    expect([k.platformFee.valuePence, k.platformFee.previousPence]).toEqual([2_340, 0]);
    expect([k.refunds.valuePence, k.refunds.previousPence]).toEqual([0, 0]);
    expect([k.stripeBalance.valuePence, k.stripeBalance.previousPence]).toEqual([13_460, 0]);
    expect(k.stripeBalance.series.map((p) => p.pence)).toEqual([0, 10_000, 13_460]);
    expect([k.instructorPayable.valuePence, k.instructorPayable.previousPence]).toEqual([3_000, 0]);
    expect([k.learnerPrepaid.valuePence, k.learnerPrepaid.previousPence]).toEqual([10_000, 0]);
    expect(numbersIn(s).every(Number.isSafeInteger)).toBe(true);
  });

  it('compares a week, today and this month with the previous period up to the same point', async () => {
    buildMarketplace(t);
    await moveClock(4 * 86_400_000 + 3 * 3_600_000); // Sun 29 Nov 12:00: last week is compared up to Sun 22 Nov 12:00
    const week = await t.ok('finance', 'overview.summary', { period: 'week' });
    expect([week.kpis.grossVolume.valuePence, week.kpis.grossVolume.previousPence]).toEqual([13_540, 5_000]);
    expect([week.kpis.platformFee.valuePence, week.kpis.platformFee.previousPence]).toEqual([2_340, 900]);
    expect([week.kpis.refunds.valuePence, week.kpis.refunds.previousPence]).toEqual([0, 5_000]);
    expect(week.kpis.grossVolume.series).toHaveLength(7);
    await moveClock(-4 * 86_400_000 + 6 * 3_600_000); // Wed 25 Nov 18:00: yesterday is compared up to 18:00
    const today = await t.ok('finance', 'overview.summary', { period: 'today' });
    expect(today.range).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect([today.kpis.grossVolume.valuePence, today.kpis.grossVolume.previousPence]).toEqual([
      3_540, 10_000,
    ]);
    expect(today.kpis.grossVolume.series).toHaveLength(7);
    expect(today.kpis.stripeBalance.previousPence).toBe(10_000);
    expect(today.kpis.refunds.series.find((p) => p.day === '2026-11-21')?.pence).toBe(5_000);
    const month = await t.ok('finance', 'overview.summary', { period: 'month' });
    expect(month.range).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(month.previousRange).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect([month.kpis.grossVolume.valuePence, month.kpis.grossVolume.previousPence]).toEqual([18_540, 0]);
    expect(month.kpis.grossVolume.series).toHaveLength(25);
  });

  it("reads Stripe's own last synced balance (GBP available + pending) to set against the ledger", async () => {
    buildMarketplace(t);
    writeState(
      t.core.services.sqlite,
      'stripe_balance',
      { pence: 13_460, observedAt: t.clock.now() - 60_000 },
      t.clock.now(),
    );
    const s = await t.ok('support', 'overview.summary', { period: 'today' });
    expect(s.stripeReported).toEqual({
      pence: 13_460,
      observedAt: t.clock.now() - 60_000,
      refundsNotYetPaidPence: 0,
    });
    expect(s.kpis.stripeBalance.valuePence).toBe(13_460);
  });
});
