// Reads the sync status and the error list for the contract: connection, cursor, lag, the job, open errors.
import type { JobProgress, Page } from '../../shared/contract';
import type { SyncErrorView, SyncStatus } from '../../shared/contract/sync';
import type { Sqlite } from '../db/open';
import { pollIntervalSeconds, readState } from './state';

interface ErrorRow {
  id: string;
  scope: SyncErrorView['scope'];
  code: string;
  message: string;
  hint: string;
  object_id: string | null;
  event_id: string | null;
  occurrences: number;
  first_seen_at: number;
  last_seen_at: number;
  resolved_at: number | null;
}

const toView = (r: ErrorRow): SyncErrorView => ({
  id: r.id,
  scope: r.scope,
  code: r.code,
  message: r.message,
  hint: r.hint,
  objectId: r.object_id,
  eventId: r.event_id,
  occurrences: r.occurrences,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  resolvedAt: r.resolved_at,
});

export function countOpenErrors(sqlite: Sqlite): number {
  return sqlite.prepare('SELECT count(*) FROM sync_errors WHERE resolved_at IS NULL').pluck().get() as number;
}

export function buildStatus(sqlite: Sqlite, job: JobProgress | null, now: number): SyncStatus {
  const connected = readState(sqlite, 'connected') === true;
  const account = connected ? readState(sqlite, 'account') : null;
  const lastSyncAt = readState(sqlite, 'last_sync_at');
  const errors = sqlite
    .prepare(`SELECT * FROM sync_errors WHERE resolved_at IS NULL ORDER BY last_seen_at DESC, id LIMIT 20`)
    .all() as ErrorRow[];
  return {
    connected,
    mode: connected ? readState(sqlite, 'mode') : null,
    account: account ? { id: account.id, name: account.name, country: account.country ?? null } : null,
    keyLast4: connected ? readState(sqlite, 'key_last4') : null,
    unreadable: connected ? (readState(sqlite, 'unreadable') ?? []) : [],
    unwritable: connected ? (readState(sqlite, 'unwritable') ?? []) : [],
    lastEventAt: readState(sqlite, 'last_event_at'),
    lastSyncAt,
    lagSeconds: connected && lastSyncAt !== null ? Math.max(0, Math.round((now - lastSyncAt) / 1000)) : null,
    pollIntervalSeconds: pollIntervalSeconds(sqlite),
    job,
    openErrors: countOpenErrors(sqlite),
    errors: errors.map(toView),
    healedByBackfillAt: readState(sqlite, 'healed_by_backfill_at'),
  };
}

const SORT_SQL: Record<'last_seen_at' | 'occurrences' | 'code', string> = {
  last_seen_at: 'last_seen_at',
  occurrences: 'occurrences',
  code: 'code',
};

export function listSyncErrors(
  sqlite: Sqlite,
  input: {
    page: number;
    pageSize: number;
    sort: { column: keyof typeof SORT_SQL; direction: 'asc' | 'desc' };
    open: boolean;
  },
): Page<SyncErrorView> {
  const where = input.open ? 'WHERE resolved_at IS NULL' : '';
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const total = sqlite.prepare(`SELECT count(*) FROM sync_errors ${where}`).pluck().get() as number;
  const rows = sqlite
    .prepare(
      `SELECT * FROM sync_errors ${where} ORDER BY ${SORT_SQL[input.sort.column]} ${direction}, id LIMIT ? OFFSET ?`,
    )
    .all(input.pageSize, (input.page - 1) * input.pageSize) as ErrorRow[];
  return { rows: rows.map(toView), total, page: input.page, pageSize: input.pageSize };
}
