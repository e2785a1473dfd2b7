// Records lesson completions (imported or entered by staff) all or nothing, after checking them again inside the
// transaction, with the import record and the audit row, then re-projects the pairs so earnings, credits and the
// journal follow.
import { randomUUID } from 'node:crypto';
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import { appendAudit } from '../audit/chain';
import { projectRoots } from '../projection/project';
import { checkCompletions, type Candidate, type CheckResult } from './check-completions';
import type { RowError } from './completions-csv';

export interface RecordReport {
  recorded: number;
  /** Completions already recorded (same id or external reference): not counted twice. */
  alreadyRecorded: number;
  errors: RowError[];
  /** The import record written, when this was an import that recorded something. */
  importId: string | null;
  hours: number;
}

export interface RecordOptions {
  now: number;
  operatorId: string | null;
  source: 'import' | 'console';
  /** For an import: the file, recorded as a console record when anything new is recorded. */
  file?: { name: string; sha256: string; rows: number };
  note?: string | null;
  /** A reversal written in the same transaction: the completion it cancels (which then no longer counts). */
  reversal?: { id: string; of: string; reason: string };
}

export function errorsOf(check: CheckResult): RowError[] {
  return [...check.verdicts]
    .filter(([, v]) => v.status === 'error')
    .map(([c, v]) => ({ line: c.line, message: v.problems.join('; ') }));
}

const INSERT = `INSERT INTO lesson_completions
  (id, learner_id, instructor_id, hours, completed_at, source, external_ref, recorded_by, created_at, import_id, reverses_id, note)
  VALUES (@id, @learnerId, @instructorId, @hours, @completedAt, @source, @externalRef, @recordedBy, @createdAt, @importId, @reversesId, @note)`;

/** All or nothing: when any completion is refused, none is recorded. Runs in its own (immediate) transaction. */
export function recordCompletions(
  projection: Projection,
  sqlite: Sqlite,
  completions: readonly Candidate[],
  o: RecordOptions,
): RecordReport {
  return sqlite
    .transaction((): RecordReport => {
      const reversed = o.reversal
        ? (sqlite
            .prepare(
              'SELECT learner_id AS learnerId, instructor_id AS instructorId, hours, completed_at AS completedAt FROM lesson_completions WHERE id = ?',
            )
            .get(o.reversal.of) as Omit<Candidate, 'line' | 'id' | 'externalRef'> | undefined)
        : undefined;
      const check = checkCompletions(sqlite, completions, o.now, new Set(o.reversal ? [o.reversal.of] : []));
      const errors = errorsOf(check);
      const fresh = completions.filter((c) => check.verdicts.get(c)!.status === 'new');
      const report = {
        recorded: 0,
        alreadyRecorded: completions.length - fresh.length - errors.length,
        errors,
        importId: null,
        hours: 0,
      };
      if (errors.length > 0 || (fresh.length === 0 && !reversed)) return report;
      const importId = o.file ? randomUUID() : null;
      const hours = fresh.reduce((s, c) => s + c.hours, 0);
      if (o.file)
        sqlite
          .prepare(
            `INSERT INTO completion_imports (id, file_name, file_sha256, rows, recorded, already_recorded, hours, imported_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            importId,
            o.file.name,
            o.file.sha256,
            o.file.rows,
            fresh.length,
            report.alreadyRecorded,
            hours,
            o.operatorId,
            o.now,
          );
      const insert = sqlite.prepare(INSERT);
      const row = (
        c: Omit<Candidate, 'line'>,
        extra: { reversesId: string | null; note: string | null },
      ) => ({
        ...c,
        source: o.source,
        recordedBy: o.operatorId,
        createdAt: o.now,
        importId,
        ...extra,
      });
      if (o.reversal && reversed)
        insert.run(
          row(
            { ...reversed, id: o.reversal.id, externalRef: null },
            { reversesId: o.reversal.of, note: o.reversal.reason },
          ),
        );
      for (const c of fresh) insert.run(row(c, { reversesId: null, note: o.note ?? null }));
      appendAudit(sqlite, {
        entityType: o.file ? 'completion_import' : 'lesson_completion',
        entityId: importId ?? o.reversal?.id ?? fresh[0]!.id,
        action: o.file ? 'import' : o.reversal ? 'reverse' : 'record',
        newValues: {
          ...(o.file ? { file: o.file.name, sha256: o.file.sha256, rows: o.file.rows } : {}),
          ...(o.reversal ? { reverses: o.reversal.of, reason: o.reversal.reason } : {}),
          recorded: fresh.length,
          alreadyRecorded: report.alreadyRecorded,
          hours,
          completions: fresh.map((c) => ({
            id: c.id,
            learnerId: c.learnerId,
            instructorId: c.instructorId,
            hours: c.hours,
            completedAt: c.completedAt,
          })),
          ...(o.note ? { note: o.note } : {}),
        },
        userId: o.operatorId,
        actor: o.operatorId ? 'operator' : 'system',
        createdAt: o.now,
      });
      const pairs = [...fresh, ...(reversed ? [reversed] : [])].map(
        (c) => `pair:${c.learnerId}:${c.instructorId}`,
      );
      projectRoots(projection, sqlite, new Set(pairs), o.now);
      return { ...report, recorded: fresh.length, importId, hours };
    })
    .immediate();
}
