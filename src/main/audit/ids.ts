// The audit log's id index: each entry's id-shaped words (Stripe ids, UUIDs) in its old and new values, as rows of
// `audit_ids`, so a search for a pasted id is a B-tree range, not a scan of every entry. Derived from the entries and
// outside the hash chain; entity ids need no rows here, `audit_entity_id_idx` already holds them.
import type { Statement } from 'better-sqlite3';
import { idSearch, idWords } from '../../shared/ids';
import type { Sqlite } from '../db/open';

/** A JSON escape (`\n`, `\"`, `\u00e9`) would join its letter to the next word: each reads as a space. */
const ESCAPE = /\\(?:u[0-9a-fA-F]{4}|.)/g;

/** The distinct id-shaped words of an entry's stored old and new values (JSON text, keys included). */
export function valueIds(...values: (string | null)[]): string[] {
  const ids = new Set<string>();
  for (const text of values)
    if (text !== null) for (const w of idWords(text.replace(ESCAPE, ' '))) ids.add(w);
  return [...ids];
}

const inserts = new WeakMap<Sqlite, Statement>();

/** Indexes one entry's ids; appendAudit calls it in the entry's transaction. */
export function indexAuditIds(sqlite: Sqlite, seq: number, ids: readonly string[]): void {
  if (ids.length === 0) return;
  let insert = inserts.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare('INSERT INTO audit_ids (value_id, seq) VALUES (?, ?)');
    inserts.set(sqlite, insert);
  }
  for (const id of ids) insert.run(id, seq);
}

/**
 * `audit_value_ids(text)`: the same words as a table, for the migration that fills `audit_ids` from the entries
 * already written. It takes the values' texts joined (SQLite gives a table function no rows for a NULL argument).
 * Registered on every connection before migrating.
 */
export function registerAuditIdFunction(sqlite: Sqlite): void {
  sqlite.table('audit_value_ids', {
    columns: ['value_id'],
    parameters: ['text'],
    *rows(text: unknown) {
      for (const id of valueIds(text as string)) yield { value_id: id };
    },
  });
}

/** The first text after every text that starts with `prefix` (its last character, ASCII here, moved up by one). */
const after = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * For a search that looks like an id: entries whose entity id, or an id in whose values, equals it or starts with
 * it, exactly as typed; both are ranges of an index. Null for ordinary text, which is matched as a substring.
 */
export function idSearchClause(q: string): { sql: string; params: string[] } | null {
  const id = idSearch(q);
  if (id === null) return null;
  const end = after(id);
  return {
    sql: `a.seq IN (SELECT seq FROM audit_ids WHERE value_id >= ? AND value_id < ?
      UNION ALL SELECT seq FROM audit_logs WHERE entity_id >= ? AND entity_id < ?)`,
    params: [id, end, id, end],
  };
}
