// Records what sync could not do, once per (scope, code, object, event), counting repeats — shown in the sync status.
import { randomUUID } from 'node:crypto';
import type { Sqlite } from './open';

export type SyncErrorScope = 'event' | 'object' | 'request' | 'backfill' | 'projection';

export interface SyncErrorInput {
  scope: SyncErrorScope;
  code: string;
  message: string;
  /** What a person should do about it, in plain words. */
  hint: string;
  objectId?: string | null;
  eventId?: string | null;
}

export function recordSyncError(sqlite: Sqlite, error: SyncErrorInput, now: number): void {
  const objectId = error.objectId ?? null;
  const eventId = error.eventId ?? null;
  const existing = sqlite
    .prepare(
      `SELECT id FROM sync_errors WHERE scope = ? AND code = ? AND ifnull(object_id, '') = ifnull(?, '')
       AND ifnull(event_id, '') = ifnull(?, '')`,
    )
    .pluck()
    .get(error.scope, error.code, objectId, eventId) as string | undefined;
  if (existing) {
    sqlite
      .prepare(
        `UPDATE sync_errors SET occurrences = occurrences + 1, last_seen_at = ?, message = ?, hint = ?, resolved_at = NULL
         WHERE id = ?`,
      )
      .run(now, error.message, error.hint, existing);
    return;
  }
  sqlite
    .prepare(
      `INSERT INTO sync_errors (id, scope, object_id, event_id, code, message, hint, occurrences, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .run(randomUUID(), error.scope, objectId, eventId, error.code, error.message, error.hint, now, now);
}

/** Marks the open errors about an object resolved (e.g. after it was fetched and applied cleanly). */
export function resolveSyncErrors(sqlite: Sqlite, objectId: string, now: number): void {
  sqlite
    .prepare('UPDATE sync_errors SET resolved_at = ? WHERE object_id = ? AND resolved_at IS NULL')
    .run(now, objectId);
}
