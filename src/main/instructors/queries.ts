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
import { statement } from '../db/statements';
import { instructorsNextFriday } from '../payouts/next-friday';

export type InstructorQuery = ParsedInputOf<'instructors.list'>;

/**
 * One row per instructor with what the sorts and filters read, from instructor_list alone (kept by triggers): name,
 * email, Connect account, `flag` (why they cannot be paid), and the payout preview's own sums over all time (owed.ts):
 * earned (earnings not cancelled), paid (the lines on their payable of transfers and reversals, the console's and those
 * made outside it) and counted clawbacks. owed = earned − paid − clawbacks, written as instructor_list_owed_idx
 * writes it, so each sort walks its index (ties: name as NOCASE compares it, then id) and stops at the page.
 */
const BASE = `
WITH base AS (
  SELECT instructor_id AS id, name, email, stripe_account_id, flag, earned_pence AS earned, paid_pence AS paid,
         clawed_pence AS clawbacks, earned_pence - paid_pence - clawed_pence AS owed
  FROM instructor_list)`;

/**
 * Per shown row only, once the page is chosen: the instructor's rate and Connect details, unused prepaid hours
 * (purchased − used − refunded, counted once by the credits projection for every screen) and their value, the balance
 * of each `learner_prepaid:{learner}:{instructor}` account of the instructor's credit rows (a liability: credit, shown
 * positive). Every prepaid account belongs to a payment, and every payment feeds the learner's credit row with its
 * instructor.
 */
const PER_ROW = `
  i.is_active, i.hourly_rate_pence, sca.status AS connect_status, sca.charges_enabled, sca.payouts_enabled,
  sca.disabled_reason,
  (SELECT COALESCE(SUM(c.hours_purchased - c.hours_used - c.hours_refunded), 0)
     FROM learner_credits c WHERE c.instructor_id = b.id) AS credit_hours,
  (SELECT -COALESCE(SUM(l.amount_pence), 0) FROM learner_credits c
     CROSS JOIN journal_lines l ON l.account = 'learner_prepaid:' || c.learner_id || ':' || c.instructor_id
     WHERE c.instructor_id = b.id) AS credit_pence,
  (SELECT json_extract(o.payload, '$.requirements.currently_due') FROM stripe_object_states o
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

/** Each sort, then name and id, as the list has always ordered ties (a name sort walks instructor_list_name_idx). */
const ORDER_SQL = {
  name: (dir: string) => `b.name COLLATE NOCASE ${dir}, b.id`,
  owed: (dir: string) => `b.owed ${dir}, b.name COLLATE NOCASE, b.id`,
  earned: (dir: string) => `b.earned ${dir}, b.name COLLATE NOCASE, b.id`,
} as const;

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
  const order = ORDER_SQL[query.sort.column](query.sort.direction === 'asc' ? 'ASC' : 'DESC');
  // The page's ids are chosen from instructor_list first; the per-row details and sums then run for them alone.
  const rows = statement(
    sqlite,
    `${BASE}, page AS MATERIALIZED (SELECT b.id FROM base b ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?)
       SELECT b.*, ${PER_ROW}
       FROM page CROSS JOIN base b ON b.id = page.id
       JOIN instructors i ON i.id = b.id LEFT JOIN stripe_connect_accounts sca ON sca.instructor_id = b.id
       ORDER BY ${order}`,
  ).all(...where.params, limit, offset) as Row[];
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
  return statement(
    sqlite,
    `${BASE} SELECT count(*) AS count, COALESCE(SUM(b.earned), 0) AS earnedPence,
         COALESCE(SUM(b.paid), 0) AS paidPence, COALESCE(SUM(b.clawbacks), 0) AS clawbacksPence,
         COALESCE(SUM(b.owed), 0) AS owedPence
       FROM base b ${where.sql}`,
  ).get(...where.params) as InstructorTotals;
}

export function listInstructors(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  query: InstructorQuery,
  now: number,
): Page<InstructorRow> {
  const where = instructorWhere(query);
  const total = statement(sqlite, `${BASE} SELECT count(*) FROM base b ${where.sql}`, 'pluck').get(
    ...where.params,
  ) as number;
  const rows = instructorRows(sqlite, mode, query, query.pageSize, (query.page - 1) * query.pageSize, now);
  return { rows, total, page: query.page, pageSize: query.pageSize };
}
