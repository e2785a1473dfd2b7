// /v1/transfers and /v1/transfers/:id/reversals (platform only).
import type { Route, RouteContext } from './route';
import { LIST_KEYS } from './params';
import { list, one, params } from './route';
import { noSuchObject, paramError } from '../core/errors';
import { paginate } from '../core/list';
import { createReversal, createTransfer, getTransfer, updateTransfer } from '../ops/transfers';
import { renderReversal, renderTransfer } from '../render/transfers';

function platformOnly(ctx: RouteContext): void {
  if (ctx.account !== null)
    throw paramError(
      'Transfers are made by the platform; do not pass Stripe-Account.',
      undefined,
      undefined,
      400,
    );
}

export const transferRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/transfers',
    resource: 'transfer',
    handler: (ctx) => {
      platformOnly(ctx);
      const p = params(ctx, [
        'amount',
        'currency',
        'destination',
        'transfer_group',
        'metadata',
        'description',
        'source_transaction',
      ]);
      const amount = p.requiredPositiveInt('amount');
      p.requiredStr('currency');
      p.currency();
      const t = createTransfer(ctx.state, {
        amount,
        destination: p.requiredStr('destination'),
        transferGroup: p.str('transfer_group') ?? null,
        description: p.str('description') ?? null,
        metadata: p.metadata(),
        sourceTransaction: p.str('source_transaction') ?? null,
      });
      return one(ctx, p, renderTransfer(ctx.state, t));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/transfers',
    resource: 'transfer',
    handler: (ctx) => {
      platformOnly(ctx);
      const p = params(ctx, [...LIST_KEYS, 'destination', 'transfer_group']);
      const s = ctx.state;
      const dest = p.str('destination');
      const group = p.str('transfer_group');
      const page = paginate(
        s.transfers.items,
        (id) => s.transfers.position(id),
        p.list(),
        (t) =>
          (dest === undefined || t.destination === dest) &&
          (group === undefined || t.transferGroup === group),
      );
      return list(ctx, p, '/v1/transfers', page, (t) => renderTransfer(s, t));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/transfers/:id',
    resource: 'transfer',
    handler: (ctx) => {
      platformOnly(ctx);
      return one(ctx, params(ctx, []), renderTransfer(ctx.state, getTransfer(ctx.state, ctx.path.id!)));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/transfers/:id',
    resource: 'transfer',
    handler: (ctx) => {
      platformOnly(ctx);
      const p = params(ctx, ['description', 'metadata']);
      const t = updateTransfer(ctx.state, ctx.path.id!, {
        description: p.nullableStr('description'),
        metadata: p.metadata(),
      });
      return one(ctx, p, renderTransfer(ctx.state, t));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/transfers/:id/reversals',
    resource: 'transfer',
    handler: (ctx) => {
      platformOnly(ctx);
      const p = params(ctx, ['amount', 'metadata', 'description', 'refund_application_fee']);
      const amount = p.positiveInt('amount');
      const r = createReversal(ctx.state, ctx.path.id!, { amount, metadata: p.metadata() });
      return one(ctx, p, renderReversal(ctx.state, r));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/transfers/:id/reversals',
    resource: 'transfer',
    handler: (ctx) => {
      platformOnly(ctx);
      const p = params(ctx, [...LIST_KEYS]);
      const s = ctx.state;
      const t = getTransfer(s, ctx.path.id!);
      const items = t.reversalIds.map((id) => s.reversals.get(id)!);
      const page = paginate(
        items,
        (id) => {
          const i = t.reversalIds.indexOf(id);
          return i < 0 ? undefined : i;
        },
        p.list(),
      );
      return list(ctx, p, `/v1/transfers/${t.id}/reversals`, page, (r) => renderReversal(s, r));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/transfers/:id/reversals/:rid',
    resource: 'transfer',
    handler: (ctx) => {
      platformOnly(ctx);
      const r = ctx.state.reversals.get(ctx.path.rid!);
      if (!r || r.transferId !== ctx.path.id) throw noSuchObject('transfer_reversal', ctx.path.rid!);
      return one(ctx, params(ctx, []), renderReversal(ctx.state, r));
    },
  },
];
