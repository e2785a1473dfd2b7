// Reads the plans `record.mjs` wrote and the triggers of a freshly migrated database, and prints each index with the
// number of distinct statements whose plan uses it (`--show name,…` lists those statements).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';

const dir = process.env.LPLATE_PLANS_DIR;
if (!dir) throw new Error('Set LPLATE_PLANS_DIR to the folder the recorded plans are in.');
const show = (process.argv[process.argv.indexOf('--show') + 1] ?? '').split(',');

const file = join(dir, 'schema.db');
rmSync(file, { force: true });
const db = new Database(file);
migrate(db, MIGRATIONS_DIR);

interface Planned {
  sql: string;
  plan: string[];
}
interface Row {
  name: string;
  sql: string;
}

const users = new Map<string, Set<string>>();
const useAll = (plan: string[], sql: string) => {
  for (const detail of plan) {
    const name = /USING (?:COVERING )?INDEX (\w+)/.exec(detail)?.[1];
    if (name) users.set(name, new Set(users.get(name)).add(sql.replace(/\s+/g, ' ')));
  }
};
for (const name of readdirSync(dir).filter((f) => f.startsWith('plans-') && f.endsWith('.jsonl'))) {
  for (const line of readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean)) {
    const { sql, plan } = JSON.parse(line) as Planned;
    useAll(plan, sql);
  }
}
// A trigger's statements are planned on their own, each NEW.x or OLD.x standing in as a parameter.
for (const { name, sql } of db
  .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
  .all() as Row[]) {
  const body = sql.slice(sql.search(/\bBEGIN\b/i) + 5, sql.lastIndexOf('END'));
  for (const part of body.split(/;\s*(?=\n|INSERT|UPDATE|DELETE|SELECT)/i)) {
    const statement = part.trim().replace(/\b(NEW|OLD)\.("?\w+"?|`\w+`)/gi, '?');
    if (!statement || /RAISE\s*\(/i.test(statement)) continue;
    const params = Array((statement.match(/\?/g) ?? []).length).fill(null);
    useAll(
      db
        .prepare(`EXPLAIN QUERY PLAN ${statement}`)
        .all(...params)
        .map((r) => (r as { detail: string }).detail),
      `trigger ${name}: ${statement}`,
    );
  }
}
const indexes = db
  .prepare(
    "SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY tbl_name, name",
  )
  .all() as (Row & { tbl: string })[];
for (const { name, tbl, sql } of indexes) {
  const n = users.get(name)?.size ?? 0;
  console.log(`${String(n).padStart(5)}  ${tbl.padEnd(28)} ${name}${/UNIQUE/.test(sql) ? ' (unique)' : ''}`);
  if (show.includes(name)) for (const s of users.get(name) ?? []) console.log(`         ${s.slice(0, 200)}`);
}
