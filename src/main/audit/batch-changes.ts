// A sync batch entry's changes for the Audit log's drawer: the ones the caller's role may read, narrowed to an entity
// or a projection root when an id was searched, each with its old and new values and the batch's inputs its projection
// root reads (its source); and the filter that selects them, which the audit export shares.
import type { SyncBatchChanges, SyncInput } from '../../shared/contract/audit';
import { idSearch } from '../../shared/ids';
import type { Sqlite } from '../db/open';
import { after } from '../db/sql';
import { keysReadBy } from '../db/projection-keys';
import { SYNC_BATCH, type StoredChange } from './sync-batch';

export interface ChangesQuery {
  seq: number;
  q?: string | undefined;
  entityType?: string | undefined;
  page: number;
  pageSize: number;
}

const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

/**
 * Which of a batch's changes a search selects, as a condition on `audit_sync_changes` (columns prefixed by `alias`):
 * the types the role may read, the entity type filtered on (any, when the filter is the batch entries' own type),
 * and, for a search that looks like an id, the entities of that id or of ids it begins and the changes written under a
 * root that names such an id (a pasted `pi_…` lists its payment's changes, keyed by the console's own ids). Shared by
 * the drawer and the export, so both list the same changes under a batch; matched case-sensitively, as typed.
 */
export function changesFilter(
  query: Pick<ChangesQuery, 'q' | 'entityType'>,
  scope: readonly string[] | null,
  alias = '',
): { sql: string; params: unknown[] } {
  const parts = ['1'];
  const params: unknown[] = [];
  if (scope !== null) {
    parts.push(`${alias}entity_type IN (${scope.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...scope);
  }
  if (query.entityType && query.entityType !== SYNC_BATCH.entityType) {
    parts.push(`${alias}entity_type = ?`);
    params.push(query.entityType);
  }
  const id = query.q ? idSearch(query.q) : null;
  if (id !== null) {
    // The root's parts are its kind and its keys (`payment:pi_…`, `pair:<learner>:<instructor>`): one begins with the id.
    parts.push(
      `((${alias}entity_id >= ? AND ${alias}entity_id < ?) OR instr(':' || ${alias}root, ':' || ?) > 0)`,
    );
    params.push(id, after(id), id);
  }
  return { sql: parts.join(' AND '), params };
}

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

  const filter = changesFilter(query, scope);
  const where = `seq = ? AND ${filter.sql}`;
  const params = [query.seq, ...filter.params];
  const total = sqlite
    .prepare(`SELECT count(*) FROM audit_sync_changes WHERE ${where}`)
    .pluck()
    .get(...params) as number;
  const rows = sqlite
    .prepare(`SELECT * FROM audit_sync_changes WHERE ${where} ORDER BY n LIMIT ? OFFSET ?`)
    .all(...params, query.pageSize, (query.page - 1) * query.pageSize) as StoredChange[];
  return {
    inputs,
    total,
    changes: rows.map((r) => {
      const refs = new Set(keysReadBy(sqlite, r.root));
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
