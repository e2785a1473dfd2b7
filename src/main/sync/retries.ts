// Inputs that throw while being applied are kept whole and tried again at every later sync until they apply: the
// cursor may move past them (the rest of Stripe's news is not held up), but none is dropped, and each stays an open
// sync error until it has applied.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../db/open';
import { recordSyncError } from '../db/sync-errors';
import type { Projection } from '../projection/registry';
import { applyInputs, type StripeInput } from './apply';

const HINT =
  'The rest of the sync went on. The console tries this again at every sync until it applies; report the id if it keeps failing.';

/** The object and event an input is about, for the error shown and the retry kept. */
export function inputIds(input: StripeInput): { objectId: string | null; eventId: string | null } {
  const read = (v: unknown, key: string) =>
    typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[key] === 'string'
      ? ((v as Record<string, unknown>)[key] as string)
      : null;
  if (input.kind === 'observation') return { objectId: read(input.object, 'id'), eventId: null };
  const data =
    read(input.event, 'id') === null ? null : (input.event as { data?: { object?: unknown } }).data;
  return { objectId: read(data?.object, 'id'), eventId: read(input.event, 'id') };
}

function failed(sqlite: Sqlite, input: StripeInput, message: string, now: number): void {
  recordSyncError(
    sqlite,
    {
      scope: 'projection',
      code: 'apply_failed',
      message: `Could not apply: ${message}`,
      hint: HINT,
      ...inputIds(input),
    },
    now,
  );
}

/** Records an input that failed to apply and keeps it for the next syncs. Call inside the batch's transaction. */
export function keepForRetry(sqlite: Sqlite, input: StripeInput, message: string, now: number): void {
  failed(sqlite, input, message, now);
  const text = JSON.stringify(input);
  const ids = inputIds(input);
  const id = ids.eventId
    ? `event:${ids.eventId}`
    : `observation:${createHash('sha256').update(text).digest('hex')}`;
  sqlite
    .prepare(
      `INSERT INTO sync_retries (id, input, object_id, event_id, attempts, first_failed_at, last_failed_at, last_error)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET attempts = attempts + 1, last_failed_at = excluded.last_failed_at,
         last_error = excluded.last_error`,
    )
    .run(id, text, ids.objectId, ids.eventId, now, now, message);
}

/** Tries every kept input again, oldest first, each on its own: what applies is forgotten and its error resolved. */
export function retryFailedInputs(
  projection: Projection,
  sqlite: Sqlite,
  now: number,
): { applied: number; failing: number } {
  const rows = sqlite
    .prepare('SELECT id, input, object_id, event_id FROM sync_retries ORDER BY first_failed_at, id')
    .all() as { id: string; input: string; object_id: string | null; event_id: string | null }[];
  let applied = 0;
  sqlite
    .transaction(() => {
      for (const row of rows) {
        const input = JSON.parse(row.input) as StripeInput;
        try {
          sqlite.transaction(() => applyInputs(projection, sqlite, [input], now))();
        } catch (error) {
          keepForRetry(sqlite, input, (error as Error).message, now);
          continue;
        }
        applied += 1;
        sqlite.prepare('DELETE FROM sync_retries WHERE id = ?').run(row.id);
        sqlite
          .prepare(
            `UPDATE sync_errors SET resolved_at = ? WHERE code = 'apply_failed' AND resolved_at IS NULL
             AND ifnull(object_id, '') = ifnull(?, '') AND ifnull(event_id, '') = ifnull(?, '')`,
          )
          .run(now, row.object_id, row.event_id);
      }
    })
    .immediate();
  return { applied, failing: rows.length - applied };
}
