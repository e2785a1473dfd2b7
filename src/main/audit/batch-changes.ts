// A sync batch entry's changes for the Audit log: the ones the caller's role may read, narrowed to an entity when an id
// was searched, each with its old and new values and the batch's inputs its projection root reads (its source).
import type { SyncBatchChanges, SyncInput } from '../../shared/contract/audit';
import { idSearch } from '../../shared/ids';
import type { Sqlite } from '../db/open';
import { after } from './ids';
import { SYNC_BATCH, type StoredChange } from './sync-batch';

export interface ChangesQuery {
  seq: number;
  q?: string | undefined;
  entityType?: string | undefined;
  page: number;
  pageSize: number;
}

const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

export function batchChanges(
  sqlite: Sqlite,
  query: ChangesQuery,
  scope: readonly string[] | null,
): SyncBatchChanges {
  const entry = sqlite
    .prepare('SELECT new_values FROM audit_logs WHERE seq = ? AND entity_type = ? AND action = ?')
    .pluck()
    .get(query.seq, SYNC_BATCH.entityType, SYNC_BATCH.action) as string | undefined;
  if (entry === undefined) return { inputs: [], total: 0, changes: [] };
  const inputs = (JSON.parse(entry) as { inputs: SyncInput[] }).inputs;

  const parts = ['seq = ?'];
  const params: unknown[] = [query.seq];
  if (scope !== null) {
    parts.push(`entity_type IN (${scope.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...scope);
  }
  if (query.entityType) {
    parts.push('entity_type = ?');
    params.push(query.entityType);
  }
  const id = query.q ? idSearch(query.q) : null;
  if (id !== null) {
    // An id as the Audit log's search reads it: this id or the ones it begins.
    parts.push('entity_id >= ? AND entity_id < ?');
    params.push(id, after(id));
  }
  const where = parts.join(' AND ');
  const total = sqlite
    .prepare(`SELECT count(*) FROM audit_sync_changes WHERE ${where}`)
    .pluck()
    .get(...params) as number;
  const rows = sqlite
    .prepare(`SELECT * FROM audit_sync_changes WHERE ${where} ORDER BY n LIMIT ? OFFSET ?`)
    .all(...params, query.pageSize, (query.page - 1) * query.pageSize) as StoredChange[];
  const reads = sqlite.prepare('SELECT ref FROM projection_refs WHERE root = ?').pluck();
  return {
    inputs,
    total,
    changes: rows.map((r) => {
      const refs = new Set(reads.all(r.root) as string[]);
      return {
        n: r.n,
        entityType: r.entity_type,
        entityId: r.entity_id,
        action: r.action,
        oldValues: parse(r.old_values),
        newValues: parse(r.new_values),
        root: r.root,
        sources: inputs.filter((i) => refs.has(i.object)),
      };
    }),
  };
}
