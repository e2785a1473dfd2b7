// Which users a search text matches, by name or email, through the trigram index `users_search`: the Payments
// search and the people picker.
import type { PersonMatch } from '../../shared/contract/people';
import type { Sqlite } from '../db/open';
import { likeAny } from '../db/sql';

/** The trigram index cannot look up text shorter than three characters: that text scans users instead. */
const TRIGRAM_LENGTH = 3;

/** An FTS5 phrase whose characters are all literal: the text in double quotes, inner quotes doubled. */
const ftsPhrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * A `SELECT id FROM users` of the users whose name or email contains `text` (LIKE: case-insensitive for
 * ASCII). The index finds candidates — it folds case across Unicode, so it matches a superset — and the
 * same LIKE as the plain scan then keeps exactly the rows that scan would.
 */
export function usersMatching(text: string): { sql: string; params: unknown[] } {
  const like = likeAny(text);
  const contains = `(u.name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')`;
  if ([...text].length < TRIGRAM_LENGTH) {
    return { sql: `SELECT u.id FROM users u WHERE ${contains}`, params: [like, like] };
  }
  return {
    sql: `SELECT u.id FROM users u
          WHERE u.rowid IN (SELECT rowid FROM users_search WHERE users_search MATCH ?) AND ${contains}`,
    params: [ftsPhrase(text), like, like],
  };
}

/** Up to `limit` people whose name or email contains `text`, by name. */
export function searchPeople(sqlite: Sqlite, text: string, limit: number): PersonMatch[] {
  const match = usersMatching(text);
  return sqlite
    .prepare(`SELECT id, name, email FROM users WHERE id IN (${match.sql}) ORDER BY name, email, id LIMIT ?`)
    .all(...match.params, limit) as PersonMatch[];
}
