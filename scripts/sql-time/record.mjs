// Loaded with `node --import`, counts each distinct statement's calls and the time spent in them, and writes the
// figures to `$LPLATE_SQL_TIME_DIR/sql-time-<pid>.json` when the process exits (scripts/sql-time/report.ts reads them).
// A statement's time is SQLite's work for it plus the binding's (a `COMMIT` includes its wait for the disk); `iterate`
// counts only the call that opens it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hookStatements } from '../statement-hook.mjs';

const dir = process.env.LPLATE_SQL_TIME_DIR;

if (dir) {
  mkdirSync(dir, { recursive: true });
  /** By method and SQL text; each statement object finds its entry once per method. */
  const entries = new Map();
  hookStatements((method, call) => {
    const ofStatement = new WeakMap();
    return function (...args) {
      const started = process.hrtime.bigint();
      try {
        return call.apply(this, args);
      } finally {
        const ended = process.hrtime.bigint();
        let entry = ofStatement.get(this);
        if (!entry) {
          const key = `${method} ${this.source}`;
          entry = entries.get(key);
          if (!entry) entries.set(key, (entry = { method, sql: this.source, calls: 0, ns: 0n }));
          ofStatement.set(this, entry);
        }
        entry.calls += 1;
        entry.ns += ended - started;
      }
    };
  });
  process.once('exit', () => {
    if (entries.size === 0) return;
    const statements = [...entries.values()].map(({ method, sql, calls, ns }) => ({
      method,
      sql,
      calls,
      ms: Number(ns) / 1e6,
    }));
    writeFileSync(
      join(dir, `sql-time-${process.pid}.json`),
      JSON.stringify({ argv: process.argv.slice(1), statements }),
    );
  });
}
