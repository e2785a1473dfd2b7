// Links a Stripe object sync has seen to the console write that made it (by the `lplate_request_id` metadata every
// create carries): a write whose answer was lost is settled by the object itself, never sent a second time.
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import type { StripeJson } from '../stripe/json';
import { REQUEST_ID_METADATA } from './requests';
import { isStripeWriteKind, STRIPE_WRITES } from './stripe-writes';

export function confirmStripeWrite(sqlite: Sqlite, object: StripeJson, now: number): void {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  const requestId = metadata?.[REQUEST_ID_METADATA];
  if (typeof requestId !== 'string') return;
  const request = sqlite
    .prepare("SELECT kind FROM stripe_requests WHERE id = ? AND state IN ('pending', 'sent', 'unknown')")
    .get(requestId) as { kind: string } | undefined;
  // Only the kind of object the write makes settles it (a charge copying the metadata does not).
  if (!request || !isStripeWriteKind(request.kind) || STRIPE_WRITES[request.kind].object !== object.object)
    return;
  sqlite
    .prepare(
      `UPDATE stripe_requests SET state = 'succeeded', stripe_object_id = ?, held_reason = NULL,
         next_attempt_at = NULL, completed_at = ?, updated_at = ? WHERE id = ?`,
    )
    .run(object.id, now, now, requestId);
  appendAudit(sqlite, {
    entityType: 'stripe_request',
    entityId: requestId,
    action: 'confirmed_by_sync',
    newValues: { stripe_object_id: object.id },
    userId: null,
    actor: 'sync',
    createdAt: now,
  });
}
