// GET handler shared by lists Stripe filters by `charge` or `payment_intent` (refunds, disputes).
import type { Collection, Identified } from '../core/collection';
import type { SimulatorState } from '../state/state';
import { LIST_KEYS } from './params';
import { inScope, list, params, type ListItem, type Route } from './route';
import { paginate } from '../core/list';

export function listByPayment<
  T extends Identified & { created: number; paymentId: string; account: string | null },
>(
  url: string,
  collectionOf: (state: SimulatorState) => Collection<T>,
  render: (state: SimulatorState, item: T) => ListItem,
): Route['handler'] {
  return (ctx) => {
    const p = params(ctx, [...LIST_KEYS, 'charge', 'payment_intent']);
    const s = ctx.state;
    const charge = p.str('charge');
    const intent = p.str('payment_intent') ?? (charge ? (s.chargeToPayment.get(charge) ?? '') : undefined);
    const scope = inScope(ctx);
    const collection = collectionOf(s);
    const page = paginate(
      collection.items,
      (id) => collection.position(id),
      p.list(),
      (item) => scope(item) && (intent === undefined || item.paymentId === intent),
    );
    return list(ctx, p, url, page, (item) => render(s, item));
  };
}
