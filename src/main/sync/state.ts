// Typed access to sync_state, the key/value rows holding the connection, cursors and settings of the sync.
import type { Sqlite } from '../db/open';
import type { CreatedSlice } from '../stripe/created-slices';
import type { ScheduleFiring } from '../../shared/contract/payouts';

/** Every key the sync keeps, with the shape of its value. */
export interface SyncStateValues {
  /** 'demo' | 'test' | 'live' once connected. */
  mode: 'demo' | 'test' | 'live';
  connected: boolean;
  key_last4: string;
  /** The platform account connected last (kept after a disconnect: the workspace's data is that account's). */
  account: { id: string; name: string | null; country?: string | null };
  unreadable: { resource: string; disables: string }[];
  /** Writes the connected key may not make (a restricted key without the write permission). */
  unwritable: { resource: string; permission: string; disables: string }[];
  /** Seconds (Stripe's clock): every event created before this has been applied. */
  events_cursor: number;
  /** ms: the newest applied event's created time. */
  last_event_at: number;
  /** ms: when the last pass finished cleanly (local clock). */
  last_sync_at: number;
  healed_by_backfill_at: number;
  poll_interval_seconds: number;
  /** Requests per second per endpoint; 0 = unlimited. */
  rate_limit_per_second: number;
  backfill: BackfillState;
  /** Stripe's own balance (GBP available + pending, pence) and when Stripe reported it (ms). */
  stripe_balance: { pence: number; availablePence?: number; observedAt: number };
  /** The payout schedule (payouts/schedule.ts): since when it watches, and what its latest firing did. */
  payout_schedule: { armedAt: number; last: ScheduleFiring | null };
  /** The demo workspace's simulator: seed and first day of its history. */
  demo: { seed: number; startDate: string };
  /**
   * Set by migration 0047 in a workspace that already held observations: those have legacy ids (apply.ts
   * `observationIds`), so sync looks an observation up under its legacy id too.
   */
  observation_ids_legacy: true;
}

export interface BackfillCursor {
  done: boolean;
  count: number;
  /** Where each `created` slice of the resource's listing stands (none yet: a fresh listing). */
  slices: CreatedSlice[];
}

export interface BackfillState {
  id: string;
  /** Stripe's clock when the backfill began: it lists objects created up to then. */
  upTo: number;
  startedAt: number;
  cursors: Record<string, BackfillCursor>;
}

export type SyncStateKey = keyof SyncStateValues;

export function readState<K extends SyncStateKey>(sqlite: Sqlite, key: K): SyncStateValues[K] | null {
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as
    string | undefined;
  return row === undefined ? null : (JSON.parse(row) as SyncStateValues[K]);
}

export function writeState<K extends SyncStateKey>(
  sqlite: Sqlite,
  key: K,
  value: SyncStateValues[K],
  now: number,
): void {
  sqlite
    .prepare(
      `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(key, JSON.stringify(value), now);
}

export function deleteState(sqlite: Sqlite, ...keys: SyncStateKey[]): void {
  const del = sqlite.prepare('DELETE FROM sync_state WHERE key = ?');
  for (const key of keys) del.run(key);
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 30;

export function pollIntervalSeconds(sqlite: Sqlite): number {
  return readState(sqlite, 'poll_interval_seconds') ?? DEFAULT_POLL_INTERVAL_SECONDS;
}
