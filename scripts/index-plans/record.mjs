// Loaded with `node --import`, records the query plan of each distinct statement a process runs, so that every index
// can be shown to serve a query (docs/sync.md, "Which indexes the hot tables keep").
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hookStatements } from '../statement-hook.mjs';

const dir = process.env.LPLATE_PLANS_DIR;
const NOT_PLANNED = /^\s*(EXPLAIN|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|CREATE|DROP|ALTER)/i;

if (dir) {
  mkdirSync(dir, { recursive: true });
  const seen = new Set();
  const out = join(dir, `plans-${process.pid}.jsonl`);
  hookStatements(
    (_method, run) =>
      function (...args) {
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
      },
  );
}
