// Wraps every better-sqlite3 statement's run, get, all and iterate in this process, for the tools loaded with
// `node --import` that watch what the console asks of SQLite (scripts/index-plans, scripts/sql-time).
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** `wrap(method, original)` returns the method to use instead; `this` in it is the statement. */
export function hookStatements(wrap) {
  const Database = createRequire(join(process.cwd(), 'package.json'))('better-sqlite3');
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  for (const method of ['all', 'get', 'run', 'iterate']) statement[method] = wrap(method, statement[method]);
}
