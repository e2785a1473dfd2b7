// A learner–instructor pair's history for the Credits drawer: payments, completions and their reversals, refunds and
// the earnings the lessons made, in time order, with who recorded what.
import type { HistoryEntry, PairHistory } from '../../shared/contract/credits';
import type { Sqlite } from '../db/open';
import { formatPence } from '../../shared/money';
import { formatDay, formatInstant } from '../../shared/dates';
import { AppError } from '../api/errors';
import { creditOf } from './credits-list';
import { inForce, PAID_STATUSES } from './consumption';

const hoursText = (h: number) => `${h} h`;

// `+instructor_id` here and in refunds(): through the learner's few payments, not the instructor's many (as lotsOf).
function payments(sqlite: Sqlite, l: string, i: string): HistoryEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT id, stripe_payment_intent_id AS pi, total_amount_pence AS total, status, payment_type AS type, hours,
              created_at, status IN ${PAID_STATUSES} AS paid
       FROM payments WHERE learner_id = ? AND +instructor_id = ?`,
    )
    .all(l, i) as {
    id: string;
    pi: string;
    total: number;
    status: string;
    type: string;
    hours: number;
    created_at: number;
    paid: number;
  }[];
  return rows.map((p) => ({
    kind: 'payment',
    id: p.id,
    at: p.created_at,
    hours: p.paid ? p.hours : null,
    amountPence: p.total,
    title: `${p.type === 'credit_pack' ? 'Credit pack' : 'Lesson'} bought: ${hoursText(p.hours)}`,
    detail: `${p.pi} · ${p.status.replace(/_/g, ' ')}${p.paid ? '' : ' (no hours: not paid)'}`,
  }));
}

function completions(sqlite: Sqlite, l: string, i: string): HistoryEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT c.id, c.hours, c.completed_at, c.created_at, c.source, c.reverses_id, c.note, u.name AS by,
              ci.file_name, ${inForce('c')} AS in_force
       FROM lesson_completions c LEFT JOIN users u ON u.id = c.recorded_by
       LEFT JOIN completion_imports ci ON ci.id = c.import_id
       WHERE c.learner_id = ? AND c.instructor_id = ?`,
    )
    .all(l, i) as {
    id: string;
    hours: number;
    completed_at: number;
    created_at: number;
    source: 'import' | 'console';
    reverses_id: string | null;
    note: string | null;
    by: string | null;
    file_name: string | null;
    in_force: number;
  }[];
  return rows.map((c): HistoryEntry => {
    const who = c.by ?? 'the console';
    const completion = { inForce: c.in_force === 1, source: c.source, by: c.by, note: c.note };
    if (c.reverses_id)
      return {
        kind: 'reversal',
        id: c.id,
        at: c.created_at,
        hours: c.hours,
        amountPence: null,
        title: `Lesson of ${formatInstant(c.completed_at)} reversed: ${hoursText(c.hours)} back`,
        detail: `By ${who}${c.note ? ` — ${c.note}` : ''}`,
        completion,
      };
    return {
      kind: 'completion',
      id: c.id,
      at: c.completed_at,
      hours: -c.hours,
      amountPence: null,
      title: `Lesson completed: ${hoursText(c.hours)}${c.in_force ? '' : ' (reversed)'}`,
      detail:
        c.source === 'import'
          ? `Imported${c.file_name ? ` from ${c.file_name}` : ''} by ${who}`
          : `Recorded by ${who}${c.note ? ` — ${c.note}` : ''}`,
      completion,
    };
  });
}

function refunds(sqlite: Sqlite, l: string, i: string): HistoryEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.amount_pence AS amount, r.hours, r.status, r.reason, r.created_at, p.stripe_payment_intent_id AS pi
       FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.learner_id = ? AND +p.instructor_id = ?`,
    )
    .all(l, i) as {
    id: string;
    amount: number;
    hours: number | null;
    status: string;
    reason: string;
    created_at: number;
    pi: string;
  }[];
  return rows.map((r) => ({
    kind: 'refund',
    id: r.id,
    at: r.created_at,
    // Only pending and succeeded refunds take hours back (the one rule every screen uses).
    hours: r.hours !== null && (r.status === 'pending' || r.status === 'succeeded') ? -r.hours : null,
    amountPence: r.amount,
    title: `Refund${r.hours ? ` of ${hoursText(r.hours)}` : ''}: ${r.status.replace(/_/g, ' ')}`,
    detail: `${r.pi} · ${r.reason.replace(/_/g, ' ')}`,
  }));
}

function earnings(sqlite: Sqlite, l: string, i: string): HistoryEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT e.id, e.amount_pence AS amount, e.hours_from, e.hours_to, e.payable_on, e.status, e.created_at,
              p.stripe_payment_intent_id AS pi
       FROM earnings e JOIN lesson_completions c ON c.id = e.completion_id JOIN payments p ON p.id = e.payment_id
       WHERE c.learner_id = ? AND c.instructor_id = ?`,
    )
    .all(l, i) as {
    id: string;
    amount: number;
    hours_from: number;
    hours_to: number;
    payable_on: string;
    status: string;
    created_at: number;
    pi: string;
  }[];
  return rows.map((e) => ({
    kind: 'earning',
    id: e.id,
    at: e.created_at,
    hours: null,
    amountPence: e.amount,
    title: `Instructor earned ${formatPence(e.amount)}`,
    detail: `${e.hours_to - e.hours_from === 1 ? `Hour ${e.hours_to}` : `Hours ${e.hours_from + 1}–${e.hours_to}`} of ${e.pi} · payable ${formatDay(e.payable_on)} · ${e.status}`,
  }));
}

const ORDER: Record<HistoryEntry['kind'], number> = {
  payment: 0,
  refund: 1,
  completion: 2,
  earning: 3,
  reversal: 4,
};

export function pairHistory(sqlite: Sqlite, learnerId: string, instructorId: string): PairHistory {
  const learner = sqlite.prepare('SELECT id, name, email FROM users WHERE id = ?').get(learnerId) as
    PairHistory['learner'] | undefined;
  const instructor = sqlite
    .prepare('SELECT i.id, u.name FROM instructors i JOIN users u ON u.id = i.user_id WHERE i.id = ?')
    .get(instructorId) as PairHistory['instructor'] | undefined;
  if (!learner || !instructor) throw new AppError('not_found', 'That learner or instructor was not found.');
  const entries = [
    ...payments(sqlite, learnerId, instructorId),
    ...completions(sqlite, learnerId, instructorId),
    ...refunds(sqlite, learnerId, instructorId),
    ...earnings(sqlite, learnerId, instructorId),
  ].sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind] || (a.id < b.id ? -1 : 1));
  return { credit: creditOf(sqlite, learnerId, instructorId), learner, instructor, entries };
}
