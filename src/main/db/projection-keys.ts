// Numbers the keys of projection_refs: a root named after a Stripe object (`payment:pi_…`) is numbered off that
// object's key, so it costs no entry of its own in the keys' text index (docs/sync.md, "Object roots share their object's key").
import type { Sqlite } from './open';
import { statement } from './statements';
import { KEY_STRIDE, OBJECT_ROOT_KINDS } from './schema/sync';

/** The key whose row numbers `key` (itself, or the object an object root is named after), and its code. */
function baseOf(key: string): { base: string; code: number } {
  const colon = key.indexOf(':');
  const code = colon > 0 ? (OBJECT_ROOT_KINDS as readonly string[]).indexOf(key.slice(0, colon)) + 1 : 0;
  return code > 0 ? { base: key.slice(colon + 1), code } : { base: key, code: 0 };
}

const rowOf = (sqlite: Sqlite, base: string) =>
  statement(sqlite, 'SELECT id FROM projection_keys WHERE key = ?', 'pluck').get(base) as number | undefined;

/** A key's number, its base key numbered the first time it is named (rows grow, so new keys' refs append). */
export function keyNumber(sqlite: Sqlite, key: string): number {
  const { base, code } = baseOf(key);
  const row =
    rowOf(sqlite, base) ??
    Number(statement(sqlite, 'INSERT INTO projection_keys (key) VALUES (?)').run(base).lastInsertRowid);
  return row * KEY_STRIDE + code;
}

/** A key's number if it was ever named (no ref reads or is a key that was not), without numbering it. */
export function knownKeyNumber(sqlite: Sqlite, key: string): number | undefined {
  const { base, code } = baseOf(key);
  const row = rowOf(sqlite, base);
  return row === undefined ? undefined : row * KEY_STRIDE + code;
}

/** A key's text from its number and its base key's text. */
function keyName(number: number, base: string): string {
  const code = number % KEY_STRIDE;
  return code === 0 ? base : `${OBJECT_ROOT_KINDS[code - 1]}:${base}`;
}

/** The keys across `key`'s refs: the roots that read it (`readers`), or the keys it read as a root (`read`). */
function across(sqlite: Sqlite, key: string, side: 'readers' | 'read'): string[] {
  const n = knownKeyNumber(sqlite, key);
  if (n === undefined) return [];
  const [other, own] = side === 'readers' ? ['root_key', 'ref_key'] : ['ref_key', 'root_key'];
  const rows = statement(
    sqlite,
    `SELECT r.${other} AS n, k.key AS base FROM projection_refs r
     JOIN projection_keys k ON k.id = r.${other} / ${KEY_STRIDE} WHERE r.${own} = ?`,
  ).all(n) as { n: number; base: string }[];
  return rows.map((r) => keyName(r.n, r.base));
}

/** Every root that read `key`, in text order. */
export const rootsReading = (sqlite: Sqlite, key: string): string[] => across(sqlite, key, 'readers').sort();

/** Every key `root` read, in no particular order. */
export const keysReadBy = (sqlite: Sqlite, root: string): string[] => across(sqlite, root, 'read');

/**
 * SQL for the Stripe objects a root read, by their ids (`object_id`), for a caller to join on: `?` is the root's
 * number. Object roots are left out: they are named after an object but are not one.
 */
export const OBJECTS_READ_SQL = `SELECT k.key AS object_id FROM projection_refs r
  JOIN projection_keys k ON k.id = r.ref_key / ${KEY_STRIDE} WHERE r.root_key = ? AND r.ref_key % ${KEY_STRIDE} = 0`;
