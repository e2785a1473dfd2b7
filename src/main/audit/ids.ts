// The audit log's id index: each entry's id-shaped words (Stripe ids, UUIDs) in its old and new values, as rows of
// `audit_ids`, so a search for a pasted id is a B-tree range, not a scan of every entry. Derived from the entries and
// outside the hash chain; an entry's own entity id needs no row here, even in its values: `audit_entity_id_idx` holds it.
// A sync batch entry also has a row for each id its changes' projection roots name (`pi_…` of `payment:pi_…`).
import type { Statement } from 'better-sqlite3';
import { idSearch } from '../../shared/ids';
import type { Sqlite } from '../db/open';

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

/** The first text after every text that starts with `prefix` (its last character, ASCII here, moved up by one). */
export const after = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * The seqs of the entries whose entity id, or an id in whose values (or a sync batch's roots), equals `id` or starts
 * with it, and of the sync batches that changed such an entity: three index ranges.
 */
export function idMatchSeqs(id: string): { sql: string; params: string[] } {
  const end = after(id);
  return {
    sql: `SELECT seq FROM audit_ids WHERE value_id >= ? AND value_id < ?
      UNION ALL SELECT seq FROM audit_logs WHERE entity_id >= ? AND entity_id < ?
      UNION ALL SELECT seq FROM audit_sync_changes WHERE entity_id >= ? AND entity_id < ?`,
    params: [id, end, id, end, id, end],
  };
}

/** The same three ranges as a test of one entry `a` by its seq and entity id, for a walk of the log in seq order. */
export function idMatchesEntry(id: string): { sql: string; params: string[] } {
  const end = after(id);
  return {
    sql: `((a.entity_id >= ? AND a.entity_id < ?)
      OR EXISTS (SELECT 1 FROM audit_ids i WHERE i.seq = a.seq AND i.value_id >= ? AND i.value_id < ?)
      OR EXISTS (SELECT 1 FROM audit_sync_changes c WHERE c.seq = a.seq AND c.entity_id >= ? AND c.entity_id < ?))`,
    params: [id, end, id, end, id, end],
  };
}

/**
 * For a search that looks like an id: entries whose entity id, or an id in whose values, equals it or starts with
 * it, exactly as typed, and the sync batches that changed such an entity; each is a range of an index. Null for
 * ordinary text, which is matched as a substring.
 */
export function idSearchClause(q: string): { sql: string; params: string[] } | null {
  const id = idSearch(q);
  if (id === null) return null;
  const matches = idMatchSeqs(id);
  return { sql: `a.seq IN (${matches.sql})`, params: matches.params };
}
