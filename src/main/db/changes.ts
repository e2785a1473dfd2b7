// Learns which tables each committed transaction really wrote, so every commit — a handler's, a job's, a timed
// sync's — can tell the screens what changed. Temp triggers note a table the first time it is written (pure SQL,
// nearly free); the note is read when the outermost transaction commits, and rolled back with it when it fails.
import type { Sqlite } from './open';

/** Called with the tables one commit wrote; `transaction` is false for statements run outside a transaction. */
export type CommitListener = (tables: string[], transaction: boolean) => void;

export interface ChangeTracker {
  onCommit(listener: CommitListener): () => void;
  /** Reports writes made outside any transaction (the tracker also does this on a short timer). */
  sweep(): void;
  stop(): void;
}

const WRITTEN = 'temp.lplate_written';
const SWEEP_EVERY_MS = 250;

/** Written only with audit_logs (src/main/audit/ids.ts), so a commit names audit_logs, which screens read. */
const UNTRACKED = new Set(['audit_ids']);

/** Every ordinary table of the workspace (not SQLite's own, not a full-text index's shadow tables). */
function trackedTables(sqlite: Sqlite): string[] {
  return (
    sqlite
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((name) => !UNTRACKED.has(name));
}

export function trackChanges(
  sqlite: Sqlite,
  log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): ChangeTracker {
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS lplate_written (name TEXT PRIMARY KEY) WITHOUT ROWID`);
  for (const table of trackedTables(sqlite))
    for (const op of ['INSERT', 'UPDATE', 'DELETE'])
      sqlite.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS "lplate_written_${table}_${op.toLowerCase()}" AFTER ${op} ON main."${table}"
         WHEN NOT EXISTS (SELECT 1 FROM ${WRITTEN} WHERE name = '${table}')
         BEGIN INSERT INTO ${WRITTEN} (name) VALUES ('${table}'); END`,
      );
  const read = sqlite.prepare(`SELECT name FROM ${WRITTEN} ORDER BY name`).pluck();
  const clear = sqlite.prepare(`DELETE FROM ${WRITTEN}`);
  const listeners = new Set<CommitListener>();

  const take = (transaction: boolean) => {
    const tables = read.all() as string[];
    if (tables.length === 0) return;
    clear.run();
    // The commit is done whatever a listener does: its failure must not look like the transaction's.
    for (const listener of listeners)
      try {
        listener(tables, transaction);
      } catch (error) {
        log('A listener of committed changes failed', error);
      }
  };
  const sweep = () => {
    if (sqlite.open && !sqlite.inTransaction) take(false);
  };

  // Every `sqlite.transaction(fn)` of the core goes through here: writes made outside a transaction before it are
  // reported first, then the transaction's own tables once the outermost one commits (nested ones are savepoints).
  const original = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = original(fn);
    const around =
      (variant: (...args: never[]) => unknown) =>
      (...args: never[]) => {
        if (sqlite.inTransaction) return variant(...args);
        take(false);
        const result = variant(...args);
        take(true);
        return result;
      };
    return Object.assign(around(tx), {
      default: around(tx.default),
      deferred: around(tx.deferred),
      immediate: around(tx.immediate),
      exclusive: around(tx.exclusive),
    });
  }) as Sqlite['transaction'];

  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return {
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sweep,
    stop() {
      clearInterval(timer);
      listeners.clear();
    },
  };
}
