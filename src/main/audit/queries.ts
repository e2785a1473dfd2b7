// Audit log listing for the Audit page: filtered, paged and sorted in SQL.
import type { AuditActor, AuditEntry, AuditFacets } from '../../shared/contract/audit';
import type { Page } from '../../shared/contract/define';
import { addDays, londonMidnight } from '../../shared/dates';
import type { Sqlite } from '../db/open';
import { countUpTo } from '../db/sql';
import { idSearch } from '../../shared/ids';
import { batchesNaming, idSearchClause } from './ids';

export interface AuditQuery {
  page: number;
  pageSize: number;
  sort: { column: 'seq' | 'entity_type' | 'action'; direction: 'asc' | 'desc' };
  entityType?: string | undefined;
  action?: string | undefined;
  operatorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

/** The filters alone: what the list and its export share. */
export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize' | 'sort'>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Entries about one of `types`: their own, or a sync batch that changed one (audit/sync-batch.ts). The batches' side
 * is left out while no batch changed such a type (a workspace with only per-entity entries keeps its plan: the
 * entity index in seq order, where the OR has SQLite collect and sort every match). A batch is tested entry by
 * entry, a seek of `audit_sync_changes_type_idx` each, so a page walks the log newest first and stops: gathering
 * every batch's matching change first (`a.seq IN (…)`) took 90–140 ms for support's first page over 1M changes.
 */
function aboutTypes(sqlite: Sqlite, types: readonly string[]): { sql: string; params: string[] } {
  const list = types.map(() => '?').join(', ') || 'NULL';
  const own = `a.entity_type IN (${list})`;
  return sqlite
    .prepare(`SELECT 1 FROM audit_sync_changes WHERE entity_type IN (${list}) LIMIT 1`)
    .get(...types)
    ? {
        sql: `(${own} OR EXISTS (SELECT 1 FROM audit_sync_changes c WHERE c.entity_type IN (${list}) AND c.seq = a.seq))`,
        params: [...types, ...types],
      }
    : { sql: own, params: [...types] };
}

/** The entity types a role may read (null: all), as SQL: an empty list reads nothing. */
const scopeClause = (sqlite: Sqlite, scope: readonly string[] | null) =>
  scope === null ? null : aboutTypes(sqlite, scope);

/** The types an entity filter and the role's scope both allow: a batch must have changed one of these. */
function typesClause(sqlite: Sqlite, entityType: string | undefined, scope: readonly string[] | null) {
  if (!entityType) return scopeClause(sqlite, scope);
  return aboutTypes(sqlite, scope === null || scope.includes(entityType) ? [entityType] : []);
}

export function whereClause(
  sqlite: Sqlite,
  query: AuditFilters,
  scope: readonly string[] | null,
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    parts.push(clause);
    params.push(...values);
  };
  const types = typesClause(sqlite, query.entityType, scope);
  if (types) add(types.sql, ...types.params);
  if (query.action) add('a.action = ?', query.action);
  if (query.operatorId) add('a.user_id = ?', query.operatorId);
  if (query.from) add('a.created_at >= ?', londonMidnight(query.from));
  if (query.to) add('a.created_at < ?', londonMidnight(addDays(query.to, 1)));
  const ids = query.q ? idSearchClause(query.q) : null;
  if (ids) add(ids.sql, ...ids.params);
  else if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    const columns = ['a.entity_id', 'a.entity_type', 'a.action', 'a.old_values', 'a.new_values', 'u.name'];
    add(`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...columns.map(() => like));
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const SORT_SQL = { seq: 'a.seq', entity_type: 'a.entity_type', action: 'a.action' } as const;

export interface AuditRow {
  id: string;
  seq: number;
  entity_type: string;
  entity_id: string;
  action: string;
  old_values: string | null;
  new_values: string | null;
  user_id: string | null;
  operator_name: string | null;
  actor: AuditActor;
  created_at: number;
  hash: string;
}

const parseValues = (text: string | null) =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

export const SELECT_ENTRY = `SELECT a.id, a.seq, a.entity_type, a.entity_id, a.action, a.old_values, a.new_values, a.user_id,
  u.name AS operator_name, a.actor, a.created_at, a.hash FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id`;

export const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  seq: r.seq,
  entityType: r.entity_type,
  entityId: r.entity_id,
  action: r.action,
  oldValues: parseValues(r.old_values),
  newValues: parseValues(r.new_values),
  userId: r.user_id,
  operatorName: r.operator_name,
  actor: r.actor,
  createdAt: r.created_at,
  hash: r.hash,
});

/** A sync batch's changes to one entity, each as an entry of its own (`<batch entry id>/<n>`) under the batch's seq. */
const SELECT_BATCH_CHANGE = `SELECT a.id || '/' || c.n AS id, a.seq, c.entity_type, c.entity_id, c.action, c.old_values,
  c.new_values, NULL AS user_id, NULL AS operator_name, a.actor, a.created_at, a.hash, c.n
  FROM audit_sync_changes c JOIN audit_logs a ON a.seq = c.seq`;

/**
 * Every entry about one entity, oldest first, sync batches' changes to it included (a detail drawer's trail): the
 * batches naming its id are the batch id index's, and each is read on its key for the entity's changes.
 */
export function auditTrail(sqlite: Sqlite, entityId: string): AuditEntry[] {
  const batches = batchesNaming(entityId, false);
  return (
    sqlite
      .prepare(
        `SELECT * FROM (SELECT *, -1 AS n FROM (${SELECT_ENTRY} WHERE a.entity_id = ?)
         UNION ALL ${SELECT_BATCH_CHANGE}
         WHERE c.seq IN (${batches.sql}) AND c.entity_id = ?)
         ORDER BY seq, n`,
      )
      .all(entityId, ...batches.params, entityId) as AuditRow[]
  ).map(toEntry);
}

export function listAudit(
  sqlite: Sqlite,
  query: AuditQuery,
  scope: readonly string[] | null,
): Page<AuditEntry> {
  const where = whereClause(sqlite, query, scope);
  // Only a text search reads the operator's name; filters count on audit_logs' own indexes, up to a cap.
  const from =
    query.q && idSearch(query.q) === null
      ? 'FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id'
      : 'FROM audit_logs a';
  const count = where.sql
    ? countUpTo(sqlite, `${from} ${where.sql}`, where.params, query)
    : { total: sqlite.prepare('SELECT count(*) FROM audit_logs').pluck().get() as number };
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const tieBreak = query.sort.column === 'seq' ? '' : `, a.seq ${direction}`;
  const order = `ORDER BY ${SORT_SQL[query.sort.column]} ${direction}${tieBreak}`;
  // The page's seqs first, from the filters' index alone (a day's entries are sorted by seq without reading them),
  // then only those rows.
  const rows = sqlite
    .prepare(
      `${SELECT_ENTRY} WHERE a.seq IN (SELECT a.seq ${from} ${where.sql} ${order} LIMIT ? OFFSET ?) ${order}`,
    )
    .all(...where.params, query.pageSize, (query.page - 1) * query.pageSize) as AuditRow[];
  return {
    rows: rows.map(toEntry),
    ...count,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The entity types sync batches changed that `scope` reads: for a scope, one seek of the type index per type. */
const changedTypes = (sqlite: Sqlite, scope: readonly string[] | null) =>
  sqlite
    .prepare(
      scope === null
        ? 'SELECT DISTINCT entity_type FROM audit_sync_changes'
        : 'SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM audit_sync_changes WHERE entity_type = value)',
    )
    .pluck()
    .all(...(scope === null ? [] : [JSON.stringify(scope)])) as string[];

export function auditFacets(sqlite: Sqlite, scope: readonly string[] | null): AuditFacets {
  const scoped = scopeClause(sqlite, scope);
  const where = scoped ? `WHERE ${scoped.sql}` : '';
  const and = scoped ? `AND ${scoped.sql}` : '';
  const params = scoped?.params ?? [];
  const column = (sql: string) =>
    (
      sqlite
        .prepare(sql)
        .pluck()
        .all(...params) as string[]
    ).filter(Boolean);
  return {
    // A type sync changed is offered too: its filter finds the batches that changed one.
    entityTypes: [
      ...new Set([
        ...column(`SELECT DISTINCT entity_type FROM audit_logs a ${where}`),
        ...changedTypes(sqlite, scope),
      ]),
    ].sort(),
    actions: column(`SELECT DISTINCT action FROM audit_logs a ${where} ORDER BY action`),
    operators: sqlite
      .prepare(
        `SELECT u.id, u.name FROM users u
         WHERE u.id IN (SELECT DISTINCT user_id FROM audit_logs a WHERE user_id IS NOT NULL ${and})
         ORDER BY u.name COLLATE NOCASE`,
      )
      .all(...params) as { id: string; name: string }[],
  };
}
