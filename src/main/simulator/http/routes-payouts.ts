// /v1/payouts (platform or a connected account via Stripe-Account) and /v1/disputes.
import type { Route } from './route';
import { listByPayment } from './list-by-payment';
import { LIST_KEYS, inRange } from './params';
import { inScope, list, one, params } from './route';
import { paginate } from '../core/list';
import { cancelPayout, createPayout, getPayout } from '../ops/payouts';
import { getDispute } from '../ops/disputes';
import { renderPayout } from '../render/money';
import { renderDispute } from '../render/others';

const STATUSES = ['pending', 'in_transit', 'paid', 'failed', 'canceled'] as const;

export const payoutRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/payouts',
    resource: 'payout',
    handler: (ctx) => {
      const p = params(ctx, [
        'amount',
        'currency',
        'description',
        'metadata',
        'method',
        'statement_descriptor',
      ]);
      const amount = p.requiredPositiveInt('amount');
      p.requiredStr('currency');
      p.currency();
      // Instant payouts are not simulated: refused rather than paid as standard ones.
      p.oneOf('method', ['standard']);
      const po = createPayout(ctx.state, {
        account: ctx.account,
        amount,
        description: p.str('description') ?? null,
        metadata: p.metadata(),
      });
      return one(ctx, p, renderPayout(ctx.state, po!));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/payouts',
    resource: 'payout',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'status', 'arrival_date', 'destination']);
      const s = ctx.state;
      const status = p.oneOf('status', STATUSES);
      const arrival = p.range('arrival_date');
      const destination = p.str('destination');
      const scope = inScope(ctx);
      const page = paginate(
        s.payouts.items,
        (id) => s.payouts.position(id),
        p.list(),
        (po) =>
          scope(po) &&
          (status === undefined || po.status === status) &&
          inRange(po.arrivalDate, arrival) &&
          (destination === undefined || renderPayout(s, po).destination === destination),
      );
      return list(ctx, p, '/v1/payouts', page, (po) => renderPayout(s, po));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/payouts/:id',
    resource: 'payout',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderPayout(ctx.state, getPayout(ctx.state, ctx.path.id!, ctx.account))),
  },
  {
    method: 'POST',
    pattern: '/v1/payouts/:id/cancel',
    resource: 'payout',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderPayout(ctx.state, cancelPayout(ctx.state, ctx.path.id!, ctx.account))),
  },
  {
    method: 'GET',
    pattern: '/v1/disputes',
    resource: 'dispute',
    handler: listByPayment('/v1/disputes', (s) => s.disputes, renderDispute),
  },
  {
    method: 'GET',
    pattern: '/v1/disputes/:id',
    resource: 'dispute',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderDispute(ctx.state, getDispute(ctx.state, ctx.path.id!, ctx.account))),
  },
];
