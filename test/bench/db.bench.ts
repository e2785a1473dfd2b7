// db.insertPayments (through drizzle, the app's data layer) next to sqlite.rawInsert (a bare prepared statement).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDatabase } from '../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { insertPayments } from '../../src/main/payments/store';
import type { Bench } from './bench';
import { seedPeople, syntheticPayments } from './synthetic';

const ROWS = { small: 50_000, large: 1_000_000 } as const;
const BATCH = 10_000;

function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-'));
  const opened = openWorkspaceDatabase(dir, MIGRATIONS_DIR);
  return { ...opened, dir, ...seedPeople(opened.sqlite, 1000, 50) };
}

function timed(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export const benches: Bench[] = [
  {
    name: 'db.insertPayments',
    async run({ scale, report }) {
      const count = ROWS[scale];
      const base = { rows: count, batch: BATCH, scale, pragmas: 'WAL, synchronous=FULL, foreign_keys=ON' };

      const app = freshDatabase();
      const appRows = syntheticPayments(count, app.learners, app.instructors);
      const appSeconds = timed(() => {
        for (let i = 0; i < appRows.length; i += BATCH) insertPayments(app.db, appRows.slice(i, i + BATCH));
      });
      app.sqlite.close();
      rmSync(app.dir, { recursive: true, force: true });
      report({
        bench: 'db.insertPayments',
        value: Math.round(count / appSeconds),
        unit: 'rows/s',
        seconds: appSeconds,
        ...base,
      });

      const raw = freshDatabase();
      const rawRows = syntheticPayments(count, raw.learners, raw.instructors);
      const columns = Object.keys(rawRows[0]!);
      const insert = raw.sqlite.prepare(
        `INSERT INTO payments (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      const rawSeconds = timed(() => {
        for (let i = 0; i < rawRows.length; i += BATCH) {
          raw.sqlite.transaction(() => {
            for (const row of rawRows.slice(i, i + BATCH)) insert.run(row);
          })();
        }
      });
      raw.sqlite.close();
      rmSync(raw.dir, { recursive: true, force: true });
      report({
        bench: 'sqlite.rawInsert',
        value: Math.round(count / rawSeconds),
        unit: 'rows/s',
        seconds: rawSeconds,
        ...base,
      });
    },
  },
];
