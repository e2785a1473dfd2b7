// Records one Stripe event per change, serialized once with a snapshot of the object and what changed.
import type Stripe from 'stripe';
import { API_VERSION, type SimulatorState } from '../state/state';

export type EventType = Stripe.Event.Type;

export function emit(
  state: SimulatorState,
  type: EventType,
  account: string | null,
  object: { object: string },
  previous?: Record<string, unknown>,
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
