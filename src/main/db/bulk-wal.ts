// A long bulk write (the backfill) checkpoints its WAL rarely: each checkpoint writes every page dirtied since the last.
import type { Sqlite } from './open';

/**
 * WAL pages (4 KiB each, so 256 MiB) a bulk write lets gather before SQLite checkpoints them into the database,
 * instead of its default 1,000. Each commit of a backfill rewrites thousands of index pages under random keys, most of
 * them again in the next commits; a checkpoint writes each page once however many commits dirtied it.
 */
export const BULK_WAL_PAGES = 65_536;

/** Runs `work` with rare checkpoints, then checkpoints everything and gives the WAL file's disk space back. */
export async function withRareCheckpoints<T>(sqlite: Sqlite, work: () => Promise<T>): Promise<T> {
  const usual = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_PAGES}`);
  try {
    return await work();
  } finally {
    if (sqlite.open) {
      sqlite.pragma(`wal_autocheckpoint = ${usual}`);
      emptyWal(sqlite);
    }
  }
}

/**
 * Checkpoints the whole WAL and truncates the file, without waiting: a reader in another process (the command line)
 * would hold the thread for the busy timeout. Then SQLite reports the checkpoint blocked, and the next one finishes it.
 */
function emptyWal(sqlite: Sqlite): void {
  const wait = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.pragma(`busy_timeout = ${wait}`);
  }
}
