// Which users a search text matches, by name or email: a capped list of ids when few match (through the trigram
// index `users_search`), or "broad" when more do, so callers test each row instead of collecting every match.
import type { PersonMatch } from '../../shared/contract/people';
import type { Sqlite } from '../db/open';
import { after, likeAny } from '../db/sql';

/** The trigram index looks up three characters or more as a phrase. */
const TRIGRAM_LENGTH = 3;

/** An FTS5 phrase whose characters are all literal: the text in double quotes, inner quotes doubled. */
const ftsPhrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Printable ASCII: the case the index folds and the case LIKE folds are the same. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * The full-text query whose rows include every user containing `text`, or null when the index cannot narrow it (one
 * character, or two that are not plain ASCII): then users are scanned. Two characters: each value is indexed with an
 * end mark after it (drizzle/0046_users_search_ends.sql), so wherever the pair occurs it begins an indexed trigram;
 * the trigrams that begin with it are a range of the index's terms, and the query is any of them ('' when none).
 */
function indexQuery(sqlite: Sqlite, text: string): string | null {
  const length = [...text].length;
  if (length >= TRIGRAM_LENGTH) return ftsPhrase(text);
  if (length < 2 || !PRINTABLE_ASCII.test(text)) return null;
  const pair = text.toLowerCase();
  const terms = sqlite
    .prepare('SELECT term FROM users_search_terms WHERE term >= ? AND term < ?')
    .pluck()
    .all(pair, after(pair)) as string[];
  return terms.length === 0 ? '' : `(${terms.map(ftsPhrase).join(' OR ')})`;
}

/**
 * The condition "users row `alias` has `text` in its name or email" (LIKE: case-insensitive for ASCII, `%` and `_`
 * literal). It is the definition of a match; the index only finds candidates for it. `on` is the users alias, or the
 * columns of a copy of a user's name and email (learner_credits keeps its learner's).
 */
export function userContains(
  text: string,
  on: string | { name: string; email: string } = 'u',
): { sql: string; params: unknown[] } {
  const like = likeAny(text);
  const columns = typeof on === 'string' ? { name: `${on}.name`, email: `${on}.email` } : on;
  return {
    sql: `(${columns.name} LIKE ? ESCAPE '\\' OR ${columns.email} LIKE ? ESCAPE '\\')`,
    params: [like, like],
  };
}

/**
 * Ids of the first `cap + 1` users (in index order) whose name or email (or, `byName`, name alone) contains `text`
 * and who pass `extra` (a condition on `u`); `broad` when there are more than `cap`. The index's candidates stream
 * (the trigram index folds case across Unicode, so it finds a superset), the LIKE keeps exactly the rows a plain scan
 * would, and the LIMIT stops the walk: a text that matches everyone costs `cap` rows, not every user.
 */
export function usersMatching(
  sqlite: Sqlite,
  text: string,
  cap: number,
  extra = '',
  byName = false,
): { ids: string[]; broad: boolean } {
  const contains = byName
    ? { sql: `u.name LIKE ? ESCAPE '\\'`, params: [likeAny(text)] }
    : userContains(text);
  const and = extra ? ` AND ${extra}` : '';
  const query = indexQuery(sqlite, text);
  if (query === '') return { ids: [], broad: false };
  const ids = (
    query === null
      ? sqlite.prepare(`SELECT u.id FROM users u WHERE ${contains.sql}${and} LIMIT ?`)
      : sqlite.prepare(
          `SELECT u.id FROM users_search s CROSS JOIN users u ON u.rowid = s.rowid
           WHERE users_search MATCH ? AND ${contains.sql}${and} LIMIT ?`,
        )
  )
    .pluck()
    .all(
      ...(query === null ? [] : [(byName ? 'name : ' : '') + query]),
      ...contains.params,
      cap + 1,
    ) as string[];
  return { ids: ids.slice(0, cap), broad: ids.length > cap };
}

/** More matches than this and the picker walks users by name instead of sorting every match. */
const PEOPLE_CAP = 1_000;

/** Up to `limit` people whose name or email contains `text`, by name. */
export function searchPeople(sqlite: Sqlite, text: string, limit: number): PersonMatch[] {
  const { ids, broad } = usersMatching(sqlite, text, PEOPLE_CAP);
  const contains = userContains(text);
  // Broad: users_name_idx gives the order and the first `limit` matches end the walk.
  const [where, params] = broad
    ? [contains.sql, contains.params]
    : [`u.id IN (${ids.map(() => '?').join(', ')})`, ids];
  return sqlite
    .prepare(
      `SELECT u.id, u.name, u.email FROM users u WHERE ${where} ORDER BY u.name, u.email, u.id LIMIT ?`,
    )
    .all(...params, limit) as PersonMatch[];
}
