// Links a Stripe object sync has seen to the console write that made it (by the `lplate_request_id` metadata every
// create carries): a write whose answer was lost is settled by the object itself, never sent a second time.
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import type { StripeJson } from '../stripe/json';
import { REQUEST_ID_METADATA } from './requests';

export function confirmStripeWrite(sqlite: Sqlite, object: StripeJson, now: number): void {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  const requestId = metadata?.[REQUEST_ID_METADATA];
  if (typeof requestId !== 'string') return;
  const settled = sqlite
    .prepare(
      `UPDATE stripe_requests SET state = 'succeeded', stripe_object_id = ?, next_attempt_at = NULL,
         completed_at = ?, updated_at = ? WHERE id = ? AND state IN ('sent', 'unknown')`,
    )
    .run(object.id, now, now, requestId).changes;
  if (settled)
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
