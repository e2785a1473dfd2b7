// Opens a workspace's SQLite file with the pragmas the ledger relies on, migrates it, and wraps it in drizzle.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { migrate, type MigrationReport } from './migrate';
import { checkTriggers } from './triggers';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export const DATABASE_FILE = 'lplate.sqlite';

export interface OpenedDatabase {
  sqlite: Sqlite;
  db: Db;
  file: string;
  /** Migrations applied by this opening (tags), for the data steps that follow some of them. */
  migrated: string[];
}

/** Creates a workspace folder readable by its owner only (0700); an existing folder is left as it is. */
export function ensureWorkspaceDir(workspaceDir: string): void {
  if (existsSync(workspaceDir)) return;
  mkdirSync(workspaceDir, { recursive: true, mode: 0o700 });
  chmodSync(workspaceDir, 0o700);
}

/**
 * Makes a file of workspace data (the database holds password hashes and learners' names and emails) and its WAL and
 * shared-memory files the owner's only (0600), whatever the umask; SQLite creates the WAL and SHM with the file's mode.
 * Creates the file when missing.
 */
export function ownerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** One database file per workspace folder. */
export function openWorkspaceDatabase(workspaceDir: string, migrationsDir: string): OpenedDatabase {
  ensureWorkspaceDir(workspaceDir);
  const file = join(workspaceDir, DATABASE_FILE);
  ownerOnly(file);
  const sqlite = new Database(file);
  let report: MigrationReport;
  try {
    sqlite.pragma('journal_mode = WAL');
    ownerOnly(file);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MiB of page cache instead of SQLite's 2 MiB: a synced year of payments no longer re-reads index pages from disk.
    sqlite.pragma('cache_size = -65536');
    report = migrate(sqlite, migrationsDir);
    checkTriggers(sqlite, migrationsDir);
    // Temporary storage in memory, set after the migrations because their index builds sort whole tables, and before
    // any TEMP object (changing it drops them). Each projection root runs in a savepoint, whose journal of the pages it
    // changes spills past 64 KiB into a temporary file, two writes per page: a quarter to a third of sync's CPU
    // (docs/sync.md, "Savepoint journals in memory"). So no query may sort or copy a whole table into temporary
    // storage, nor a savepoint wrap a bulk write; a rebuild sets its inputs aside in a scratch file.
    sqlite.pragma('temp_store = MEMORY');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), file, migrated: report.applied };
}
