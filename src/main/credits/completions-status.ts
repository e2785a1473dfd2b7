// Whether the console's lesson completions can be trusted for payable and liability: payments keep arriving through
// sync, but completions come from the marketplace's imports, so a workspace without recent ones says so.
import { STALE_COMPLETIONS_DAYS, type CompletionsStatus } from '../../shared/contract/credits';
import type { Sqlite } from '../db/open';

const DAY_MS = 86_400_000;

export function completionsStatus(sqlite: Sqlite, now: number): CompletionsStatus {
  // Completions are inserted in time order: the last rowid is the newest (no scan of the table).
  const lastRecordedAt =
    (sqlite.prepare('SELECT created_at FROM lesson_completions ORDER BY rowid DESC LIMIT 1').pluck().get() as
      number | undefined) ?? null;
  const lastImportAt = sqlite.prepare('SELECT MAX(created_at) FROM completion_imports').pluck().get() as
    number | null;
  const since = lastRecordedAt ?? 0;
  // A payment created after the last completion was recorded (payments_created_idx: one probe).
  const paymentsSince = sqlite
    .prepare('SELECT EXISTS (SELECT 1 FROM payments WHERE created_at > ?)')
    .pluck()
    .get(since) as number;
  const state =
    paymentsSince === 0
      ? 'current'
      : lastRecordedAt === null
        ? 'missing'
        : now - lastRecordedAt > STALE_COMPLETIONS_DAYS * DAY_MS
          ? 'stale'
          : 'current';
  return { state, lastImportAt, lastRecordedAt };
}
