// Records one Stripe event per change, serialized once with a snapshot of the object and what changed.
import type Stripe from 'stripe';
import { API_VERSION, type SimulatorState } from '../state/state';

export type EventType = Stripe.Event.Type;

/** The object the SDK types for an event type's `data.object` (Stripe.CouponDeletedEvent → Stripe.Coupon, …). */
export type EventObject<T extends EventType> = Extract<Stripe.Event, { type: T }>['data']['object'];

/** `object` and `previous` are checked per event type against the SDK's own event types: a drift fails tsc. */
export function emit<T extends EventType>(
  state: SimulatorState,
  type: T,
  account: string | null,
  object: EventObject<T>,
  previous?: Partial<EventObject<T>>,
  /** Connect events the platform lists (account.updated) name the account without being scoped to it. */
  connectedAccount?: string,
): void {
  const id = state.newId('evt');
  const event = {
    id,
    object: 'event',
    ...(account || connectedAccount ? { account: account ?? connectedAccount } : {}),
    api_version: API_VERSION,
    created: state.now,
    data: previous ? { object, previous_attributes: previous } : { object },
    livemode: false,
    pending_webhooks: 0,
    request: { id: state.request.requestId, idempotency_key: state.request.idempotencyKey },
    type,
  } satisfies Omit<Stripe.EventBase, 'data'> & { data: { object: object; previous_attributes?: object } };
  state.events.add({ id, created: state.now, type, account, json: JSON.stringify(event) });
}

/** The fields of `before` whose values differ in `after` (Stripe's data.previous_attributes). */
export function changed<T extends object>(before: T, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(before) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = before[key];
  }
  return out;
}

/**
 * Applies a change to one object and emits its `*.updated`-style event: the object after, and in
 * previous_attributes the fields the change touched.
 */
export function emitChange<T extends EventType>(
  state: SimulatorState,
  type: T,
  account: string | null,
  render: () => EventObject<T>,
  apply: () => void,
  connectedAccount?: string,
): void {
  const before = render();
  apply();
  const after = render();
  emit(state, type, account, after, changed(before, after), connectedAccount);
}
