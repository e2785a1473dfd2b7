// The latest completions imports (console records), newest first, for the Credits page and the CLI.
import type { CompletionImportRow } from '../../shared/contract/credits';
import type { Sqlite } from '../db/open';

export function listImports(sqlite: Sqlite, limit: number): CompletionImportRow[] {
  return sqlite
    .prepare(
      `SELECT ci.id, ci.file_name AS fileName, ci.created_at AS at, u.name AS by, ci.rows, ci.recorded,
              ci.already_recorded AS alreadyRecorded, ci.hours
       FROM completion_imports ci LEFT JOIN users u ON u.id = ci.imported_by
       ORDER BY ci.created_at DESC, ci.id LIMIT ?`,
    )
    .all(limit) as CompletionImportRow[];
}
