// Turns a failed pass into a recorded sync error with what to do about it — never a silent skip.
import type { Sqlite } from '../db/open';
import { RetriesExhausted } from '../stripe/retry';
import { recordSyncError, type SyncErrorInput } from '../db/sync-errors';

function explain(error: unknown, kind: 'sync' | 'backfill'): SyncErrorInput {
  const scope = kind === 'backfill' ? 'backfill' : 'request';
  if (error instanceof RetriesExhausted)
    return {
      scope,
      code: 'stripe_unreachable',
      message: error.message,
      hint: 'Stripe could not be reached or kept failing. The sync tries again on its own; check the connection if this stays.',
    };
  const e = error as { type?: string; statusCode?: number; message?: string };
  if (e.type === 'StripeAuthenticationError' || e.statusCode === 401)
    return {
      scope,
      code: 'key_rejected',
      message: `Stripe rejected the key: ${e.message ?? ''}`,
      hint: 'The key was revoked or rolled. An admin must connect again with a valid key in Settings.',
    };
  if (e.type === 'StripePermissionError' || e.statusCode === 403)
    return {
      scope,
      code: 'permission_denied',
      message: `The key may not read this: ${e.message ?? ''}`,
      hint: 'Give the restricted key read access to the resource (see docs/sync.md), then connect again.',
    };
  if (typeof e.type === 'string' && e.type.startsWith('Stripe'))
    return {
      scope,
      code: 'stripe_error',
      message: `Stripe answered with an error: ${e.message ?? ''}`,
      hint: 'Nothing was applied from the failed request. Report the message if it repeats.',
    };
  return {
    scope: 'projection',
    code: 'sync_failed',
    message: `The sync stopped: ${e.message ?? String(error)}`,
    hint: 'Nothing from the failed batch was applied; the next pass starts from the same point. Report this message.',
  };
}

export function recordFailure(
  sqlite: Sqlite,
  error: unknown,
  kind: 'sync' | 'backfill',
  now: number,
): string {
  const input = explain(error, kind);
  recordSyncError(sqlite, input, now);
  return input.message;
}
