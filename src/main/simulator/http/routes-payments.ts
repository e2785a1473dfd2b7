// /v1/payment_intents and /v1/charges.
import type { Route } from './route';
import { LIST_KEYS } from './params';
import { inScope, list, one, params } from './route';
import { paramError } from '../core/errors';
import { paginate } from '../core/list';
import { createPayment, declineError, getPayment, getPaymentByCharge } from '../ops/payments';
import { renderCharge, renderPaymentIntent } from '../render/payments';

const CREATE_KEYS = [
  'amount',
  'currency',
  'confirm',
  'payment_method',
  'payment_method_types',
  'metadata',
  'transfer_group',
  'description',
  'receipt_email',
  'statement_descriptor_suffix',
  'automatic_payment_methods[enabled]',
  'automatic_payment_methods[allow_redirects]',
];

export const paymentRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/payment_intents',
    resource: 'payment_intent',
    handler: (ctx) => {
      const p = params(ctx, CREATE_KEYS);
      const amount = p.requiredInt('amount');
      p.requiredStr('currency');
      p.currency();
      if (p.bool('confirm') !== true) {
        throw paramError(
          'This simulator only creates confirmed PaymentIntents: pass confirm=true.',
          'confirm',
          'parameter_invalid_boolean',
        );
      }
      const pay = createPayment(ctx.state, {
        amount,
        paymentMethod: p.requiredStr('payment_method'),
        metadata: p.metadata(),
        description: p.str('description') ?? null,
        transferGroup: p.str('transfer_group') ?? null,
        receiptEmail: p.str('receipt_email') ?? null,
        account: ctx.account,
      });
      if (pay.status !== 'succeeded') throw declineError(ctx.state, pay);
      return one(ctx, p, renderPaymentIntent(ctx.state, pay));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/payment_intents',
    resource: 'payment_intent',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'customer']);
      const s = ctx.state;
      // The simulator has no customers: a customer filter matches nothing (every intent's customer is null).
      const customer = p.str('customer');
      const scope = inScope(ctx);
      const page = paginate(
        s.payments.items,
        (id) => s.payments.position(id),
        p.list(),
        (x) => customer === undefined && scope(x),
      );
      return list(ctx, p, '/v1/payment_intents', page, (x) => renderPaymentIntent(s, x));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/payment_intents/:id',
    resource: 'payment_intent',
    handler: (ctx) => {
      const p = params(ctx, ['client_secret']);
      return one(ctx, p, renderPaymentIntent(ctx.state, getPayment(ctx.state, ctx.path.id!, ctx.account)));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/charges',
    resource: 'charge',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'payment_intent', 'transfer_group', 'customer']);
      const s = ctx.state;
      const pi = p.str('payment_intent');
      const group = p.str('transfer_group');
      const customer = p.str('customer');
      const scope = inScope(ctx);
      const page = paginate(
        s.payments.items,
        (id) => s.payments.position(s.chargeToPayment.get(id) ?? ''),
        p.list(),
        (x) =>
          customer === undefined &&
          scope(x) &&
          (pi === undefined || x.id === pi) &&
          (group === undefined || x.transferGroup === group),
      );
      return list(ctx, p, '/v1/charges', page, (x) => renderCharge(s, x));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/charges/:id',
    resource: 'charge',
    handler: (ctx) => {
      const p = params(ctx, []);
      return one(ctx, p, renderCharge(ctx.state, getPaymentByCharge(ctx.state, ctx.path.id!, ctx.account)));
    },
  },
];
