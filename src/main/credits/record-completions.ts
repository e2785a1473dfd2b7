// Records lesson completions (imported or entered by staff) after checking each pair has the unused hours,
// then re-projects the pairs so earnings, credits and the journal follow.
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import { appendAudit } from '../audit/chain';
import { projectRoots } from '../projection/project';
import { PAID_STATUSES } from './consumption';
import type { RowError } from './completions-csv';

export interface NewCompletion {
  /** Line in the source file (0 when entered by hand), for error messages. */
  line: number;
  id: string;
  learnerId: string;
  instructorId: string;
  hours: number;
  completedAt: number;
  externalRef: string | null;
}

export interface RecordReport {
  recorded: number;
  /** Completions already recorded (same external reference): not counted twice. */
  alreadyRecorded: number;
  errors: RowError[];
}

/** Unused hours of a pair now: paid-for hours minus refunded and consumed ones. */
function unusedHours(sqlite: Sqlite, learnerId: string, instructorId: string): number | null {
  const row = sqlite
    .prepare(
      `SELECT SUM(p.hours) AS purchased,
              ifnull((SELECT SUM(r.hours) FROM refunds r JOIN payments q ON q.id = r.payment_id
                      WHERE q.learner_id = @l AND q.instructor_id = @i AND q.status IN ${PAID_STATUSES}
                        AND r.status IN ('pending', 'succeeded')), 0) AS refunded,
              ifnull((SELECT SUM(c.hours) FROM lesson_completions c WHERE c.learner_id = @l AND c.instructor_id = @i), 0) AS used
       FROM payments p WHERE p.learner_id = @l AND p.instructor_id = @i AND p.status IN ${PAID_STATUSES}`,
    )
    .get({ l: learnerId, i: instructorId }) as { purchased: number | null; refunded: number; used: number };
  if (row.purchased === null) return null;
  return row.purchased - row.refunded - row.used;
}

/** All or nothing: when any completion is refused, none is recorded. Runs in its own transaction. */
export function recordCompletions(
  projection: Projection,
  sqlite: Sqlite,
  completions: readonly NewCompletion[],
  now: number,
  operatorId: string | null,
  source: 'import' | 'console',
): RecordReport {
  return sqlite
    .transaction((): RecordReport => {
      const errors: RowError[] = [];
      const fresh: NewCompletion[] = [];
      let alreadyRecorded = 0;
      const known = sqlite.prepare('SELECT 1 FROM lesson_completions WHERE external_ref = ? OR id = ?');
      for (const c of completions) {
        if (known.get(c.externalRef, c.id)) alreadyRecorded += 1;
        else fresh.push(c);
      }
      const left = new Map<string, number | null>();
      for (const c of fresh) {
        const pair = `${c.learnerId}:${c.instructorId}`;
        if (!left.has(pair)) left.set(pair, unusedHours(sqlite, c.learnerId, c.instructorId));
        const unused = left.get(pair)!;
        if (unused === null) {
          errors.push({
            line: c.line,
            message: `learner ${c.learnerId} has no paid lessons with instructor ${c.instructorId}`,
          });
          continue;
        }
        if (c.hours > unused) {
          errors.push({
            line: c.line,
            message: `learner ${c.learnerId} has only ${Math.max(0, unused)} unused hour(s) with instructor ${c.instructorId}, not ${c.hours}`,
          });
        }
        left.set(pair, unused - c.hours);
      }
      if (errors.length > 0) return { recorded: 0, alreadyRecorded, errors };
      const insert = sqlite.prepare(
        `INSERT INTO lesson_completions (id, learner_id, instructor_id, hours, completed_at, source, external_ref, recorded_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const c of fresh)
        insert.run(
          c.id,
          c.learnerId,
          c.instructorId,
          c.hours,
          c.completedAt,
          source,
          c.externalRef,
          operatorId,
          now,
        );
      if (fresh.length > 0)
        appendAudit(sqlite, {
          entityType: 'lesson_completions',
          entityId: fresh[0]!.id,
          action: source === 'import' ? 'import' : 'record',
          newValues: {
            count: fresh.length,
            hours: fresh.reduce((s, c) => s + c.hours, 0),
            ids: fresh.map((c) => c.id),
          },
          userId: operatorId,
          actor: operatorId ? 'operator' : 'system',
          createdAt: now,
        });
      projectRoots(
        projection,
        sqlite,
        new Set(fresh.map((c) => `pair:${c.learnerId}:${c.instructorId}`)),
        now,
      );
      return { recorded: fresh.length, alreadyRecorded, errors };
    })
    .immediate();
}
