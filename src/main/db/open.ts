// Opens a workspace's SQLite file with the pragmas the ledger relies on, migrates it, and wraps it in drizzle.
import { mkdirSync } from 'node:fs';
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

/** One database file per workspace folder. */
export function openWorkspaceDatabase(workspaceDir: string, migrationsDir: string): OpenedDatabase {
  mkdirSync(workspaceDir, { recursive: true });
  const file = join(workspaceDir, DATABASE_FILE);
  const sqlite = new Database(file);
  let report: MigrationReport;
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MiB of page cache instead of SQLite's 2 MiB: a synced year of payments no longer re-reads index pages from disk.
    sqlite.pragma('cache_size = -65536');
    report = migrate(sqlite, migrationsDir);
    checkTriggers(sqlite, migrationsDir);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), file, migrated: report.applied };
}
