// /v1/refunds: against a charge or a payment intent; metadata updates.
import type { Route } from './route';
import { listByPayment } from './list-by-payment';
import { one, params } from './route';
import { paramError } from '../core/errors';
import { getPayment, getPaymentByCharge } from '../ops/payments';
import { createRefund, getRefund, updateRefund } from '../ops/refunds';
import { renderRefund } from '../render/others';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export const refundRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/refunds',
    resource: 'refund',
    handler: (ctx) => {
      const p = params(ctx, [
        'charge',
        'payment_intent',
        'amount',
        'reason',
        'metadata',
        'instructions_email',
      ]);
      const charge = p.str('charge');
      const intent = p.str('payment_intent');
      if (!charge && !intent)
        throw paramError(
          'One of the following params should be provided for this request: payment_intent or charge.',
          'charge',
          'parameter_missing',
        );
      const amount = p.positiveInt('amount');
      const reason = p.oneOf('reason', REASONS);
      const metadata = p.metadata();
      const payment = charge
        ? getPaymentByCharge(ctx.state, charge, ctx.account)
        : getPayment(ctx.state, intent!, ctx.account);
      if (charge && intent && payment.id !== intent)
        throw paramError('The charge does not belong to that PaymentIntent.', 'payment_intent');
      const r = createRefund(ctx.state, { paymentId: payment.id, amount, reason: reason ?? null, metadata });
      return one(ctx, p, renderRefund(ctx.state, r));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/refunds',
    resource: 'refund',
    handler: listByPayment('/v1/refunds', (s) => s.refunds, renderRefund),
  },
  {
    method: 'GET',
    pattern: '/v1/refunds/:id',
    resource: 'refund',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderRefund(ctx.state, getRefund(ctx.state, ctx.path.id!, ctx.account))),
  },
  {
    method: 'POST',
    pattern: '/v1/refunds/:id',
    resource: 'refund',
    handler: (ctx) => {
      const p = params(ctx, ['metadata']);
      const r = updateRefund(ctx.state, ctx.path.id!, ctx.account, p.metadata());
      return one(ctx, p, renderRefund(ctx.state, r));
    },
  },
];
