// `lplate backup --to FILE`: an online copy of the live workspace through SQLite's backup API — safe while the team
// server runs and writes — held by no process (its writer lease dropped), with no session of its clients (they sign
// in again after a restore), and checked for integrity before it is called done. Restoring is starting on the copy.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Core } from '../core';
import { dropLease } from '../db/writer-lease';
import { endKeptSessions } from '../auth/session-records';
import { call, CallFailed, EXIT, signIn, UsageError, type CliIo } from './cli-kit';

export async function backupCommand(
  core: Core,
  connection: string,
  args: { values: { to?: string; operator?: string; json?: boolean } },
  io: CliIo,
): Promise<number> {
  const to = args.values.to;
  if (!to) throw new UsageError('backup needs --to FILE (a new file).');
  if (existsSync(to)) throw new UsageError(`${to} exists already: back up to a new file.`);
  await signIn(core, connection, args.values.operator, io);
  const status = await call(core, connection, 'auth.status', {});
  if (status.operator?.role !== 'admin')
    throw new CallFailed({
      code: 'forbidden',
      message: 'Only an admin backs the workspace up: the copy holds everything in it.',
    });
  const started = Date.now();
  const { totalPages } = await core.services.sqlite.backup(to);
  const copy = new Database(to);
  let integrity: string;
  try {
    dropLease(copy);
    endKeptSessions(copy, Date.now(), 'Ended: the workspace was backed up; sign in again after a restore.');
    integrity = copy.pragma('integrity_check', { simple: true }) as string;
  } finally {
    copy.close();
  }
  const report = { file: to, pages: totalPages, seconds: (Date.now() - started) / 1000, integrity };
  if (args.values.json) io.out(JSON.stringify(report, null, 2));
  else
    io.out(
      `Backed up to ${to}: ${totalPages} pages in ${report.seconds.toFixed(1)} s, integrity ${integrity}.`,
    );
  return integrity === 'ok' ? EXIT.done : EXIT.failed;
}
