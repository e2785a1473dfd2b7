// Every payment the Payments filters match, not the page on screen: their count and sums for the list's total line,
// and the export job (CSV or XLSX through src/main/exports) with the Stripe ids in their own columns.
import type { ParsedInputOf } from '../../shared/contract';
import type { BroadSearchTotals, PaymentTotals } from '../../shared/contract/payments';
import type { HandlerContext } from '../api/context';
import type { Sqlite } from '../db/open';
import { pagedRows } from '../exports/pages';
import { startExport } from '../exports/run-export';
import { sheet } from '../exports/table';
import { londonDate } from '../../shared/dates';
import { CHARGE_OF_INTENT } from './detail';
import { broadAndWide, COUNT_STEP, filterFrom, searchLearners, whereOf, type PaymentFilters } from './list';
import { countAtMost, Where } from '../db/sql';
import { PAYMENT_COLUMNS, PAYMENT_JOINS, type PaymentSqlRow } from './queries';

export function paymentTotals(
  sqlite: Sqlite,
  filters: PaymentFilters,
  learners = searchLearners(sqlite, filters),
): PaymentTotals {
  if (!filters.instructorId && !filters.code && !filters.q) return dayTotals(sqlite, filters);
  // By instructor, code or search: those filters use their own indexes and match few payments.
  return sumPayments(sqlite, filters, whereOf(filters, learners));
}

/**
 * The totals line: a search that names more learners than NARROW_LEARNERS, under filters that alone match more than
 * COUNT_STEP payments, may match most of the payments, too many to add up while the page waits: it says how many
 * the first of those learners have (up to COUNT_STEP), at least. The export still adds up and writes every one.
 */
export function paymentTotalsOnScreen(
  sqlite: Sqlite,
  filters: PaymentFilters,
): PaymentTotals | BroadSearchTotals {
  const learners = searchLearners(sqlite, filters);
  if (!broadAndWide(sqlite, filters, learners)) return paymentTotals(sqlite, filters, learners);
  const where = whereOf(filters, { ids: learners.ids, broad: false });
  return {
    count: countAtMost(sqlite, `${filterFrom(filters)} ${where.sql}`, where.params, COUNT_STEP),
    capped: true,
  };
}

function sumPayments(sqlite: Sqlite, filters: PaymentFilters, where: Where): PaymentTotals {
  return sqlite
    .prepare(
      `SELECT count(*) AS count, COALESCE(SUM(p.total_amount_pence), 0) AS totalPence,
         COALESCE(SUM(p.instructor_amount_pence), 0) AS instructorPence,
         COALESCE(SUM(p.platform_fee_pence), 0) AS feePence,
         COALESCE(SUM(p.amount_refunded_pence), 0) AS refundedPence
       ${filterFrom(filters)} ${where.sql}`,
    )
    .get(...where.params) as PaymentTotals;
}

/**
 * Unfiltered, or by status, type and London dates: summed from payment_day_totals (kept by triggers on payments,
 * one row per day, status and type), so a million payments cost a few hundred rows instead of a full scan.
 */
function dayTotals(sqlite: Sqlite, filters: PaymentFilters): PaymentTotals {
  const where = new Where();
  if (filters.status) where.add('status = ?', filters.status);
  if (filters.type) where.add('payment_type = ?', filters.type);
  if (filters.from) where.add('day >= ?', filters.from);
  if (filters.to) where.add('day <= ?', filters.to);
  return sqlite
    .prepare(
      `SELECT COALESCE(SUM(count), 0) AS count, COALESCE(SUM(total_pence), 0) AS totalPence,
         COALESCE(SUM(instructor_pence), 0) AS instructorPence, COALESCE(SUM(fee_pence), 0) AS feePence,
         COALESCE(SUM(refunded_pence), 0) AS refundedPence
       FROM payment_day_totals ${where.sql}`,
    )
    .get(...where.params) as PaymentTotals;
}

type ExportRow = PaymentSqlRow & { charge_id: string | null; _at: number; _id: string };

const STATUS_WORDS: Record<PaymentSqlRow['status'], string> = {
  pending: 'pending',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'cancelled',
  refunded: 'refunded',
  partially_refunded: 'partly refunded',
  disputed: 'disputed',
};

/** The matching payments oldest first, read a page at a time (a million rows stream with flat memory). */
export function paymentsListSheet(sqlite: Sqlite, filters: PaymentFilters) {
  const where = whereOf(filters, searchLearners(sqlite, filters));
  const and = where.sql ? `${where.sql} AND` : 'WHERE';
  return sheet<ExportRow>({
    name: 'Payments',
    columns: [
      { header: 'Created', kind: 'instant', value: (r) => r.created_at },
      { header: 'Payment id', kind: 'id', value: (r) => r.id, width: 38 },
      { header: 'PaymentIntent', kind: 'id', value: (r) => r.stripe_payment_intent_id },
      { header: 'Charge', kind: 'id', value: (r) => r.charge_id },
      { header: 'Status', kind: 'text', value: (r) => STATUS_WORDS[r.status], width: 16 },
      { header: 'Type', kind: 'text', value: (r) => r.payment_type, width: 12 },
      { header: 'Hours', kind: 'integer', value: (r) => r.hours },
      { header: 'Learner', kind: 'text', value: (r) => r.learner_name },
      { header: 'Learner email', kind: 'text', value: (r) => r.learner_email },
      { header: 'Instructor', kind: 'text', value: (r) => r.instructor_name },
      { header: 'Total (£)', kind: 'pence', value: (r) => r.total_amount_pence },
      { header: 'Instructor share (£)', kind: 'pence', value: (r) => r.instructor_amount_pence },
      { header: 'Platform fee (£)', kind: 'pence', value: (r) => r.platform_fee_pence },
      { header: 'Discount (£)', kind: 'pence', value: (r) => r.discount_pence },
      { header: 'Refunded (£)', kind: 'pence', value: (r) => r.amount_refunded_pence },
      { header: 'Code', kind: 'text', value: (r) => r.discount_code ?? r.referral_code, width: 14 },
    ],
    count: () => paymentTotals(sqlite, filters).count,
    rows: () =>
      pagedRows<ExportRow>(
        sqlite,
        (after) =>
          `SELECT p.created_at AS _at, p.id AS _id, ${PAYMENT_COLUMNS},
             (SELECT ${CHARGE_OF_INTENT} FROM stripe_object_states o WHERE o.id = p.stripe_payment_intent_id) AS charge_id
           FROM payments p ${PAYMENT_JOINS} ${and} ${after}`,
        where.params,
        { at: 'p.created_at', id: 'p.id' },
      ),
  });
}

export function startPaymentsExport(
  ctx: HandlerContext,
  input: ParsedInputOf<'payments.export'>,
): { jobId: string } {
  const { format, ...filters } = input;
  return startExport(ctx, {
    title: `Export payments (${format.toUpperCase()})`,
    baseName: `lplate-payments-${londonDate(ctx.clock.now())}`,
    format,
    sheets: [paymentsListSheet(ctx.sqlite, filters)],
    audit: { entityType: 'export', entityId: 'payments', details: { list: 'payments', filters } },
  });
}
