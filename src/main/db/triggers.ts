// The safeguard triggers (append-only audit log, immutable Stripe writes, search index) are checked at every opening:
// a trigger dropped or rewritten by someone who opened the file with another tool stops the console from starting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { readJournal, splitStatements } from './migrate';

export class TriggerIntegrityError extends Error {
  override name = 'TriggerIntegrityError';
}

const CREATE = /^CREATE\s+TRIGGER\s+[`"]?(\w+)[`"]?/i;
const DROP = /^DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?[`"]?(\w+)[`"]?/i;

/** SQLite keeps a trigger's CREATE statement as it was written; compare texts with whitespace and `;` evened out. */
const normalise = (sql: string) => sql.replace(/\s+/g, ' ').replace(/;\s*$/, '').trim();

/** Every trigger the migrations leave in place, by name, with the text that created it. */
export function expectedTriggers(migrationsDir: string): Map<string, string> {
  const triggers = new Map<string, string>();
  for (const entry of readJournal(migrationsDir)) {
    const text = readFileSync(join(migrationsDir, `${entry.tag}.sql`), 'utf8');
    for (const statement of splitStatements(text)) {
      // A statement may open with comments: SQLite stores it from its first keyword.
      const start = statement.search(/\b(CREATE|DROP)\s+TRIGGER\b/i);
      if (start < 0) continue;
      const sql = statement.slice(start);
      const created = CREATE.exec(sql);
      if (created) triggers.set(created[1]!, normalise(sql));
      const dropped = DROP.exec(sql);
      if (dropped) triggers.delete(dropped[1]!);
    }
  }
  return triggers;
}

/** Throws, naming them, when a trigger the migrations made is missing or no longer says what they wrote. */
export function checkTriggers(sqlite: Database.Database, migrationsDir: string): void {
  const present = new Map(
    (
      sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
        sql: string;
      }[]
    ).map((t) => [t.name, normalise(t.sql)]),
  );
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [name, sql] of expectedTriggers(migrationsDir)) {
    const found = present.get(name);
    if (found === undefined) missing.push(name);
    else if (found !== sql) changed.push(name);
  }
  if (missing.length === 0 && changed.length === 0) return;
  const parts = [
    missing.length ? `missing: ${missing.join(', ')}` : '',
    changed.length ? `changed: ${changed.join(', ')}` : '',
  ].filter(Boolean);
  throw new TriggerIntegrityError(
    `The workspace database's safeguard triggers were tampered with (${parts.join('; ')}). ` +
      'Someone changed the file outside the console; restore it from a backup and check the audit log ' +
      '(lplate audit verify) before using it again.',
  );
}
