// Wraps every better-sqlite3 statement's run, get, all and iterate in this process, for the tools loaded with
// `node --import` that watch what the console asks of SQLite (scripts/index-plans, scripts/sql-time).
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * `wrap(method, original)` returns the method to use instead; `this` in it is the statement. False when better-sqlite3
 * cannot load in this process (built for Electron: `npm run bench` rebuilds it for Node in a process of its own first).
 */
export function hookStatements(wrap) {
  let probe;
  try {
    const Database = createRequire(join(process.cwd(), 'package.json'))('better-sqlite3');
    probe = new Database(':memory:');
  } catch (error) {
    console.warn(`Statements are not watched in process ${process.pid}: ${String(error).split('\n')[0]}`);
    return false;
  }
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  for (const method of ['all', 'get', 'run', 'iterate']) statement[method] = wrap(method, statement[method]);
  return true;
}
