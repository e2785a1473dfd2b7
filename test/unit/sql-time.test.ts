// The SQLite time recorder (loaded into a process of its own, as a bench loads it) and its report's grouping.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byKind, statementKind, type StatementTime } from '../../scripts/sql-time/report';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('timing what a process asks of SQLite', () => {
  it('counts each statement’s calls by method in a process that loads the recorder, and writes them when it exits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sql-time-'));
    const program = `
      const Database = require('better-sqlite3');
      const db = new Database(':memory:');
      db.prepare('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)').run();
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 5; i++) insert.run('row ' + i);
      // Prepared again, the same text adds to the same figures.
      db.prepare('INSERT INTO t (v) VALUES (?)').run('again');
      db.prepare('SELECT count(*) FROM t').pluck().get();
      // One statement called two ways counts under each.
      const list = db.prepare('SELECT v FROM t');
      list.all();
      list.get();`;
    execFileSync(process.execPath, ['--import', './scripts/sql-time/record.mjs', '-e', program], {
      cwd: ROOT,
      env: { ...process.env, LPLATE_SQL_TIME_DIR: dir },
    });
    const [file, ...others] = readdirSync(dir);
    expect(others).toEqual([]);
    expect(file).toMatch(/^sql-time-\d+\.json$/);
    const { statements } = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as {
      statements: StatementTime[];
    };
    const calls = Object.fromEntries(statements.map((s) => [`${s.method} ${s.sql}`, s.calls]));
    expect(calls).toEqual({
      'run CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)': 1,
      'run INSERT INTO t (v) VALUES (?)': 6,
      'get SELECT count(*) FROM t': 1,
      'all SELECT v FROM t': 1,
      'get SELECT v FROM t': 1,
    });
    expect(statements.every((s) => s.ms >= 0)).toBe(true);
  });

  it('groups statements by kind and the table they write or first read, the costliest first', () => {
    expect(statementKind('INSERT OR IGNORE INTO projection_refs (a) VALUES (?)')).toBe(
      'INSERT projection_refs',
    );
    expect(statementKind('UPDATE OR REPLACE learner_credits SET x = 1')).toBe('UPDATE learner_credits');
    expect(statementKind('  select p.id\n  from payments p JOIN users u ON u.id = p.learner_id')).toBe(
      'SELECT payments',
    );
    expect(statementKind('DELETE FROM unattributed_objects WHERE object_id = ?')).toBe(
      'DELETE unattributed_objects',
    );
    expect(statementKind('RELEASE projection_root')).toBe('RELEASE');
    const shares = byKind([
      { method: 'run', sql: 'INSERT INTO journal_lines (a) VALUES (?)', calls: 10, ms: 3 },
      { method: 'get', sql: 'SELECT 1 FROM payments WHERE id = ?', calls: 4, ms: 1 },
      { method: 'run', sql: 'INSERT INTO journal_lines (a, b) VALUES (?, ?)', calls: 2, ms: 0.5 },
      { method: 'all', sql: 'SELECT * FROM payments', calls: 1, ms: 2 },
      { method: 'run', sql: 'SAVEPOINT projection_root', calls: 7, ms: 0.25 },
    ]);
    expect(shares).toEqual([
      { what: 'INSERT journal_lines', calls: 12, ms: 3.5 },
      { what: 'SELECT payments', calls: 5, ms: 3 },
      { what: 'SAVEPOINT', calls: 7, ms: 0.25 },
    ]);
  });
});
