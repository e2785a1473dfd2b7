// Numbers the keys of projection_refs: a key named after a Stripe object (`payment:pi_…`) is numbered off that
// object's key, so it costs no entry of its own in the keys' text index (docs/sync.md, "Object roots share their object's key").
import type { Sqlite } from './open';
import { statement } from './statements';
import { KEY_STRIDE, OBJECT_KEY_KINDS, objectKeyCode } from './schema/sync';

/** The key whose row numbers `key` (itself, or the object it is named after), and its code. */
function baseOf(key: string): { base: string; code: number } {
  const colon = key.indexOf(':');
  const code = colon > 0 ? objectKeyCode(key.slice(0, colon)) : 0;
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

/**
 * A key's number if its base key was ever named, without numbering it (a key whose base has no row is in no ref). A
 * key named after an object has a number once the object was named, whether or not a ref names the key itself.
 */
export function knownKeyNumber(sqlite: Sqlite, key: string): number | undefined {
  const { base, code } = baseOf(key);
  const row = rowOf(sqlite, base);
  return row === undefined ? undefined : row * KEY_STRIDE + code;
}

/** A key's text from its number and its base key's text. */
function keyName(number: number, base: string): string {
  const code = number % KEY_STRIDE;
  return code === 0 ? base : `${OBJECT_KEY_KINDS[code - 1]}:${base}`;
}

/** Decoded keys across refs: `other` is the column read, `own` the column matched with the given key's number. */
const acrossSql = (other: string, own: string) =>
  `SELECT r.${other} AS n, k.key AS base FROM projection_refs r
   JOIN projection_keys k ON k.id = r.${other} / ${KEY_STRIDE} WHERE r.${own} = ?`;
const READERS_SQL = acrossSql('root_key', 'ref_key');
const READ_SQL = acrossSql('ref_key', 'root_key');

function across(sqlite: Sqlite, key: string, sql: string): string[] {
  const n = knownKeyNumber(sqlite, key);
  if (n === undefined) return [];
  const rows = statement(sqlite, sql).all(n) as { n: number; base: string }[];
  return rows.map((r) => keyName(r.n, r.base));
}

/** Every root that read `key`, in text order. */
export const rootsReading = (sqlite: Sqlite, key: string): string[] =>
  across(sqlite, key, READERS_SQL).sort();

/** Every key `root` read, in no particular order. */
export const keysReadBy = (sqlite: Sqlite, root: string): string[] => across(sqlite, root, READ_SQL);

/**
 * SQL for the Stripe objects a root read, by their ids (`object_id`), for a caller to join on: `?` is the root's
 * number. Keys named after an object are left out: they are not objects themselves.
 */
export const OBJECTS_READ_SQL = `SELECT k.key AS object_id FROM projection_refs r
  JOIN projection_keys k ON k.id = r.ref_key / ${KEY_STRIDE} WHERE r.root_key = ? AND r.ref_key % ${KEY_STRIDE} = 0`;

/** The first column of `sql`'s rows, its one parameter `root`'s number; none when `root` was never named. */
export function byRootNumber(sqlite: Sqlite, root: string, sql: string): unknown[] {
  const n = knownKeyNumber(sqlite, root);
  return n === undefined ? [] : statement(sqlite, sql, 'pluck').all(n);
}
