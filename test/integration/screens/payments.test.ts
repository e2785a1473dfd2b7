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

const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);

describe('payments.list', () => {
  it('lists every payment newest first with names, the split in integer pence and the code', async () => {
    const page = await t.ok('support', 'payments.list', {});
    expect(page.total).toBe(5);
    expect(ids(page)).toEqual([m.p5, m.p1, m.p2, m.p3, m.p4]);
    expect(page.rows[2]).toMatchObject({
      type: 'credit_pack',
      status: 'succeeded',
      hours: 4,
      learner: { id: m.ben, name: 'Ben Jones', email: 'ben@example.test' },
      instructor: { id: m.jane, name: 'Jane Smith' },
      totalPence: 10_000,
      instructorPence: 8_200,
      feePence: 1_800,
      discountPence: 1_000,
      refundedPence: 0,
      code: 'WELCOME10',
    });
    for (const row of page.rows) expect(row.instructorPence + row.feePence).toBe(row.totalPence);
    expect(numbersIn(page).every(Number.isSafeInteger)).toBe(true);
  });

  it('pages and sorts in SQL by total and status', async () => {
    const second = await t.ok('finance', 'payments.list', {
      pageSize: 2,
      page: 2,
      sort: { column: 'total', direction: 'asc' },
    });
    expect(second.total).toBe(5);
    expect(second.rows.map((r) => r.totalPence)).toEqual([4000, 5000]); // 3540, 3540 | 4000, 5000 | 10000
    const byStatus = await t.ok('finance', 'payments.list', { sort: { column: 'status', direction: 'asc' } });
    expect(byStatus.rows.map((r) => r.status)).toEqual([
      'failed',
      'pending',
      'refunded',
      'succeeded',
      'succeeded',
    ]);
    const bad = await t.call('finance', 'payments.list', {
      sort: { column: 'learner' as 'total', direction: 'asc' },
    });
    expect(bad.ok).toBe(false);
  });

  it('filters by status, type, instructor, code, London dates and free text', async () => {
    const list = (input: Parameters<typeof t.ok<'payments.list'>>[2]) =>
      t.ok('support', 'payments.list', input);
    expect(ids(await list({ status: 'succeeded' }))).toEqual([m.p1, m.p2]);
    expect(ids(await list({ type: 'credit_pack' }))).toEqual([m.p2]);
    expect(ids(await list({ instructorId: m.bob }))).toEqual([m.p3, m.p4]);
    expect(ids(await list({ code: 'welcome10' }))).toEqual([m.p2]);
    expect(ids(await list({ from: '2026-11-24', to: '2026-11-24' }))).toEqual([m.p2]);
    expect(ids(await list({ from: '2026-11-01' }))).toEqual([m.p5, m.p1, m.p2, m.p3]);
    expect(ids(await list({ to: '2026-10-31' }))).toEqual([m.p4]);
    expect(ids(await list({ q: 'AMIRA' }))).toEqual([m.p5, m.p1, m.p3]);
    expect(ids(await list({ q: 'ben@example' }))).toEqual([m.p2, m.p4]);
    expect(ids(await list({ q: 'pi_3QaaaaJane0001' }))).toEqual([m.p1]);
    expect(ids(await list({ q: '100%' }))).toEqual([]);
    expect(ids(await list({ status: 'succeeded', instructorId: m.bob }))).toEqual([]);
  });

  it('offers the instructors and codes seen on payments as filter options', async () => {
    const facets = await t.ok('support', 'payments.facets', {});
    expect(facets.instructors.map((i) => i.name)).toEqual(['Bob Restricted', 'Jane Smith']);
    expect(facets.codes).toEqual(['WELCOME10']);
  });
});

describe('payments.get', () => {
  it('returns the split, Stripe ids with Dashboard links, balanced journal, the credit row and the audit trail', async () => {
    const detail = await t.ok('support', 'payments.get', { id: m.p1 });
    expect(detail.payment).toMatchObject({
      id: m.p1,
      totalPence: 3540,
      instructorPence: 3000,
      feePence: 540,
    });
    expect(detail.stripe.paymentIntent).toEqual({
      id: 'pi_3QaaaaJane0001',
      url: 'https://dashboard.stripe.com/test/payments/pi_3QaaaaJane0001',
    });
    expect(detail.stripe.charge?.id).toBe('ch_3QaaaaJane0001');
    expect(detail.journal.map((j) => j.kind)).toEqual(['payment', 'stripe_fee', 'lesson_completion']);
    for (const tx of detail.journal) {
      expect(tx.totalPence).toBe(0);
      expect(tx.lines.reduce((s, l) => s + l.amountPence, 0)).toBe(0);
    }
    expect(detail.journal[2]!.lines.map((l) => l.account)).toEqual([
      `learner_prepaid:${m.amira}:${m.jane}`,
      `instructor_payable:${m.jane}`,
      'platform_fee_revenue',
    ]);
    expect(detail.credit).toMatchObject({
      hoursPurchased: 1,
      hoursUsed: 1,
      hoursRefunded: 0,
      isActive: true,
    });
    expect(detail.audit).toHaveLength(1);
    expect(detail.audit[0]).toMatchObject({ entityId: m.p1, action: 'sync_update', actor: 'sync' });
    expect(numbersIn(detail).every(Number.isSafeInteger)).toBe(true);
  });

  it('lists the refunds of a refunded payment and has no charge link when the charge is not synced', async () => {
    const detail = await t.ok('finance', 'payments.get', { id: m.p3 });
    expect(detail.refunds).toHaveLength(1);
    expect(detail.refunds[0]).toMatchObject({ amountPence: 5_000, status: 'succeeded' });
    expect(detail.stripe.charge).toBeNull();
    expect(detail.journal.map((j) => j.totalPence)).toEqual([0, 0]);
    // The credit line says the refunded hour went back, not that it was used.
    expect(detail.credit).toMatchObject({ hoursPurchased: 1, hoursUsed: 0, hoursRefunded: 1 });
  });

  it('answers not_found for an unknown payment and refuses callers who are not signed in', async () => {
    const missing = await t.call('support', 'payments.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok === false && missing.error.code).toBe('not_found');
    const anonymous = await t.call('nobody', 'payments.list', {});
    expect(anonymous.ok === false && anonymous.error.code).toBe('unauthenticated');
  });
});
