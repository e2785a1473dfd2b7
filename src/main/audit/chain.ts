// Writes audit entries into the hash chain, inside the caller's transaction: hash = HMAC-SHA256(workspace audit key,
// prev_hash ‖ canonical row) from the chain's `keyed` marker on, plain sha256 for the entries written before it.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db/open';
import type { AuditActor } from '../../shared/contract/audit';
import type { AuditAction, AuditEntity } from '../../shared/names';
import { keyFor } from './keying';
import { valueIds } from '../../shared/ids';
import { indexAuditIds } from './ids';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  /** Named in src/shared/names.ts: a new entity or action is given its readable name there first. */
  entityType: AuditEntity;
  entityId: string;
  action: AuditAction;
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
  userId: string | null;
  actor: AuditActor;
  createdAt: number;
}

/** The stored row as text, exactly as the chain hashes it. */
export interface StoredAuditRow {
  id: string;
  seq: number;
  entity_type: string;
  entity_id: string;
  action: string;
  old_values: string | null;
  new_values: string | null;
  user_id: string | null;
  actor: string;
  created_at: number;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so the same values always give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** The entry's hash: keyed when `key` is given (entries from the chain's `keyed` marker on), plain sha256 before. */
export function hashAuditRow(row: Omit<StoredAuditRow, 'hash'>, key: Buffer | null = null): string {
  const canonical = JSON.stringify([
    row.seq,
    row.id,
    row.entity_type,
    row.entity_id,
    row.action,
    row.old_values,
    row.new_values,
    row.user_id,
    row.actor,
    row.created_at,
  ]);
  const digest = key ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(row.prev_hash).update('\n').update(canonical).digest('hex');
}

const statements = new WeakMap<Sqlite, { last: Statement; insert: Statement }>();

function prepared(sqlite: Sqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      last: sqlite.prepare('SELECT seq, hash FROM audit_logs ORDER BY seq DESC LIMIT 1'),
      insert: sqlite.prepare(
        `INSERT INTO audit_logs (id, seq, entity_type, entity_id, action, old_values, new_values, user_id, actor, created_at, prev_hash, hash)
         VALUES (@id, @seq, @entity_type, @entity_id, @action, @old_values, @new_values, @user_id, @actor, @created_at, @prev_hash, @hash)`,
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * Appends one entry, and its ids to the search's id index (unless `indexIds` is false: a sync batch entry indexes its
 * ids with its changes', sync-batch.ts). Call it inside the transaction of the change it describes.
 */
export function appendAudit(sqlite: Sqlite, record: AuditRecord, { indexIds = true } = {}): StoredAuditRow {
  if (!sqlite.inTransaction)
    throw new Error('appendAudit must run inside the transaction of the change it records');
  const s = prepared(sqlite);
  const last = s.last.get() as { seq: number; hash: string } | undefined;
  const row: Omit<StoredAuditRow, 'hash'> = {
    id: randomUUID(),
    seq: (last?.seq ?? 0) + 1,
    entity_type: record.entityType,
    entity_id: record.entityId,
    action: record.action,
    old_values: record.oldValues == null ? null : canonicalJson(record.oldValues),
    new_values: record.newValues == null ? null : canonicalJson(record.newValues),
    user_id: record.userId,
    actor: record.actor,
    created_at: record.createdAt,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const stored = { ...row, hash: hashAuditRow(row, keyFor(sqlite, row.seq)) };
  s.insert.run(stored);
  if (!indexIds) return stored;
  const ids = valueIds(stored.old_values, stored.new_values).filter((id) => id !== stored.entity_id);
  indexAuditIds(sqlite, stored.seq, ids);
  return stored;
}

/** Only the fields that changed, as { old, new } value maps, for an update entry. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (canonicalJson(before[key]) !== canonicalJson(value)) {
      oldValues[key] = before[key];
      newValues[key] = value;
    }
  }
  return { oldValues, newValues };
}
