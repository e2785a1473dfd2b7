// The payments domain's part of the projection: a PaymentIntent with its charges, refunds and disputes is one
// payment; each charge's Stripe fee is a root of its own.
import type { DomainProjection } from '../projection/registry';
import { idOf } from '../stripe/json';
import { projectPayment } from './projectors/payment';
import { paymentKeyOfCharge, projectStripeFee } from './projectors/stripe-fee';

export const paymentsProjection: DomainProjection = {
  domain: 'payments',
  projectors: { payment: projectPayment, fee: projectStripeFee },
  routes: {
    payment_intent: (pi) => `payment:${pi.id}`,
    charge: (c) => `payment:${paymentKeyOfCharge(c)}`,
    refund: paymentOfChild,
    dispute: paymentOfChild,
    balance_transaction: (bt) => {
      const source = idOf(bt.source);
      return source?.startsWith('ch_') || source?.startsWith('py_') ? `fee:${bt.id}` : null;
    },
  },
  tables: [
    { name: 'payments', kind: 'projected', hash: 'SELECT * FROM payments ORDER BY id' },
    { name: 'refunds', kind: 'projected', hash: 'SELECT * FROM refunds ORDER BY id' },
    // Kept by triggers on payments (the totals line's sums by day): written whenever payments are.
    { name: 'payment_day_totals', kind: 'projected' },
  ],
};

/** A refund or dispute belongs to its PaymentIntent's payment (or its charge's, for a charge without one). */
function paymentOfChild(o: Record<string, unknown>): string | null {
  const key = idOf(o.payment_intent) ?? idOf(o.charge);
  return key ? `payment:${key}` : null;
}
