// The itemized rows of a period, as export sheets: every money movement through the Stripe balance, and the
// payments, refunds, transfers, Stripe fees and discrepancies behind the figures — with Stripe ids and the
// marketplace's metadata (learner, instructor, payment type, hours, payout).
import type { Discrepancy } from '../../shared/contract/recon';
import type { Sqlite } from '../db/open';
import { pagedRows } from '../exports/pages';
import { fixedSheet, sheet, type ExportColumn } from '../exports/table';
import { CAPTURED } from '../overview/queries';
import type { Span } from './period';

const TX_ORDER = { at: 't.occurred_at', id: 't.id' };

interface Movement {
  _at: number;
  _id: string;
  kind: string;
  source: string;
  pence: number;
  pi: string | null;
  learnerId: string | null;
  learner: string | null;
  instructorId: string | null;
  instructor: string | null;
  type: string | null;
  hours: number | null;
  payoutId: string | null;
  payoutDate: string | null;
  description: string;
}

/**
 * A transaction's lines on the account summed by a subquery, not a join grouped by transaction: `GROUP BY t.id` had
 * SQLite walk every transaction ever written in id order for each page of 1,000 (1.5 s a page at full `large`).
 */
const MOVEMENT_SQL = (account: string) => (after: string) =>
  `SELECT t.occurred_at AS _at, t.id AS _id, t.kind, t.source_id AS source,
          (SELECT SUM(l.amount_pence) FROM journal_lines l WHERE l.transaction_id = t.id AND +l.account = '${account}') AS pence,
          p.stripe_payment_intent_id AS pi, t.learner_id AS learnerId, lu.name AS learner,
          t.instructor_id AS instructorId, iu.name AS instructor, p.payment_type AS type, p.hours,
          po.id AS payoutId, po.payout_date AS payoutDate, t.description
   FROM journal_transactions t
   LEFT JOIN payments p ON p.id = t.payment_id
   LEFT JOIN users lu ON lu.id = t.learner_id
   LEFT JOIN instructors i ON i.id = t.instructor_id LEFT JOIN users iu ON iu.id = i.user_id
   LEFT JOIN payouts po ON po.stripe_transfer_id = t.source_id
   WHERE t.occurred_at >= ? AND t.occurred_at < ?
     AND EXISTS (SELECT 1 FROM journal_lines l WHERE l.transaction_id = t.id AND +l.account = '${account}') AND ${after}`;

const MOVEMENT_COLUMNS: ExportColumn<Movement>[] = [
  { header: 'When (UTC)', kind: 'instant', value: (r) => r._at },
  { header: 'Movement', kind: 'text', value: (r) => r.kind, width: 16 },
  { header: 'Stripe id', kind: 'id', value: (r) => r.source },
  { header: 'Amount (£)', kind: 'pence', value: (r) => r.pence },
  { header: 'PaymentIntent', kind: 'id', value: (r) => r.pi },
  { header: 'Learner id', kind: 'id', value: (r) => r.learnerId },
  { header: 'Learner', kind: 'text', value: (r) => r.learner, width: 22 },
  { header: 'Instructor id', kind: 'id', value: (r) => r.instructorId },
  { header: 'Instructor', kind: 'text', value: (r) => r.instructor, width: 22 },
  { header: 'Payment type', kind: 'text', value: (r) => r.type, width: 12 },
  { header: 'Hours', kind: 'integer', value: (r) => r.hours },
  { header: 'Payout id', kind: 'id', value: (r) => r.payoutId },
  { header: 'Payout date', kind: 'date', value: (r) => r.payoutDate },
  { header: 'Journal transaction', kind: 'id', value: (r) => r._id },
  { header: 'Description', kind: 'text', value: (r) => r.description, width: 40 },
];

function countTx(sqlite: Sqlite, span: Span, account: string, kinds?: string[]): number {
  return sqlite
    .prepare(
      `SELECT count(*) FROM journal_transactions t
       WHERE t.occurred_at >= ? AND t.occurred_at < ?
         AND EXISTS (SELECT 1 FROM journal_lines l WHERE l.transaction_id = t.id AND +l.account = ?)
       ${kinds ? `AND t.kind IN (${kinds.map(() => '?').join(', ')})` : ''}`,
    )
    .pluck()
    .get(span.start, span.end, account, ...(kinds ?? [])) as number;
}

/** Every movement of the Stripe balance in the period (its sign: money in +, money out −). */
export function movementsSheet(sqlite: Sqlite, span: Span) {
  return sheet<Movement>({
    name: 'Movements',
    columns: MOVEMENT_COLUMNS,
    count: () => countTx(sqlite, span, 'stripe_balance'),
    rows: () => pagedRows<Movement>(sqlite, MOVEMENT_SQL('stripe_balance'), [span.start, span.end], TX_ORDER),
  });
}

