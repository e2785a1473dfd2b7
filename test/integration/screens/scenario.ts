// A small marketplace written straight into the tables (see test/fixtures/screen-rows.ts) for the screens' read methods:
// four instructors in every Connect state, two learners, five payments over two months, a refund, credits and a journal.
import { ScreenRows } from '../../fixtures/screen-rows';
import type { TestCore } from '../../fixtures/core';

export const at = (iso: string) => Date.parse(iso);

export function buildMarketplace(t: TestCore) {
  const rows = new ScreenRows(t.core.services.sqlite, t.clock.now());
  const jane = rows.instructor('Jane Smith', 3000, { requirementsDue: [] });
  const bob = rows.instructor('Bob Restricted', 3200, {
    status: 'restricted',
    payoutsEnabled: false,
    disabledReason: 'requirements.past_due',
    requirementsDue: ['individual.verification.document'],
  });
  const carl = rows.instructor('Carl Noaccount', 2800, null);
  const dee = rows.instructor('Dee Pending', 2900, { status: 'pending', payoutsEnabled: false });
  const amira = rows.user('Amira Khan', 'amira.khan@example.test');
  const ben = rows.user('Ben Jones', 'ben@example.test');
  const welcome = rows.discountCode('WELCOME10', 10);

  // Wed 25 Nov 2026 is "today" (the test clock); the week began Mon 23 Nov.
  const p1 = rows.payment({
    learnerId: amira,
    instructorId: jane,
    createdAt: at('2026-11-25T08:00:00Z'),
    totalPence: 3540,
    feePence: 540,
    paymentIntentId: 'pi_3QaaaaJane0001',
  });
  const p2 = rows.payment({
    learnerId: ben,
    instructorId: jane,
    createdAt: at('2026-11-24T10:00:00Z'),
    totalPence: 10_000,
    feePence: 1_800,
    discountPence: 1_000,
    discountCodeId: welcome,
    type: 'credit_pack',
    hours: 4,
  });
  const p3 = rows.payment({
    learnerId: amira,
    instructorId: bob,
    createdAt: at('2026-11-20T12:00:00Z'),
    totalPence: 5_000,
    feePence: 900,
    status: 'refunded',
    refundedPence: 5_000,
  });
  const p4 = rows.payment({
    learnerId: ben,
    instructorId: bob,
    createdAt: at('2026-10-15T12:00:00Z'),
    totalPence: 4_000,
    feePence: 720,
    status: 'failed',
  });
  const p5 = rows.payment({
    learnerId: amira,
    instructorId: jane,
    createdAt: at('2026-11-25T08:30:00Z'),
    totalPence: 3_540,
    feePence: 540,
    status: 'pending',
  });
  rows.refund(p3, 5_000, at('2026-11-21T09:00:00Z'), 'succeeded', 1);

  rows.stripeObject('pi_3QaaaaJane0001', 'payment_intent', { latest_charge: 'ch_3QaaaaJane0001' });
  const prepaid = (learner: string, instructor: string) => `learner_prepaid:${learner}:${instructor}`;
  rows.journal(
    'payment',
    at('2026-11-25T08:00:00Z'),
    [
      ['stripe_balance', 3540],
      [prepaid(amira, jane), -3540],
    ],
    { paymentId: p1, learnerId: amira, instructorId: jane },
  );
  rows.journal(
    'stripe_fee',
    at('2026-11-25T08:00:00Z'),
    [
      ['stripe_fees_expense', 80],
      ['stripe_balance', -80],
    ],
    { paymentId: p1 },
  );
  rows.journal(
    'lesson_completion',
    at('2026-11-25T08:45:00Z'),
    [
      [prepaid(amira, jane), 3540],
      [`instructor_payable:${jane}`, -3000],
      ['platform_fee_revenue', -540],
    ],
    { paymentId: p1, learnerId: amira, instructorId: jane },
  );
  rows.journal(
    'payment',
    at('2026-11-24T10:00:00Z'),
    [
      ['stripe_balance', 10_000],
      [prepaid(ben, jane), -10_000],
    ],
    { paymentId: p2 },
  );
  rows.journal(
    'payment',
    at('2026-11-20T12:00:00Z'),
    [
      ['stripe_balance', 5_000],
      [prepaid(amira, bob), -5_000],
    ],
    { paymentId: p3 },
  );
  rows.journal(
    'refund',
    at('2026-11-21T09:00:00Z'),
    [
      [prepaid(amira, bob), 5_000],
      ['stripe_balance', -5_000],
    ],
    { paymentId: p3 },
  );

  rows.credit(amira, jane, 1, 1);
  rows.credit(ben, jane, 4, 0);
  rows.credit(amira, bob, 1, 0, 1); // bought one hour, refunded in full: nothing left
  rows.earning(p1, amira, jane, 3_000, 'owed');
  rows.earning(p2, ben, jane, 2_050, 'paid');
  // The transfer that paid it, as the ledger records it (the Instructors page counts paid from the journal).
  rows.journal(
    'transfer',
    at('2026-11-27T10:00:00Z'),
    [
      [`instructor_payable:${jane}`, 2_050],
      ['stripe_balance', -2_050],
    ],
    { instructorId: jane },
  );
  rows.earning(p2, ben, jane, 999, 'cancelled');
  rows.audit('payment', p1, 'sync_update', { status: 'succeeded', total_amount_pence: 3540 });

  return { rows, jane, bob, carl, dee, amira, ben, p1, p2, p3, p4, p5 };
}

/** Every number in a value, at any depth, for "amounts are integers" checks. */
export function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}
