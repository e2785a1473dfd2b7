import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, withOperators, type TestCore } from '../../fixtures/core';
import { buildMarketplace, numbersIn } from './scenario';

let t: TestCore;
let m: ReturnType<typeof buildMarketplace>;
beforeEach(async () => {
  t = await openTestCore();
  await withOperators(t);
  m = buildMarketplace(t);
});
afterEach(() => t.close());

describe('instructors.list', () => {
  it('totals earned, paid, owed and prepaid credits per instructor in integer pence', async () => {
    const page = await t.ok('support', 'instructors.list', {});
    expect(page.total).toBe(4);
    expect(page.rows[0]!.id).toBe(m.jane); // sorted by owed, most first
    expect(page.rows[0]).toMatchObject({
      name: 'Jane Smith',
      hourlyRatePence: 3000,
      earnedPence: 5_050,
      paidPence: 2_050,
      owedPence: 3_000,
      creditHours: 4,
      creditPence: 10_000,
      flag: null,
      connect: { status: 'enabled', chargesEnabled: true, payoutsEnabled: true, requirementsDue: [] },
    });
    const bob = page.rows.find((r) => r.id === m.bob)!;
    expect([bob.creditHours, bob.creditPence]).toEqual([0, 0]); // paid, then refunded with its hour
    expect(numbersIn(page).every(Number.isSafeInteger)).toBe(true);
  });

  it('flags every instructor who cannot be paid, with the reason', async () => {
    const page = await t.ok('finance', 'instructors.list', {
      flagged: true,
      sort: { column: 'name', direction: 'asc' },
    });
    expect(page.rows.map((r) => [r.name, r.flag?.code])).toEqual([
      ['Bob Restricted', 'restricted'],
      ['Carl Noaccount', 'no_account'],
      ['Dee Pending', 'payouts_disabled'],
    ]);
    const [bob, carl, dee] = page.rows;
    expect(bob!.flag!.reason).toContain('requirements past due');
    expect(bob!.connect).toMatchObject({
      payoutsEnabled: false,
      disabledReason: 'requirements.past_due',
      requirementsDue: ['individual.verification.document'],
    });
    expect(bob!.connect!.dashboardUrl).toMatch(
      /^https:\/\/dashboard\.stripe\.com\/test\/connect\/accounts\/acct_/,
    );
    expect(carl!.connect).toBeNull();
    expect(carl!.flag!.reason).toMatch(/No connected Stripe account/);
    expect(dee!.flag!.reason).toMatch(/Payouts disabled/);
    const fine = await t.ok('finance', 'instructors.list', { flagged: false });
    expect(fine.rows.map((r) => r.id)).toEqual([m.jane]);
  });

  it('sorts by name and earned, pages, and searches by name or email', async () => {
    const byName = await t.ok('support', 'instructors.list', { sort: { column: 'name', direction: 'desc' } });
    expect(byName.rows.map((r) => r.name)).toEqual([
      'Jane Smith',
      'Dee Pending',
      'Carl Noaccount',
      'Bob Restricted',
    ]);
    const page2 = await t.ok('support', 'instructors.list', {
      sort: { column: 'name', direction: 'asc' },
      pageSize: 3,
      page: 2,
    });
    expect(page2.total).toBe(4);
    expect(page2.rows.map((r) => r.name)).toEqual(['Jane Smith']);
    const byEarned = await t.ok('support', 'instructors.list', {
      sort: { column: 'earned', direction: 'desc' },
    });
    expect(byEarned.rows[0]!.earnedPence).toBe(5_050);
    const found = await t.ok('support', 'instructors.list', { q: 'dee.pending@' });
    expect(found.rows.map((r) => r.id)).toEqual([m.dee]);
  });
});
