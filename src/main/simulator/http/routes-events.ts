// /v1/events: newest first, the last 30 simulated days only, pre-serialized for speed.
import type { Route } from './route';
import { LIST_KEYS } from './params';
import { params } from './route';
import type Stripe from 'stripe';
import { noSuchObject, paramError } from '../core/errors';
import { paginate } from '../core/list';
import type { EventRec } from '../state/records';

function typeMatcher(pattern: string): (type: string) => boolean {
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return (t) => t.startsWith(prefix);
  }
  return (t) => t === pattern;
}

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/events',
    resource: 'event',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'type', 'types', 'delivery_success']);
      if (p.expand().length > 0) throw paramError('This simulator does not expand events.', 'expand');
      // No webhook endpoints exist, so every event counts as delivered: `false` matches nothing.
      const delivered = p.bool('delivery_success');
      const s = ctx.state;
      const type = p.str('type');
      const typesRaw = p.raw.types;
      const types =
        typesRaw === undefined
          ? undefined
          : (Array.isArray(typesRaw) ? typesRaw : Object.values(typesRaw as object)).map(String);
      if (type !== undefined && types !== undefined)
        throw paramError('You cannot pass both type and types.', 'types');
      const matchers = (types ?? (type !== undefined ? [type] : [])).map(typeMatcher);
      const account = ctx.account;
      const match = (e: EventRec) =>
        delivered !== false &&
        e.account === account &&
        (matchers.length === 0 || matchers.some((m) => m(e.type)));
      const store = s.events;
      const page = paginate(store.events, store.positionOf, p.list(), match, store.firstListable(s.now));
      // Events are stored serialized: the typed envelope is filled with their JSON text.
      const envelope = {
        object: 'list',
        data: [] as Stripe.Event[],
        has_more: page.hasMore,
        url: '/v1/events',
      } satisfies Stripe.ApiList<Stripe.Event>;
      const data = `"data":[${page.data.map((e) => e.json).join(',')}]`;
      return { raw: JSON.stringify(envelope).replace('"data":[]', () => data) };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/events/:id',
    resource: 'event',
    handler: (ctx) => {
      params(ctx, []);
      const e = ctx.state.events.get(ctx.path.id!);
      if (!e || e.account !== ctx.account) throw noSuchObject('event', ctx.path.id!);
      return { raw: e.json };
    },
  },
];
