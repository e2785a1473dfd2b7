// Checks lesson completions before anything is written — who they name, dates, duplicates, the hours the pair has
// left, and that each lesson comes after the payment whose hours it would use — walking each pair as the projection
// consumes it (oldest payment first, lessons in time order).
import type { Sqlite } from '../db/open';
import { formatInstant } from '../../shared/dates';
import { inForce, lotsOf, type Lot } from './consumption';
import { hourShares } from '../ledger/postings';

export interface Candidate {
  /** Line in the source file (0 when entered by hand). */
  line: number;
  id: string;
  learnerId: string;
  instructorId: string;
  hours: number;
  completedAt: number;
  externalRef: string | null;
}

export interface Verdict {
  status: 'new' | 'recorded' | 'error';
  problems: string[];
}

export interface CheckResult {
  verdicts: Map<Candidate, Verdict>;
  learnerNames: Map<string, string>;
  instructorNames: Map<string, string>;
  /** How far the prepaid liability falls when the new completions are recorded. */
  liabilityReleasedPence: number;
}

interface Walked {
  id: string;
  hours: number;
  completedAt: number;
  fresh: Candidate | null;
}

const sameLesson = (c: { learnerId: string; instructorId: string; completedAt: number }) =>
  `${c.learnerId}:${c.instructorId}:${c.completedAt}`;

/** One pass over a pair: existing lessons consume as the projection does; new ones only from payments made before. */
function walkPair(lots: readonly Lot[], lessons: readonly Walked[], refused: Set<Candidate>) {
  const left = lots.map((l) => Math.max(0, l.hours - l.refundedHours));
  const used = lots.map(() => 0);
  const short = new Set<string>();
  const problems = new Map<Candidate, string>();
  let consumedPence = 0;
  for (const lesson of lessons) {
    if (lesson.fresh && refused.has(lesson.fresh)) continue;
    const usable = lots.map((l, i) => (lesson.fresh && l.created_at > lesson.completedAt ? 0 : left[i]!));
    const atHand = usable.reduce((s, n) => s + n, 0);
    const inAll = left.reduce((s, n) => s + n, 0);
    if (lesson.fresh && lesson.hours > atHand) {
      const later = lots.find((l, i) => l.created_at > lesson.completedAt && left[i]! > 0);
      problems.set(
        lesson.fresh,
        lesson.hours <= inAll && later
          ? `completed ${formatInstant(lesson.completedAt)}, before the payment it would use (${later.pi}, paid ` +
              `${formatInstant(later.created_at)}); only ${atHand} hour(s) were paid for by then — check the date`
          : `only ${inAll} unused hour(s) remain for this learner with this instructor, not ${lesson.hours} — ` +
              'check the hours, or the learner must buy more first',
      );
      continue;
    }
    let need = lesson.hours;
    for (let i = 0; i < lots.length && need > 0; i++) {
      const k = Math.min(need, left[i]!);
      if (k <= 0) continue;
      consumedPence += hourShares(lots[i]!, used[i]!, used[i]! + k).list;
      used[i]! += k;
      left[i]! -= k;
      need -= k;
    }
    if (need > 0) short.add(lesson.id);
  }
  return { short, problems, consumedPence };
}

