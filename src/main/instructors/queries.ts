// Instructors for the Instructors page: Connect status, earnings and prepaid credits per instructor, paged and sorted in SQL.
import type { ParsedInputOf } from '../../shared/contract';
import type { Page } from '../../shared/contract/define';
import type {
  ConnectView,
  InstructorFlagCode,
  InstructorNextFriday,
  InstructorRow,
  InstructorTotals,
} from '../../shared/contract/instructors';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from '../db/open';
import { dashboardUrl, likeAny, Where } from '../db/sql';
import { instructorsNextFriday } from '../payouts/next-friday';
import { clawCte } from '../payouts/owed';

export type InstructorQuery = ParsedInputOf<'instructors.list'>;

/**
 * One row per instructor with what the sorts and filters need; `flag` says why they cannot be paid. Earned and paid
 * over all time are the payout preview's own sums (owed.ts), kept per instructor in instructor_balances (earnings not
 * cancelled; their payable's lines in transfers and reversals, the console's and those made outside it); counted
 * clawbacks are few and summed here. owed = earned − paid − clawbacks, as the preview counts it. Nothing adds up
 * earnings or the journal, so the whole list costs a few index steps per instructor; the dearest is the user's name
 * (about 1 µs each), read only when a sort or a search needs it (`names`; without it name and email are NULL).
 */
const base = (names: boolean) => `
WITH ${clawCte()}, base AS (
  SELECT i.id, ${names ? 'u.name, u.email' : 'NULL AS name, NULL AS email'}, i.is_active, i.hourly_rate_pence,
         sca.stripe_account_id, sca.status AS connect_status, sca.charges_enabled, sca.payouts_enabled,
         sca.disabled_reason,
         COALESCE(ib.earned_pence, 0) AS earned, COALESCE(ib.paid_pence, 0) AS paid,
         COALESCE(claw.clawed, 0) AS clawbacks,
         COALESCE(ib.earned_pence, 0) - COALESCE(ib.paid_pence, 0) - COALESCE(claw.clawed, 0) AS owed,
         CASE WHEN sca.id IS NULL THEN 'no_account'
              WHEN sca.status IN ('restricted', 'rejected') THEN 'restricted'
              WHEN sca.payouts_enabled = 0 THEN 'payouts_disabled' END AS flag
  FROM instructors i
  ${names ? 'JOIN users u ON u.id = i.user_id' : ''}
  LEFT JOIN stripe_connect_accounts sca ON sca.instructor_id = i.id
  LEFT JOIN instructor_balances ib ON ib.instructor_id = i.id
  LEFT JOIN claw ON claw.instructor_id = i.id)`;

/**
 * Per shown row only, once the page is chosen: unused prepaid hours (purchased − used − refunded, counted once by the
 * credits projection for every screen) and their value, the balance of each
 * `learner_prepaid:{learner}:{instructor}` account of the instructor's credit rows (a liability: credit, shown positive).
 * Every prepaid account belongs to a payment, and every payment feeds the learner's credit row with its instructor.
 */
const PER_ROW = `
  (SELECT COALESCE(SUM(c.hours_purchased - c.hours_used - c.hours_refunded), 0)
     FROM learner_credits c WHERE c.instructor_id = b.id) AS credit_hours,
  (SELECT -COALESCE(SUM(l.amount_pence), 0) FROM learner_credits c
     CROSS JOIN journal_lines l ON l.account = 'learner_prepaid:' || c.learner_id || ':' || c.instructor_id
     WHERE c.instructor_id = b.id) AS credit_pence,
  (SELECT json_extract(o.payload, '$.requirements.currently_due') FROM stripe_objects o
     WHERE o.id = b.stripe_account_id) AS requirements_due`;

interface Row {
  id: string;
  name: string;
  email: string;
  is_active: number;
  hourly_rate_pence: number;
  stripe_account_id: string | null;
  connect_status: ConnectView['status'] | null;
  charges_enabled: number | null;
  payouts_enabled: number | null;
  disabled_reason: string | null;
  requirements_due: string | null;
  earned: number;
  paid: number;
  clawbacks: number;
  owed: number;
  credit_hours: number;
  credit_pence: number;
  flag: InstructorFlagCode | null;
}

const SORT_SQL = { name: 'b.name COLLATE NOCASE', owed: 'b.owed', earned: 'b.earned' } as const;

