// The audit log's id index: each entry's id-shaped words (Stripe ids, UUIDs) in its old and new values, as rows of
// `audit_ids`, so a search for a pasted id is a B-tree range, not a scan of every entry. Derived from the entries and
// outside the hash chain; an entry's own entity id needs no row here, even in its values: `audit_entity_id_idx` holds it.
// A sync batch entry's ids are in the batch id index instead (written by sync-batch.ts, spelled by
// src/shared/batch-id-words.ts).
import type { Statement } from 'better-sqlite3';
import { idSearch } from '../../shared/ids';
import type { Sqlite } from '../db/open';
import { after } from '../db/sql';
import { batchIdsQuery } from '../../shared/batch-id-words';

const inserts = new WeakMap<Sqlite, Statement>();

/** Indexes one entry's ids (`valueIds` of its stored values but its entity id); appendAudit calls it in its transaction. */
export function indexAuditIds(sqlite: Sqlite, seq: number, ids: readonly string[]): void {
  if (ids.length === 0) return;
  let insert = inserts.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare('INSERT INTO audit_ids (value_id, seq) VALUES (?, ?)');
    inserts.set(sqlite, insert);
  }
  for (const id of ids) insert.run(id, seq);
}

/** Where an entry can name an id outside a sync batch, each a range of an index: its entity id, its values' ids. */
const ID_RANGES = [
  { table: 'audit_logs', column: 'entity_id' },
  { table: 'audit_ids', column: 'value_id' },
] as const;

const inRange = (column: string) => `${column} >= ? AND ${column} < ?`;

/**
 * The seqs of the batch entries naming `id` (or, with `prefix`, an id it begins), only those between two seqs when
 * `within` is given: the batch id index's words.
 */
export function batchesNaming(
  id: string,
  prefix: boolean,
  within?: [low: number, high: number],
): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT rowid FROM audit_batch_ids WHERE audit_batch_ids MATCH ?${within ? ' AND rowid BETWEEN ? AND ?' : ''}`,
    params: [batchIdsQuery(id, prefix), ...(within ?? [])],
  };
}

/**
 * The seqs of the entries whose entity id, or an id in whose values, equals `id` or starts with it, and of the sync
 * batches naming such an id (an input, an entity changed, a root's id): the two index ranges and the batch index's words.
 */
export function idMatchSeqs(id: string): { sql: string; params: unknown[] } {
  const batches = batchesNaming(id, true);
  return {
    sql: [...ID_RANGES.map((r) => `SELECT seq FROM ${r.table} WHERE ${inRange(r.column)}`), batches.sql].join(
      ' UNION ALL ',
    ),
    params: [...ID_RANGES.flatMap(() => [id, after(id)]), ...batches.params],
  };
}

/**
 * The same as a test of one entry `a` by its seq and entity id, for a walk of the log in seq order between the seqs
 * `low` and `high`: the batch index is asked once for that stretch.
 */
export function idMatchesEntry(id: string, low: number, high: number): { sql: string; params: unknown[] } {
  const tests = ID_RANGES.map((r) =>
    r.table === 'audit_logs'
      ? `(${inRange(`a.${r.column}`)})`
      : `EXISTS (SELECT 1 FROM ${r.table} x WHERE x.seq = a.seq AND ${inRange(`x.${r.column}`)})`,
  );
  const batches = batchesNaming(id, true, [low, high]);
  return {
    sql: `(${[...tests, `a.seq IN (${batches.sql})`].join(' OR ')})`,
    params: [...ID_RANGES.flatMap(() => [id, after(id)]), ...batches.params],
  };
}

/**
 * For a search that looks like an id: entries whose entity id, or an id in whose values, equals it or starts with
 * it, exactly as typed, and the sync batches naming such an id (idMatchSeqs). Null for ordinary text, which is
 * matched as a substring.
 */
export function idSearchClause(q: string): { sql: string; params: unknown[] } | null {
  const id = idSearch(q);
  if (id === null) return null;
  const matches = idMatchSeqs(id);
  return { sql: `a.seq IN (${matches.sql})`, params: matches.params };
}
