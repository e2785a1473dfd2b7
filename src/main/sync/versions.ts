// Decides which of two observed states of a Stripe object is the newer one, whatever order they arrive in:
// terminal states win, monotonic amounts only grow, then Stripe's own clock, then a deterministic tie-break.
import { createHash } from 'node:crypto';

/** Status rank per object type: a higher rank never goes back to a lower one in Stripe. */
const STATUS_RANK: Record<string, Record<string, number>> = {
  payment_intent: {
    requires_payment_method: 0,
    requires_confirmation: 0,
    requires_action: 0,
    processing: 1,
    requires_capture: 1,
    canceled: 2,
    succeeded: 2,
  },
  charge: { pending: 0, failed: 2, succeeded: 1 },
  refund: { requires_action: 0, pending: 0, succeeded: 2, failed: 2, canceled: 2 },
  payout: { pending: 0, in_transit: 1, paid: 2, failed: 2, canceled: 2 },
  dispute: {
    warning_needs_response: 0,
    needs_response: 0,
    warning_under_review: 1,
    under_review: 1,
    won: 2,
    lost: 2,
    warning_closed: 2,
    prevented: 2,
  },
  balance_transaction: { pending: 0, available: 1 },
};

/** Amounts that Stripe only ever increases on an object. */
const MONOTONIC: Record<string, string[]> = {
  charge: ['amount_refunded', 'amount_captured'],
  transfer: ['amount_reversed'],
  payment_intent: ['amount_received'],
  coupon: ['times_redeemed'],
  promotion_code: ['times_redeemed'],
  dispute: [],
};

/** Boolean flags that only ever turn on (`!valid`: turns off, for good: a coupon deleted, used up or past redeem_by). */
const STICKY_FLAGS: Record<string, string[]> = {
  charge: ['refunded', 'disputed'],
  transfer: ['reversed'],
  coupon: ['!valid'],
};

export type ObservationSource = 'event' | 'list' | 'fetch';

const pad = (n: number, width: number) => String(Math.max(0, Math.trunc(n))).padStart(width, '0');

/**
 * A string that sorts like the object's progress: compare two versions with `<`.
 * `observedAt` is Stripe's clock (event `created`, or the response's Date header for list/fetch), in seconds.
 * `writeSeq` marks Stripe's answer to the console's own write (its outbox sequence): within one second of Stripe's
 * clock it is newer than what was listed or sent as an event, and a later write is newer than an earlier one.
 */
export function versionOf(
  object: Record<string, unknown>,
  observedAt: number,
  source: ObservationSource,
  payload: string,
  writeSeq: number | null = null,
): string {
  const type = String(object.object);
  const status = typeof object.status === 'string' ? object.status : '';
  const rank = STATUS_RANK[type]?.[status] ?? 0;
  const monotonic = (MONOTONIC[type] ?? []).reduce((sum, field) => sum + (Number(object[field]) || 0), 0);
  const flags =
    (STICKY_FLAGS[type] ?? []).reduce(
      (sum, f) => sum + ((f.startsWith('!') ? object[f.slice(1)] === false : object[f] === true) ? 1 : 0),
      0,
    ) + (object.deleted === true ? 1 : 0);
  // At the same second, a fetched state is at least as new as an event's, and the answer to a write newer still.
  const sourceOrder = writeSeq !== null ? `2${pad(writeSeq, 12)}` : source === 'event' ? '0' : '1';
  const tieBreak = createHash('sha256').update(payload).digest('hex').slice(0, 16);
  return [pad(rank, 2), pad(monotonic, 15), pad(flags, 2), pad(observedAt, 12), sourceOrder, tieBreak].join(
    ':',
  );
}