/** Journal movements of one account and some kinds (transfers, fees), as a sheet of its own. */
function kindSheet(sqlite: Sqlite, span: Span, name: string, account: string, kinds: string[], sign: 1 | -1) {
  const filtered = (after: string) =>
    MOVEMENT_SQL(account)(`t.kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) AND ${after}`);
  return sheet<Movement>({
    name,
    columns: MOVEMENT_COLUMNS.map((c) =>
      c.kind === 'pence' ? { ...c, value: (r: Movement) => sign * r.pence } : c,
    ),
    count: () => countTx(sqlite, span, account, kinds),
    rows: () => pagedRows<Movement>(sqlite, filtered, [span.start, span.end], TX_ORDER),
  });
}

export const transfersSheet = (sqlite: Sqlite, span: Span) =>
  kindSheet(sqlite, span, 'Transfers', 'stripe_balance', ['transfer', 'reversal'], -1);
export const feesSheet = (sqlite: Sqlite, span: Span) =>
  kindSheet(sqlite, span, 'Stripe fees', 'stripe_fees_expense', ['stripe_fee', 'dispute'], 1);

interface PaymentItem {
  _at: number;
  _id: string;
  pi: string;
  learnerId: string;
  learner: string | null;
  instructorId: string;
  instructor: string | null;
  type: string;
  hours: number;
  total: number;
  instructorPence: number;
  fee: number;
  discount: number;
  code: string | null;
  refunded: number;
  status: string;
}

export function paymentsSheet(sqlite: Sqlite, span: Span) {
  const from = `FROM payments p LEFT JOIN users lu ON lu.id = p.learner_id
    LEFT JOIN instructors i ON i.id = p.instructor_id LEFT JOIN users iu ON iu.id = i.user_id
    LEFT JOIN discount_codes dc ON dc.id = p.discount_code_id LEFT JOIN referral_codes rc ON rc.id = p.referral_code_id
    WHERE p.created_at >= ? AND p.created_at < ? AND p.${CAPTURED}`;
  return sheet<PaymentItem>({
    name: 'Payments',
    columns: [
      { header: 'Created (UTC)', kind: 'instant', value: (r) => r._at },
      { header: 'PaymentIntent', kind: 'id', value: (r) => r.pi },
      { header: 'Payment id', kind: 'id', value: (r) => r._id },
      { header: 'Learner id', kind: 'id', value: (r) => r.learnerId },
      { header: 'Learner', kind: 'text', value: (r) => r.learner, width: 22 },
      { header: 'Instructor id', kind: 'id', value: (r) => r.instructorId },
      { header: 'Instructor', kind: 'text', value: (r) => r.instructor, width: 22 },
      { header: 'Type', kind: 'text', value: (r) => r.type, width: 12 },
      { header: 'Hours', kind: 'integer', value: (r) => r.hours },
      { header: 'Total (£)', kind: 'pence', value: (r) => r.total },
      { header: 'Instructor (£)', kind: 'pence', value: (r) => r.instructorPence },
      { header: 'Platform fee (£)', kind: 'pence', value: (r) => r.fee },
      { header: 'Discount (£)', kind: 'pence', value: (r) => r.discount },
      { header: 'Code', kind: 'text', value: (r) => r.code, width: 14 },
      { header: 'Refunded (£)', kind: 'pence', value: (r) => r.refunded },
      { header: 'Status', kind: 'text', value: (r) => r.status, width: 16 },
    ],
    count: () => sqlite.prepare(`SELECT count(*) ${from}`).pluck().get(span.start, span.end) as number,
    rows: () =>
      pagedRows<PaymentItem>(
        sqlite,
        (after) =>
          `SELECT p.created_at AS _at, p.id AS _id, p.stripe_payment_intent_id AS pi, p.learner_id AS learnerId,
                  lu.name AS learner, p.instructor_id AS instructorId, iu.name AS instructor, p.payment_type AS type,
                  p.hours, p.total_amount_pence AS total, p.instructor_amount_pence AS instructorPence,
                  p.platform_fee_pence AS fee, p.discount_pence AS discount, COALESCE(dc.code, rc.code) AS code,
                  p.amount_refunded_pence AS refunded, p.status ${from} AND ${after}`,
        [span.start, span.end],
        { at: 'p.created_at', id: 'p.id' },
      ),
  });
}

export const refundsSheet = (sqlite: Sqlite, span: Span) =>
  kindSheet(sqlite, span, 'Refunds', 'stripe_balance', ['refund', 'refund_failure'], -1);

export function discrepanciesSheet(found: Discrepancy[]) {
  return fixedSheet<Discrepancy>(
    'Discrepancies',
    [
      { header: 'Check', kind: 'text', value: (d) => d.kind, width: 26 },
      { header: 'What is wrong', kind: 'text', value: (d) => d.message, width: 80 },
      { header: 'Object ids', kind: 'text', value: (d) => d.ids.join(' '), width: 50 },
      { header: 'Stripe (£)', kind: 'pence', value: (d) => d.stripePence },
      { header: 'Ledger (£)', kind: 'pence', value: (d) => d.ledgerPence },
      {
        header: 'Link',
        kind: 'text',
        value: (d) => d.links.find((l) => l.external)?.href ?? null,
        width: 60,
      },
    ],
    found,
  );
}