/** Checks every candidate; nothing is written. Read inside the transaction that records them to be exact. */
export function checkCompletions(
  sqlite: Sqlite,
  candidates: readonly Candidate[],
  now: number,
  reversing: ReadonlySet<string> = new Set(),
): CheckResult {
  const verdicts = new Map<Candidate, Verdict>(candidates.map((c) => [c, { status: 'new', problems: [] }]));
  const fail = (c: Candidate, problem: string) => {
    const v = verdicts.get(c)!;
    v.status = 'error';
    v.problems.push(problem);
  };
  const learnerNames = new Map<string, string>();
  const instructorNames = new Map<string, string>();
  const learnerName = sqlite.prepare('SELECT name FROM users WHERE id = ?').pluck();
  const instructorName = sqlite
    .prepare('SELECT u.name FROM instructors i JOIN users u ON u.id = i.user_id WHERE i.id = ?')
    .pluck();
  // Two index lookups (an OR of two columns would scan the table for every row of the file).
  const known = sqlite.prepare(
    `SELECT id, learner_id, instructor_id, hours, completed_at FROM lesson_completions WHERE external_ref = ?
     UNION ALL
     SELECT id, learner_id, instructor_id, hours, completed_at FROM lesson_completions WHERE id = ? AND reverses_id IS NULL
     LIMIT 1`,
  );
  const sameTime = sqlite
    .prepare(
      `SELECT id FROM lesson_completions WHERE learner_id = ? AND instructor_id = ? AND completed_at = ?
       AND ${inForce()}`,
    )
    .pluck();
  const firstLine = new Map<string, Candidate>();
  for (const c of candidates) {
    for (const [id, names, read] of [
      [c.learnerId, learnerNames, learnerName],
      [c.instructorId, instructorNames, instructorName],
    ] as const)
      if (!names.has(id)) {
        const name = read.get(id) as string | undefined;
        if (name !== undefined) names.set(id, name);
      }
    const prior = known.get(c.externalRef ?? c.id, c.id) as
      | { id: string; learner_id: string; instructor_id: string; hours: number; completed_at: number }
      | undefined;
    if (prior) {
      const same =
        prior.learner_id === c.learnerId &&
        prior.instructor_id === c.instructorId &&
        prior.hours === c.hours &&
        prior.completed_at === c.completedAt;
      if (same) verdicts.set(c, { status: 'recorded', problems: ['already recorded: skipped'] });
      else
        fail(
          c,
          `completion ${c.externalRef ?? c.id} was recorded before with other values — ` +
            'to correct it, reverse it on the Credits page and record the right lesson',
        );
      continue;
    }
    if (!learnerNames.has(c.learnerId))
      fail(
        c,
        `learner ${c.learnerId} is not known to the console — check the learner_id, or sync Stripe first`,
      );
    if (!instructorNames.has(c.instructorId))
      fail(
        c,
        `instructor ${c.instructorId} is not known to the console — check the instructor_id, or sync Stripe first`,
      );
    if (c.completedAt > now)
      fail(c, `completed ${formatInstant(c.completedAt)}, which is in the future — check the date`);
    const key = sameLesson(c);
    const twin = firstLine.get(key);
    if (twin)
      fail(
        c,
        `the same lesson (learner, instructor and time) as line ${twin.line} — remove one of the two rows`,
      );
    else firstLine.set(key, c);
    const existing = sameTime.get(c.learnerId, c.instructorId, c.completedAt) as string | undefined;
    if (existing && !reversing.has(existing))
      fail(c, `the same lesson is already recorded as completion ${existing} — remove this row`);
  }

  let released = 0;
  const pairs = new Map<string, Candidate[]>();
  for (const c of candidates)
    if (verdicts.get(c)!.status === 'new')
      pairs.set(`${c.learnerId}:${c.instructorId}`, [
        ...(pairs.get(`${c.learnerId}:${c.instructorId}`) ?? []),
        c,
      ]);
  const existingOf = sqlite.prepare(
    `SELECT id, hours, completed_at AS completedAt FROM lesson_completions
     WHERE learner_id = ? AND instructor_id = ? AND ${inForce()} ORDER BY completed_at, id`,
  );
  const stmt = (sql: string) => sqlite.prepare(sql);
  for (const fresh of pairs.values()) {
    const { learnerId, instructorId } = fresh[0]!;
    const lots = lotsOf({ stmt }, learnerId, instructorId);
    if (lots.length === 0) {
      for (const c of fresh)
        fail(c, 'this learner has no paid lessons with this instructor — check both ids against Payments');
      continue;
    }
    const existing = (existingOf.all(learnerId, instructorId) as Walked[])
      .filter((e) => !reversing.has(e.id))
      .map((e) => ({ ...e, fresh: null }));
    const lessons = [
      ...existing,
      ...fresh.map((c) => ({ id: c.id, hours: c.hours, completedAt: c.completedAt, fresh: c })),
    ].sort((a, b) => a.completedAt - b.completedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const refused = new Set<Candidate>();
    const baseline = walkPair(lots, existing, refused);
    for (;;) {
      const run = walkPair(lots, lessons, refused);
      for (const [c, problem] of run.problems) {
        refused.add(c);
        fail(c, problem);
      }
      // A new lesson earlier than recorded ones may take the hours they were paid with: refuse the latest such.
      const hurt = lessons.find((l) => !l.fresh && run.short.has(l.id) && !baseline.short.has(l.id));
      const culprit = hurt
        ? [...lessons]
            .reverse()
            .find((l) => l.fresh && !refused.has(l.fresh) && l.completedAt <= hurt.completedAt)
        : undefined;
      if (hurt && culprit?.fresh) {
        refused.add(culprit.fresh);
        fail(
          culprit.fresh,
          `it would use the hours the lesson of ${formatInstant(hurt.completedAt)} (already recorded) was paid ` +
            'with, leaving that lesson unpaid — check the hours and the date',
        );
        continue;
      }
      if (run.problems.size === 0) {
        released += run.consumedPence - baseline.consumedPence;
        break;
      }
    }
  }
  return { verdicts, learnerNames, instructorNames, liabilityReleasedPence: released };
}
