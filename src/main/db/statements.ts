// Prepared statements cached per database and per SQL text (preparing costs more than running a small query),
// each in the result mode it was asked for, so a statement's mode never changes under another caller.
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open';

type Mode = 'rows' | 'pluck' | 'raw';
const cache = new WeakMap<Sqlite, Map<string, Statement>>();

export function statement(sqlite: Sqlite, sql: string, mode: Mode = 'rows'): Statement {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  const key = `${mode}\n${sql}`;
  let s = statements.get(key);
  if (!s) {
    s = sqlite.prepare(sql);
    if (mode === 'pluck') s.pluck();
    if (mode === 'raw') s.raw();
    statements.set(key, s);
  }
  return s;
}
