// /v1/payouts (platform or a connected account via Stripe-Account) and /v1/disputes.
import type { Route } from './route';
import { listByPayment } from './list-by-payment';
import { LIST_KEYS } from './params';
import { inScope, list, one, params } from './route';
import { paginate } from '../core/list';
import { createPayout, getPayout } from '../ops/payouts';
import { getDispute } from '../ops/disputes';
import { renderPayout } from '../render/money';
import { renderDispute } from '../render/others';

export const payoutRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/payouts',
    handler: (ctx) => {
      const p = params(ctx, [
        'amount',
        'currency',
        'description',
        'metadata',
        'method',
        'statement_descriptor',
      ]);
      p.requiredStr('currency');
      p.currency();
      const po = createPayout(ctx.state, {
        account: ctx.account,
        amount: p.requiredInt('amount'),
        description: p.str('description') ?? null,
        metadata: p.metadata(),
      });
      return one(ctx, p, renderPayout(ctx.state, po!));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/payouts',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'status', 'arrival_date', 'destination']);
      const s = ctx.state;
      const status = p.str('status');
      const scope = inScope(ctx);
      const page = paginate(
        s.payouts.items,
        (id) => s.payouts.position(id),
        p.list(),
        (po) => scope(po) && (status === undefined || po.status === status),
      );
      return list(ctx, p, '/v1/payouts', page, (po) => renderPayout(s, po));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/payouts/:id',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderPayout(ctx.state, getPayout(ctx.state, ctx.path.id!, ctx.account))),
  },
  {
    method: 'GET',
    pattern: '/v1/disputes',
    handler: listByPayment('/v1/disputes', (s) => s.disputes, renderDispute),
  },
  {
    method: 'GET',
    pattern: '/v1/disputes/:id',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderDispute(ctx.state, getDispute(ctx.state, ctx.path.id!, ctx.account))),
  },
];
