// Loaded with `node --import`, records the query plan of each distinct statement a process runs, so that every index
// can be shown to serve a query (docs/sync.md, "Which indexes the hot tables keep").
import { appendFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const dir = process.env.LPLATE_PLANS_DIR;
const Database = dir ? createRequire(join(process.cwd(), 'package.json'))('better-sqlite3') : null;
const NOT_PLANNED = /^\s*(EXPLAIN|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|CREATE|DROP|ALTER)/i;

if (Database) {
  mkdirSync(dir, { recursive: true });
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  const seen = new Set();
  const out = join(dir, `plans-${process.pid}.jsonl`);
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const run = statement[method];
    statement[method] = function (...args) {
      const sql = this.source;
      if (!seen.has(sql) && !NOT_PLANNED.test(sql)) {
        seen.add(sql);
        try {
          const plan = this.database
            .prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .all(...args)
            .map((r) => r.detail);
          appendFileSync(out, `${JSON.stringify({ sql, plan })}\n`);
        } catch {
          // A statement whose plan cannot be asked for with its own arguments is left out, not guessed.
        }
      }
      return run.apply(this, args);
    };
  }
}
