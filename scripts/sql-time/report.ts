// Reads what scripts/sql-time/record.mjs wrote for one process and prints where its time in SQLite went: by table and
// kind of statement, then the statements themselves, with calls per object when told how many objects the run applied.
// Usage: npx tsx scripts/sql-time/report.ts FILE [--per OBJECTS] [--top ROWS]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface StatementTime {
  method: string;
  sql: string;
  calls: number;
  ms: number;
}

export interface Share {
  /** `INSERT journal_lines`, `SELECT payments`, or a statement without a table (`SAVEPOINT`, `COMMIT`). */
  what: string;
  calls: number;
  ms: number;
}

/** The kind of a statement and the table it writes, or the first it reads. */
export function statementKind(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const verb = /^\w+/.exec(text)?.[0].toUpperCase() ?? '?';
  const table =
    verb === 'INSERT' || verb === 'REPLACE'
      ? /\bINTO (\w+)/i.exec(text)?.[1]
      : verb === 'UPDATE'
        ? /^UPDATE(?: OR \w+)? (\w+)/i.exec(text)?.[1]
        : verb === 'DELETE' || verb === 'SELECT' || verb === 'WITH'
          ? /\bFROM (\w+)/i.exec(text)?.[1]
          : undefined;
  return table ? `${verb} ${table}` : verb;
}

/** Calls and time by kind and table, the costliest first. */
export function byKind(statements: readonly StatementTime[]): Share[] {
  const shares = new Map<string, Share>();
  for (const s of statements) {
    const what = statementKind(s.sql);
    const share = shares.get(what) ?? { what, calls: 0, ms: 0 };
    share.calls += s.calls;
    share.ms += s.ms;
    shares.set(what, share);
  }
  return [...shares.values()].sort((a, b) => b.ms - a.ms || a.what.localeCompare(b.what));
}

function report(file: string, per: number | null, top: number): void {
  const { argv, statements } = JSON.parse(readFileSync(file, 'utf8')) as {
    argv: string[];
    statements: StatementTime[];
  };
  const calls = statements.reduce((sum, s) => sum + s.calls, 0);
  const ms = statements.reduce((sum, s) => sum + s.ms, 0);
  const perObject = (n: number) => (per ? (n / per).toFixed(2).padStart(8) : null);
  console.log(
    `${argv.join(' ')}: ${calls} calls of ${statements.length} statements, ${(ms / 1000).toFixed(1)} s`,
  );
  if (per)
    console.log(
      `per object (${per}): ${(calls / per).toFixed(1)} calls, ${((ms * 1000) / per).toFixed(0)} µs`,
    );
  // Figures first, what they are of last, so a statement's text can run on.
  const line = (n: number, t: number, what: string) =>
    [
      String(n).padStart(9),
      perObject(n),
      `${t.toFixed(0).padStart(7)} ms`,
      `${((100 * t) / ms).toFixed(1).padStart(5)} %`,
      `${((t * 1000) / n).toFixed(1).padStart(7)} µs/call`,
      what,
    ]
      .filter((part) => part !== null)
      .join(' ');
  console.log(`\n${'calls'.padStart(9)}${per ? ' /object' : ''}  by kind and table`);
  for (const s of byKind(statements).slice(0, top)) console.log(line(s.calls, s.ms, s.what));
  console.log(`\n${'calls'.padStart(9)}${per ? ' /object' : ''}  by statement`);
  for (const s of [...statements].sort((a, b) => b.ms - a.ms).slice(0, top))
    console.log(line(s.calls, s.ms, `${s.method} ${s.sql.replace(/\s+/g, ' ').trim()}`.slice(0, 140)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, ...rest] = process.argv.slice(2);
  const option = (name: string) => {
    const at = rest.indexOf(name);
    if (at < 0) return null;
    const value = Number(rest[at + 1]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} takes a whole number above 0`);
    return value;
  };
  if (!file) throw new Error('usage: npx tsx scripts/sql-time/report.ts FILE [--per OBJECTS] [--top ROWS]');
  report(file, option('--per'), option('--top') ?? 30);
}
