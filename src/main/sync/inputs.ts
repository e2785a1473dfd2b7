// Turns what Stripe returned into apply inputs: events, listed objects, the objects embedded in others, refetches.
import type { StripeInput } from './apply';
import { resourceForId, resourceForType, type StripeResource } from '../stripe/resources';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Objects carried whole inside another one, each kept as an object of its own: the reversals in a transfer's
 * `reversals` list, and the balance transactions in a dispute's `balance_transactions` (its withdrawals).
 */
function embeddedObjects(object: unknown): Json[] {
  if (!isRecord(object)) return [];
  let data: unknown;
  if (object.object === 'transfer' && isRecord(object.reversals)) data = object.reversals.data;
  else if (object.object === 'dispute') data = object.balance_transactions;
  return Array.isArray(data) ? data.filter(isRecord) : [];
}

export function observationInputs(
  objects: unknown[],
  observedAt: number,
  source: 'list' | 'fetch',
): StripeInput[] {
  const inputs: StripeInput[] = [];
  for (const object of objects) {
    inputs.push({ kind: 'observation', object, source, observedAt });
    for (const embedded of embeddedObjects(object))
      inputs.push({ kind: 'observation', object: embedded, source: 'list', observedAt });
  }
  return inputs;
}

export function eventInputs(events: unknown[]): StripeInput[] {
  const inputs: StripeInput[] = [];
  for (const event of events) {
    inputs.push({ kind: 'event', event });
    if (!isRecord(event) || !isRecord(event.data) || !Number.isSafeInteger(event.created)) continue;
    for (const embedded of embeddedObjects(event.data.object))
      inputs.push({
        kind: 'observation',
        object: embedded,
        source: 'list',
        observedAt: event.created as number,
      });
  }
  return inputs;
}

export interface Refetch {
  resource: StripeResource;
  id: string;
  eventId: string | null;
}

/**
 * Events whose payload is not enough on its own: `account.updated` (capabilities and requirements change
 * outside the snapshot) and events whose object has no usable type but an id the console can place.
 */
export function refetchTargets(events: unknown[]): Refetch[] {
  const found = new Map<string, Refetch>();
  for (const event of events) {
    if (!isRecord(event) || !isRecord(event.data) || !isRecord(event.data.object)) continue;
    const object = event.data.object;
    if (typeof object.id !== 'string') continue;
    const eventId = typeof event.id === 'string' ? event.id : null;
    const typed = typeof object.object === 'string' ? resourceForType(object.object) : undefined;
    let resource: StripeResource | undefined;
    if (event.type === 'account.updated') resource = resourceForType('account');
    else if (typeof object.object !== 'string') resource = resourceForId(object.id);
    else if (!typed && object.object !== 'balance') resource = resourceForId(object.id);
    if (resource && !found.has(object.id)) found.set(object.id, { resource, id: object.id, eventId });
  }
  return [...found.values()];
}

/** Stripe's (created, id) order, oldest first; unreadable events sort first and are recorded as errors. */
export function byCreatedThenId(a: unknown, b: unknown): number {
  const created = (v: unknown) =>
    isRecord(v) && Number.isSafeInteger(v.created) ? (v.created as number) : 0;
  const id = (v: unknown) => (isRecord(v) && typeof v.id === 'string' ? v.id : '');
  return created(a) - created(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

/** Fields that name a balance transaction (the Stripe fee and net of a money movement). */
const BT_FIELDS = ['balance_transaction', 'failure_balance_transaction'];

/**
 * Balance transactions the objects of these events point at. Stripe sends no event for them, yet the
 * ledger needs them (Stripe's fee, payouts' and refunds' effect on the balance): they are fetched.
 */
export function balanceTransactionIds(events: unknown[]): string[] {
  const ids = new Set<string>();
  const visit = (object: unknown) => {
    if (!isRecord(object)) return;
    for (const field of BT_FIELDS) {
      const id = object[field];
      if (typeof id === 'string' && id.startsWith('txn_')) ids.add(id);
    }
    for (const embedded of embeddedObjects(object)) visit(embedded);
  };
  for (const event of events) if (isRecord(event) && isRecord(event.data)) visit(event.data.object);
  return [...ids];
}
