// /v1/events: newest first, the last 30 simulated days only, pre-serialized for speed.
import type { Route } from './route';
import { LIST_KEYS } from './params';
import { params } from './route';
import { invalidRequest, noSuchObject } from '../core/errors';
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
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'type', 'types', 'delivery_success']);
      if (p.expand().length > 0) throw invalidRequest('This simulator does not expand events.', 'expand');
      const s = ctx.state;
      const type = p.str('type');
      const typesRaw = p.raw.types;
      const types =
        typesRaw === undefined
          ? undefined
          : (Array.isArray(typesRaw) ? typesRaw : Object.values(typesRaw as object)).map(String);
      if (type !== undefined && types !== undefined)
        throw invalidRequest('You cannot pass both type and types.', 'types');
      const matchers = (types ?? (type !== undefined ? [type] : [])).map(typeMatcher);
      const account = ctx.account;
      const match = (e: EventRec) =>
        e.account === account && (matchers.length === 0 || matchers.some((m) => m(e.type)));
      const store = s.events;
      const page = paginate(store.events, store.positionOf, p.list(), match, store.firstListable(s.now));
      const raw = `{"object":"list","data":[${page.data.map((e) => e.json).join(',')}],"has_more":${page.hasMore},"url":"/v1/events"}`;
      return { raw };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/events/:id',
    handler: (ctx) => {
      params(ctx, []);
      const e = ctx.state.events.get(ctx.path.id!);
      if (!e || e.account !== ctx.account) throw noSuchObject('event', ctx.path.id!);
      return { raw: e.json };
    },
  },
];
