// Applies drizzle-kit's migrations in order, each in its own transaction, and refuses to start when an
// already-applied migration file was edited afterwards (its SHA-256 no longer matches the recorded one).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { valueIds } from '../../shared/ids';
import { batchIds, batchIdsDocument } from '../../shared/batch-id-words';

interface JournalEntry {
  idx: number;
  tag: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export function readJournal(migrationsDir: string): JournalEntry[] {
  const journalPath = join(migrationsDir, 'meta', '_journal.json');
  let text: string;
  try {
    text = readFileSync(journalPath, 'utf8');
  } catch {
    throw new MigrationError(`No migrations found at ${journalPath}. The app's drizzle/ folder is missing.`);
  }
  return (JSON.parse(text) as { entries: JournalEntry[] }).entries.sort((a, b) => a.idx - b.idx);
}

/** A migration file's statements, as drizzle-kit separates them. */
export function splitStatements(sqlText: string): string[] {
  return sqlText
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The audit writer's id functions for the migrations that index entries already written: `audit_value_ids(text)`, the
 * id-shaped words of an entry's values (src/shared/ids.ts) as a table (it takes the values' texts joined, since SQLite
 * gives a table function no rows for a NULL argument), and `audit_batch_ids_document(new_values, changes)`, a sync
 * batch entry's document in the batch id index, its changes given as a JSON array of `{ entity_id, root }`.
 */
function registerAuditIdFunctions(sqlite: Database.Database): void {
  sqlite.table('audit_value_ids', {
    columns: ['value_id'],
    parameters: ['text'],
    *rows(text: unknown) {
      for (const id of valueIds(text as string)) yield { value_id: id };
    },
  });
  sqlite.function(
    'audit_batch_ids_document',
    { deterministic: true },
    (newValues: unknown, changes: unknown) =>
      batchIdsDocument(
        batchIds(
          newValues as string | null,
          JSON.parse(changes as string) as { entity_id: string; root: string }[],
        ),
      ),
  );
}

export function migrate(
  sqlite: Database.Database,
  migrationsDir: string,
  now: () => number = Date.now,
): MigrationReport {
  registerAuditIdFunctions(sqlite);
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    tag TEXT PRIMARY KEY NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Map(
    (
      sqlite.prepare('SELECT tag, sha256 FROM schema_migrations').all() as { tag: string; sha256: string }[]
    ).map((r) => [r.tag, r.sha256]),
  );
  const entries = readJournal(migrationsDir);
  const known = new Set(entries.map((e) => e.tag));
  for (const tag of applied.keys()) {
    if (!known.has(tag)) {
      throw new MigrationError(
        `This database was migrated by a newer version of the console (migration ${tag} is unknown here). Update the app.`,
      );
    }
  }
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  const record = sqlite.prepare('INSERT INTO schema_migrations (tag, sha256, applied_at) VALUES (?, ?, ?)');
  for (const entry of entries) {
    const sqlText = readFileSync(join(migrationsDir, `${entry.tag}.sql`), 'utf8');
    const sha256 = createHash('sha256').update(sqlText).digest('hex');
    const recorded = applied.get(entry.tag);
    if (recorded !== undefined) {
      if (recorded !== sha256) {
        throw new MigrationError(
          `Migration ${entry.tag} was edited after it was applied to this database ` +
            `(recorded sha256 ${recorded.slice(0, 12)}…, file now ${sha256.slice(0, 12)}…). ` +
            `Restore the original file and put the change in a new migration (npm run db:generate).`,
        );
      }
      report.alreadyApplied += 1;
      continue;
    }
    const statements = splitStatements(sqlText);
    sqlite.transaction(() => {
      for (const statement of statements) sqlite.exec(statement);
      record.run(entry.tag, sha256, now());
    })();
    report.applied.push(entry.tag);
  }
  return report;
}
