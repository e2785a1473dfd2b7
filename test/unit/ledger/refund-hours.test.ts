import { describe, expect, it } from 'vitest';
import { refundShares } from '../../../src/main/payments/projectors/refund-hours';
import type { StripeJson } from '../../../src/main/stripe/json';

const refund = (id: string, amount: number, status = 'succeeded', metadata: Record<string, string> = {}) =>
  ({ id, object: 'refund', amount, status, metadata, created: 1 }) as StripeJson;

describe('refund hours', () => {
  const p = { paid: 10_000, discount: 1000, instructor: 8475, hours: 3 };

  it('recognises refunds of whole unused hours from the back, one after another', () => {
    const shares = refundShares([refund('re_1', 3333), refund('re_2', 3334)], p);
    expect(shares.map((s) => [s.hours, s.discountShare])).toEqual([
      [1, 333],
      [1, 334],
    ]);
  });

  it('prefers lplate_refund_hours from the metadata', () => {
    const [s] = refundShares([refund('re_1', 5000, 'succeeded', { lplate_refund_hours: '2' })], p);
    expect(s!.hours).toBe(2);
    expect(s!.discountShare).toBe(667);
    // A refund of an amount below its hours' share (6667p): the platform keeps the rest.
    expect(s!.kept).toBe(1667);
  });

  it('gives a failed refund its hours back to the next refund', () => {
    const shares = refundShares([refund('re_1', 3333, 'failed'), refund('re_2', 3333)], p);
    expect(shares.map((s) => s.hours)).toEqual([1, 1]);
    expect(shares[1]!.discountShare).toBe(333);
  });

  it('carries a pro-rata discount share for a refund of an amount that is not whole hours', () => {
    const [s] = refundShares([refund('re_1', 5000)], p);
    expect(s!.hours).toBeNull();
    expect(s!.discountShare).toBe(500);
  });
});
