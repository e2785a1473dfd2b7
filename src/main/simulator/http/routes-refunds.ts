// /v1/refunds: against a charge or a payment intent.
import type { Route } from './route';
import { listByPayment } from './list-by-payment';
import { one, params } from './route';
import { invalidRequest } from '../core/errors';
import { getPayment, getPaymentByCharge } from '../ops/payments';
import { createRefund, getRefund } from '../ops/refunds';
import { renderRefund } from '../render/others';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

export const refundRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/refunds',
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
        throw invalidRequest(
          'One of the following params should be provided for this request: payment_intent or charge.',
          'charge',
          'parameter_missing',
        );
      const payment = charge
        ? getPaymentByCharge(ctx.state, charge, ctx.account)
        : getPayment(ctx.state, intent!, ctx.account);
      if (charge && intent && payment.id !== intent)
        throw invalidRequest('The charge does not belong to that PaymentIntent.', 'payment_intent');
      const reason = p.str('reason');
      if (reason !== undefined && !REASONS.includes(reason)) {
        throw invalidRequest(
          `Invalid reason: must be one of ${REASONS.join(', ')}`,
          'reason',
          'parameter_invalid_string',
        );
      }
      const r = createRefund(ctx.state, {
        paymentId: payment.id,
        amount: p.int('amount'),
        reason: reason ?? null,
        metadata: p.metadata(),
      });
      return one(ctx, p, renderRefund(ctx.state, r));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/refunds',
    handler: listByPayment('/v1/refunds', (s) => s.refunds, renderRefund),
  },
  {
    method: 'GET',
    pattern: '/v1/refunds/:id',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderRefund(ctx.state, getRefund(ctx.state, ctx.path.id!, ctx.account))),
  },
];
