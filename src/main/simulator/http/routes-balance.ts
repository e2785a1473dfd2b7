// /v1/balance and /v1/balance_transactions (filters created, type, payout, source).
import type { Route } from './route';
import { LIST_KEYS } from './params';
import { inScope, list, one, params } from './route';
import { noSuchObject } from '../core/errors';
import { paginate } from '../core/list';
import { renderBalance, renderBalanceTransaction } from '../render/money';

export const balanceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/balance',
    resource: 'balance',
    handler: (ctx) => one(ctx, params(ctx, []), renderBalance(ctx.state, ctx.account)),
  },
  {
    method: 'GET',
    pattern: '/v1/balance_transactions',
    resource: 'balance_transaction',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'type', 'payout', 'source', 'currency']);
      const s = ctx.state;
      const type = p.str('type');
      const payout = p.str('payout');
      const source = p.str('source');
      // GBP is the only currency: any other currency filter matches nothing.
      const currency = p.str('currency');
      const scope = inScope(ctx);
      const page = paginate(
        s.balanceTxs.items,
        (id) => s.balanceTxs.position(id),
        p.list(),
        (bt) =>
          scope(bt) &&
          (currency === undefined || currency.toLowerCase() === 'gbp') &&
          (type === undefined || bt.type === type) &&
          (source === undefined || bt.source === source) &&
          (payout === undefined || (bt.payoutId === payout && bt.source !== payout)),
      );
      return list(ctx, p, '/v1/balance_transactions', page, (bt) => renderBalanceTransaction(s, bt));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/balance_transactions/:id',
    resource: 'balance_transaction',
    handler: (ctx) => {
      const p = params(ctx, []);
      const bt = ctx.state.balanceTxs.get(ctx.path.id!);
      if (!bt || bt.account !== ctx.account) throw noSuchObject('balance transaction', ctx.path.id!);
      return one(ctx, p, renderBalanceTransaction(ctx.state, bt));
    },
  },
];
