// The audit log's id index: each entry's id-shaped words (Stripe ids, UUIDs) in its old and new values, as rows of
// `audit_ids`, so a search for a pasted id is a B-tree range, not a scan of every entry. Derived from the entries and
// outside the hash chain; an entry's own entity id needs no row here, even in its values: `audit_entity_id_idx` holds it.
// A sync batch entry's ids are in the batch id index instead (batch-ids.ts).
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

/** The batch entries naming `id` or an id it begins, optionally between two seqs: a range of the batch id index's words. */
const batchMatches = (within: string) =>
  `SELECT rowid FROM audit_batch_ids WHERE audit_batch_ids MATCH ?${within}`;

/**
 * The seqs of the entries whose entity id, or an id in whose values, equals `id` or starts with it, and of the sync
 * batches naming such an id (an input, an entity changed, a root's id): the two index ranges and the batch index's words.
 */
export function idMatchSeqs(id: string): { sql: string; params: string[] } {
  return {
    sql: [
      ...ID_RANGES.map((r) => `SELECT seq FROM ${r.table} WHERE ${inRange(r.column)}`),
      batchMatches(''),
    ].join(' UNION ALL '),
    params: [...ID_RANGES.flatMap(() => [id, after(id)]), batchIdsQuery(id, true)],
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
  return {
    sql: `(${[...tests, `a.seq IN (${batchMatches(' AND rowid BETWEEN ? AND ?')})`].join(' OR ')})`,
    params: [...ID_RANGES.flatMap(() => [id, after(id)]), batchIdsQuery(id, true), low, high],
  };
}

/**
 * For a search that looks like an id: entries whose entity id, or an id in whose values, equals it or starts with
 * it, exactly as typed, and the sync batches naming such an id (idMatchSeqs). Null for ordinary text, which is
 * matched as a substring.
 */
export function idSearchClause(q: string): { sql: string; params: string[] } | null {
  const id = idSearch(q);
  if (id === null) return null;
  const matches = idMatchSeqs(id);
  return { sql: `a.seq IN (${matches.sql})`, params: matches.params };
}