function flagReason(code: InstructorFlagCode, disabledReason: string | null): string {
  const why = disabledReason ? ` (${disabledReason.replace(/[._]/g, ' ')})` : '';
  switch (code) {
    case 'no_account':
      return 'No connected Stripe account: transfers cannot be sent until Connect onboarding is finished.';
    case 'restricted':
      return `Stripe account restricted${why}: Stripe needs more information before it pays out.`;
    case 'payouts_disabled':
      return `Payouts disabled by Stripe${why}: transfers would be held.`;
  }
}

function parseList(text: string | null): string[] {
  if (!text) return [];
  const value = JSON.parse(text) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toInstructor(
  r: Row,
  mode: WorkspaceInfo['mode'],
  nextFriday: Map<string, InstructorNextFriday>,
): InstructorRow {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    isActive: r.is_active === 1,
    hourlyRatePence: r.hourly_rate_pence,
    connect: r.stripe_account_id
      ? {
          accountId: r.stripe_account_id,
          dashboardUrl: dashboardUrl(mode, 'connect/accounts', r.stripe_account_id),
          status: r.connect_status!,
          chargesEnabled: r.charges_enabled === 1,
          payoutsEnabled: r.payouts_enabled === 1,
          disabledReason: r.disabled_reason,
          requirementsDue: parseList(r.requirements_due),
        }
      : null,
    earnedPence: r.earned,
    paidPence: r.paid,
    clawbacksPence: r.clawbacks,
    owedPence: r.owed,
    creditHours: r.credit_hours,
    creditPence: r.credit_pence,
    flag: r.flag ? { code: r.flag, reason: flagReason(r.flag, r.disabled_reason) } : null,
    nextFriday: nextFriday.get(r.id) ?? null,
  };
}

/** The filters alone: what the list, its totals and its export share. */
export type InstructorFilters = Omit<InstructorQuery, 'page' | 'pageSize' | 'sort'>;

export function instructorWhere(query: InstructorFilters): Where {
  const where = new Where();
  if (query.flagged === true) where.add('b.flag IS NOT NULL');
  if (query.flagged === false) where.add('b.flag IS NULL');
  if (query.q) {
    const like = likeAny(query.q);
    where.add(
      `(b.name LIKE ? ESCAPE '\\' OR b.email LIKE ? ESCAPE '\\' OR b.stripe_account_id = ? OR b.id = ?)`,
      like,
      like,
      query.q,
      query.q,
    );
  }
  return where;
}

/** Matching instructors in the list's order, `limit` from `offset`, with their per-row figures. */
export function instructorRows(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  query: InstructorFilters & Pick<InstructorQuery, 'sort'>,
  limit: number,
  offset: number,
  now: number,
): InstructorRow[] {
  const where = instructorWhere(query);
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const order = `${SORT_SQL[query.sort.column]} ${direction}, b.name COLLATE NOCASE, b.id`;
  // The page's ids are chosen first; the per-row sums then run for its rows alone.
  const rows = sqlite
    .prepare(
      `${base(true)}, page AS MATERIALIZED (SELECT b.* FROM base b ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?)
       SELECT b.*, ${PER_ROW} FROM page b ORDER BY ${order}`,
    )
    .all(...where.params, limit, offset) as Row[];
  const nextFriday = instructorsNextFriday(
    sqlite,
    now,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toInstructor(r, mode, nextFriday));
}

/** Count, earned, paid, clawed back and owed over every matching instructor (not only the page). */
export function instructorSums(sqlite: Sqlite, query: InstructorFilters) {
  const where = instructorWhere(query);
  return sqlite
    .prepare(
      `${base(Boolean(query.q))} SELECT count(*) AS count, COALESCE(SUM(b.earned), 0) AS earnedPence,
         COALESCE(SUM(b.paid), 0) AS paidPence, COALESCE(SUM(b.clawbacks), 0) AS clawbacksPence,
         COALESCE(SUM(b.owed), 0) AS owedPence
       FROM base b ${where.sql}`,
    )
    .get(...where.params) as InstructorTotals;
}

export function listInstructors(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  query: InstructorQuery,
  now: number,
): Page<InstructorRow> {
  const { count: total } = instructorSums(sqlite, query);
  const rows = instructorRows(sqlite, mode, query, query.pageSize, (query.page - 1) * query.pageSize, now);
  return { rows, total, page: query.page, pageSize: query.pageSize };
}
